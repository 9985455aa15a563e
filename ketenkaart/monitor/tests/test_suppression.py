"""Cells under the threshold are never shown: not on the page, not in a CSV, not in the API."""

import datetime

import pytest
from django.test import Client

from ketenkaart.monitor.indicators import BY_CODE
from ketenkaart.monitor.models import Cell
from ketenkaart.monitor.selectors import shown
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("base", "status", "value"),
    [(9, "suppressed", None), (10, "ok", 10.0), (11, "ok", 11.0), (0, "ok", 0.0)],
)
def test_a_count_under_the_threshold_is_suppressed(base, status, value):
    point = shown(BY_CODE["meldingen"], base, base, minimum=10)
    assert (point.status, point.value) == (status, value)


@pytest.mark.parametrize(
    ("base", "status", "value"), [(9, "suppressed", None), (10, "ok", 90.0), (11, "ok", 81.8)]
)
def test_a_share_resting_on_too_few_is_suppressed(base, status, value):
    point = shown(BY_CODE["beoordeling_tijdig"], base, 9, minimum=10)
    assert (point.status, point.value) == (status, value)


def test_a_share_of_nothing_is_empty_not_zero():
    assert shown(BY_CODE["beoordeling_tijdig"], 0, 0, minimum=10).status == "empty"


@pytest.fixture
def policy(db):
    region = f.RegionFactory(name="Regio Drempel")
    f.MunicipalityFactory(region=region, name="Drempeldorp")
    org = f.OrganisationFactory(region=region)
    return f.ProfessionalFactory(
        user__username="beleid-drempel", organisation=org, role=Role.POLICY
    )


@pytest.fixture
def three_months(policy, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 15, 12), tick=False)
    region = policy.organisation.region
    for month, base in ((1, 9), (2, 10), (3, 11)):
        Cell.objects.create(
            indicator="meldingen",
            region=region,
            period="month",
            period_start=datetime.date(2026, month, 1),
            base=base,
            total=base,
        )
    client = Client()
    client.force_login(policy.user)
    return client


def test_the_page_the_csv_and_the_api_suppress_nine_and_show_ten_and_eleven(three_months, settings):
    settings.KETENKAART = {**settings.KETENKAART, "MONITOR_MIN_CELL": 10}
    page = three_months.get("/monitor?van=2026-01-01&tot=2026-03-31").content.decode()
    table = page.split('id="indicator-meldingen"')[1].split("</table>")[0]
    assert "2026-01</th><td" in table
    row = table.split("2026-01</th>")[1].split("</tr>")[0]
    assert "&lt;10" in row and ">9<" not in row
    assert ">10</td>" in table.split("2026-02</th>")[1].split("</tr>")[0]
    assert ">11</td>" in table.split("2026-03</th>")[1].split("</tr>")[0]
    csv = three_months.get("/monitor/export/meldingen").content.decode()
    assert "2026-01,<10\r\n" in csv and "2026-02,10\r\n" in csv and "2026-03,11\r\n" in csv
    body = three_months.get(
        "/api/v1/monitor/indicatoren/meldingen?van=2026-01-01&tot=2026-03-31"
    ).json()
    values = {
        v["periode"]: (v["waarde"], v["status"], v["basis"]) for v in body["reeksen"][0]["waarden"]
    }
    assert values == {
        "2026-01": (None, "onderdrukt", None),
        "2026-02": ("10.00", "ok", 10),
        "2026-03": ("11.00", "ok", 11),
    }
    # The SVG draws no point for the suppressed month: two dots, not three.
    svg = page.split('id="indicator-meldingen"')[1].split("</svg>")[0]
    assert svg.count("<circle") == 2


def test_the_threshold_is_a_setting(three_months, settings):
    settings.KETENKAART = {**settings.KETENKAART, "MONITOR_MIN_CELL": 11}
    body = three_months.get(
        "/api/v1/monitor/indicatoren/meldingen?van=2026-01-01&tot=2026-03-31"
    ).json()
    assert [v["status"] for v in body["reeksen"][0]["waarden"]] == [
        "onderdrukt",
        "onderdrukt",
        "ok",
    ]
    assert body["drempel"] == 11
