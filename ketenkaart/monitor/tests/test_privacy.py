"""The policy role sees no person anywhere: every page and API answer it can read, the monitor's
pages, CSVs and API at every kind of period included, scanned for the name and the BSN of
every person of the demo (with its synthetic history) and the name of every family. The
threshold is set to 1 here, so that as much as possible is shown."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from ketenkaart.households.models import Household, Person
from ketenkaart.monitor.indicators import REGISTRY
from ketenkaart.reports.models import ReportPerson
from tests.access.matrix import demo_ids, routes

FROZEN = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def demo(settings, db, time_machine):
    settings.DEMO_MODE = True
    settings.KETENKAART = {
        **settings.KETENKAART,
        "DEMO_HISTORY_WEEKS": 10,
        "MONITOR_MIN_CELL": 1,
        "PERSON_SEARCH_LIMIT": "100000/600",
    }
    time_machine.move_to(FROZEN, tick=False)
    call_command("loaddemo", stdout=None)
    cache.clear()


def secrets() -> set[str]:
    found = set()
    for person in Person.objects.all():
        found.add(person.full_name)
        if person.bsn:
            found.add(person.bsn)
    for person in ReportPerson.objects.all():
        found.add(person.full_name)
        if person.bsn:
            found.add(person.bsn)
    found |= set(Household.objects.values_list("name", flat=True))
    return {s for s in found if len(s) >= 5}


def monitor_urls() -> list[str]:
    urls = [
        "/monitor/export/veilig-thuis?per=kwartaal",
        "/monitor/export/veilig-thuis?per=halfjaar",
    ]
    for per in ("week", "maand", "kwartaal"):
        query = f"?per={per}&van=2025-06-01&tot=2026-03-01"
        urls.append(f"/monitor{query}")
        for indicator in REGISTRY:
            urls.append(f"/monitor/export/{indicator.code}{query}")
            urls.append(f"/api/v1/monitor/indicatoren/{indicator.code}{query}")
    return [*urls, "/api/v1/monitor/indicatoren", "/api/v1/vragenlijsten", "/vragenlijsten"]


def test_the_policy_role_sees_no_person_or_family_anywhere(demo):
    beleid = get_user_model().objects.get(username="beleid")
    client = Client()
    client.force_login(beleid)
    hidden = secrets()
    assert len(hidden) > 100  # the history's parents and families are in it
    ids = demo_ids()
    pages = [url for route in routes() if (url := route.url(ids)) is not None]
    read = 0
    for url in monitor_urls() + pages:
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        read += 1
        body = response.content.decode()
        leaked = [secret for secret in hidden if secret in body]
        assert not leaked, (url, leaked[:3])
    # The monitor's own pages (3 dashboards, 2 VT exports, 69 CSVs, 69 API answers, ...).
    assert read >= 150
