"""/api/v1/gezinnen/{id}/buffers, /goede-momenten and /netwerk: personas, the two views apart,
problem+json naming every invalid field, and nothing stored on a refusal."""

import datetime

import pytest
import time_machine

from ketenkaart.api.tests.conftest import assert_problem, invalid_names, url
from ketenkaart.audit.models import AccessEvent
from ketenkaart.buffers.models import BufferObservation, GoodMoment
from ketenkaart.buffers.tests.conftest import moment, observe
from ketenkaart.safety_maps.models import SafetyMapVersion

TODAY = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db
RESOURCES = ["/buffers", "/goede-momenten", "/netwerk"]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.parametrize("rest", RESOURCES)
def test_involved_and_colleague_read_and_the_outsider_gets_404(
    api, involved, colleague, outsider, household, rest
):
    assert api(involved).get(url(household, rest)).status_code == 200
    assert api(colleague).get(url(household, rest)).status_code == 200
    assert_problem(api(outsider).get(url(household, rest)), 404)


@pytest.mark.parametrize("rest", RESOURCES)
def test_an_outsider_cannot_post_and_nothing_is_stored(api, outsider, household, rest):
    assert_problem(api(outsider).post(url(household, rest), {"naam": "x"}), 404)

    assert not BufferObservation.objects.exists()
    assert not GoodMoment.objects.exists()
    assert not SafetyMapVersion.objects.exists()


def test_buffers_come_back_as_two_views_never_one_value(api, involved, household, parent):
    observe(involved, household, parent, view="parent", footing="carries")
    observe(involved, household, parent, view="professional", footing="needs_support")

    data = api(involved).get(url(household, "/buffers")).json()["resultaten"]

    (entry,) = data
    assert entry["ouder"] == str(parent.pk)
    assert [o["draagt"] for o in entry["kijkOuder"]] == ["draagt"]
    assert [o["draagt"] for o in entry["kijkProfessional"]] == ["kan_steun_gebruiken"]
    assert not {"score", "gemiddelde", "totaal"} & set(entry)
    assert AccessEvent.objects.filter(action="buffers.read", household_id=household.pk).exists()


def test_posting_an_observation_stores_it(api, involved, household, parent):
    response = api(involved).post(
        url(household, "/buffers"),
        {
            "ouder": str(parent.pk),
            "kijk": "ouder",
            "buffer": "metapositie",
            "draagt": "groeit",
            "woorden": "Ik zie nu beter wanneer hij moe is.",
            "moment": "2026-11-30",
        },
    )

    assert response.status_code == 201, response.content
    assert BufferObservation.objects.get().view == "parent"


def test_a_bad_observation_names_every_invalid_field_and_stores_nothing(api, involved, household):
    response = api(involved).post(
        url(household, "/buffers"),
        {"ouder": "nee", "kijk": "buur", "buffer": "risico", "draagt": 3, "moment": "gisteren"},
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"ouder", "kijk", "buffer", "draagt", "woorden", "moment"}
    assert not BufferObservation.objects.exists()


def test_an_observation_of_someone_not_a_parent_is_a_problem_at_ouder(
    api, involved, household, child
):
    response = api(involved).post(
        url(household, "/buffers"),
        {
            "ouder": str(child.pk),
            "kijk": "ouder",
            "buffer": "verzorgen",
            "draagt": "groeit",
            "woorden": "x",
            "moment": "2026-11-30",
        },
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"ouder"}
    assert not BufferObservation.objects.exists()


def test_moments_are_listed_newest_first_and_paginated(api, involved, household):
    moment(involved, household, what="Eerst", occurred_on=datetime.date(2026, 10, 1))
    moment(involved, household, what="Later", occurred_on=datetime.date(2026, 11, 1))

    data = api(involved).get(url(household, "/goede-momenten")).json()

    assert data["aantal"] == 2
    assert [m["wat"] for m in data["resultaten"]] == ["Later", "Eerst"]


def test_a_future_moment_is_a_problem_at_wanneer(api, involved, household):
    response = api(involved).post(
        url(household, "/goede-momenten"),
        {"wat": "Fijn", "gezienDoor": "juf", "wanneer": "2027-01-01"},
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"wanneer"}
    assert not GoodMoment.objects.exists()


def test_the_network_is_the_safety_maps_network(api, involved, household):
    response = api(involved).post(
        url(household, "/netwerk"),
        {
            "naam": "Oma Fatma",
            "soortRelatie": "familie",
            "nabijheid": "dichtbij",
            "helptMet": "ophalen",
        },
    )

    assert response.status_code == 201, response.content
    data = api(involved).get(url(household, "/netwerk")).json()
    assert data["versieVeiligheidskaart"] == 1
    assert data["mensen"][0]["naam"] == "Oma Fatma"
    map_data = api(involved).get(url(household, "/veiligheidskaart")).json()
    assert map_data["inhoud"]["netwerk"][0]["naam"] == "Oma Fatma"
    assert map_data["inhoud"]["netwerk"][0]["nabijheid"] == "dichtbij"


def test_a_bad_network_person_names_every_field(api, involved, household):
    response = api(involved).post(
        url(household, "/netwerk"), {"soortRelatie": "kat", "nabijheid": 9}
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"naam", "soortRelatie", "nabijheid"}
    assert not SafetyMapVersion.objects.exists()


def test_the_safety_map_api_refuses_an_unknown_network_kind(api, involved, household):
    from ketenkaart.safety_maps.tests.conftest import content

    response = api(involved).put(
        url(household, "/veiligheidskaart"),
        {"inhoud": content(network=[{"name": "Oma", "kind": "kat"}])},
        HTTP_IF_MATCH=f'"{household.pk}-0"',
    )

    assert_problem(response, 400)
    assert not SafetyMapVersion.objects.exists()
