"""The monitor's API: the list with definitions, one indicator per area and period, problems
naming every invalid parameter, and policy only."""

import datetime

import pytest

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.monitor import jobs
from ketenkaart.monitor.indicators import REGISTRY
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f


@pytest.fixture
def api(world):
    return Api(world.policy.user)


def test_the_list_has_every_indicator_with_its_definition_in_the_envelope(api):
    body = api.get("/api/v1/monitor/indicatoren").json()
    assert body["aantal"] == len(REGISTRY)
    first = body["resultaten"][0]
    assert set(first) == {"code", "titel", "definitie", "thema", "eenheid", "norm"}
    norms = {i["code"]: i["norm"] for i in body["resultaten"]}
    assert norms["beoordeling_tijdig"] == "90.00" and norms["onderzoek_tijdig"] == "80.00"


def test_one_indicator_for_a_municipality_per_month(api, world, settings):
    settings.KETENKAART = {**settings.KETENKAART, "MONITOR_MIN_CELL": 1}
    jobs.refresh(since=datetime.date(2026, 1, 1))
    response = api.get(
        f"/api/v1/monitor/indicatoren/meldingen?gemeente={world.a.pk}&van=2026-01-01"
        "&tot=2026-02-28&per=maand"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["gemeente"] == str(world.a.pk) and body["per"] == "maand"
    assert body["reeksen"][0]["waarden"] == [
        {"periode": "2026-01", "start": "2026-01-01", "waarde": "2.00", "status": "ok", "basis": 2},
        {"periode": "2026-02", "start": "2026-02-01", "waarde": "0.00", "status": "ok", "basis": 0},
    ]
    weekly = api.get(
        "/api/v1/monitor/indicatoren/meldingen_radar?per=week&van=2026-01-05&tot=2026-01-11"
    ).json()
    assert {s["reeks"] for s in weekly["reeksen"]} == {"first", "repeat", "while_involved"}
    assert weekly["reeksen"][0]["waarden"][0]["periode"] == "2026-W02"


def test_bad_input_is_a_problem_naming_every_invalid_parameter(api):
    response = api.get(
        "/api/v1/monitor/indicatoren/meldingen?per=jaar&van=gisteren&gemeente=geen-uuid&regio=x"
    )
    body = assert_problem(response, 400)
    assert invalid_names(response) == {"per", "van", "gemeente", "regio"}
    assert all(param["reason"] for param in body["invalidParams"])


def test_a_region_or_municipality_outside_ones_own_is_refused_by_name(api, world):
    other = f.MunicipalityFactory(name="Elders")
    response = api.get(f"/api/v1/monitor/indicatoren/meldingen?gemeente={other.pk}")
    assert_problem(response, 400)
    assert invalid_names(response) == {"gemeente"}
    response = api.get(f"/api/v1/monitor/indicatoren/meldingen?regio={other.region_id}")
    assert invalid_names(response) == {"regio"}
    response = api.get("/api/v1/monitor/indicatoren/meldingen?van=2026-03-01&tot=2026-01-01")
    assert invalid_names(response) == {"tot"}


def test_an_unknown_indicator_is_a_404_problem(api):
    assert_problem(api.get("/api/v1/monitor/indicatoren/bestaat-niet"), 404)


@pytest.mark.parametrize("role", [Role.YOUTH_PROFESSIONAL, Role.EXEMPTION_TABLE, Role.POLICE])
def test_other_roles_get_a_403_problem(world, role):
    other = f.ProfessionalFactory(organisation=world.policy.organisation, role=role)
    client = Api(other.user)
    assert_problem(client.get("/api/v1/monitor/indicatoren"), 403)
    assert_problem(client.get("/api/v1/monitor/indicatoren/meldingen"), 403)


def test_anonymous_gets_a_401_problem(world):
    assert_problem(Api().get("/api/v1/monitor/indicatoren"), 401)


def test_the_questionnaires_come_with_their_results_suppressed_under_the_threshold(
    api, world, settings
):
    body = api.get("/api/v1/vragenlijsten").json()
    (item,) = body["resultaten"]
    assert item["aantalAntwoorden"] == 2 and item["onderdrukt"] is True
    assert item["vragen"][0]["aantallen"] is None
    settings.KETENKAART = {**settings.KETENKAART, "MONITOR_MIN_CELL": 2}
    (item,) = api.get("/api/v1/vragenlijsten").json()["resultaten"]
    assert item["vragen"][0]["aantallen"] == {"ja": 1, "deels": 0, "nee": 1}
