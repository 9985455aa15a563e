"""The demo's synthetic history: every chart of the region's dashboard shows numbers (not only
suppressed cells) over the last months (investigations need ten weeks to show), and loading again adds nothing."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command

from ketenkaart.households.models import Household
from ketenkaart.monitor import selectors
from ketenkaart.organisations.models import Region
from ketenkaart.reports.models import Report

FROZEN = datetime.datetime(2026, 3, 18, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
# Per region a few a month: always under the threshold, so suppressed (as it should be).
RARE = {"beleidssignalen"}


@pytest.fixture
def demo(settings, db, time_machine):
    settings.DEMO_MODE = True
    settings.KETENKAART = {**settings.KETENKAART, "DEMO_HISTORY_WEEKS": 20}
    time_machine.move_to(FROZEN, tick=False)
    call_command("loaddemo", stdout=None)
    return Region.objects.get(name="Regio Vlietland")


def test_every_chart_shows_the_last_months_and_a_second_load_adds_nothing(demo):
    data = selectors.dashboard(
        region_id=demo.pk,
        period="month",
        first=datetime.date(2026, 1, 1),
        last=datetime.date(2026, 2, 28),
    )
    for item in data:
        if item.indicator.code in RARE:
            continue
        shown = [
            any(s.points[i].status == "ok" and s.points[i].value for s in item.series)
            for i in range(len(item.starts))
        ]
        assert all(shown), (item.indicator.code, shown)
    reports, households = Report.objects.count(), Household.objects.count()
    assert reports > 1500
    call_command("loaddemo", stdout=None)
    assert (Report.objects.count(), Household.objects.count()) == (reports, households)
