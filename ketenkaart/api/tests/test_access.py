"""Who sees a family through the API: the gate decides, not seeing answers 404."""

import datetime
import uuid
from types import SimpleNamespace

import pytest
from django.utils import timezone

from ketenkaart.access.models import EmergencyAccess
from ketenkaart.api.tests.conftest import assert_problem, url
from ketenkaart.households.models import CourtMeasure, Involvement, Member
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

# Every endpoint under one family, with a method and a body that would be valid for the regisseur.
FAMILY_ENDPOINTS = [
    ("get", ""),
    ("get", "/leden"),
    ("post", "/leden"),
    ("get", "/betrokkenen"),
    ("post", "/betrokkenen"),
    ("get", "/regie"),
    ("post", "/regie/verzoeken"),
    ("get", "/maatregelen"),
    ("post", "/maatregelen"),
    ("get", "/maatregelen/{measure}"),
    ("post", "/maatregelen/{measure}/verlenging"),
    ("post", "/maatregelen/{measure}/beeindiging"),
    ("get", "/toegangslog"),
]


def call(client, method, household, path, measure, body=None):
    target = url(household, path.format(measure=measure.pk))
    return getattr(client, method)(target, body) if method != "get" else client.get(target)


@pytest.mark.parametrize(("method", "path"), FAMILY_ENDPOINTS)
def test_it_hides_family_from_outsider(api, household, involved, outsider, measure, method, path):
    body = {"voornamen": "Piet", "achternaam": "Jansen", "rol": "ouder"}
    members_before = Member.objects.count()

    response = call(api(outsider), method, household, path, measure, body)

    assert_problem(response, 404)
    assert Member.objects.count() == members_before


@pytest.mark.parametrize(("method", "path"), FAMILY_ENDPOINTS)
def test_it_answers_a_hidden_family_exactly_like_a_missing_one(
    api, household, involved, outsider, measure, method, path
):
    missing = SimpleNamespace(pk=uuid.uuid4())

    hidden = call(api(outsider), method, household, path, measure).json()
    absent = call(api(outsider), method, missing, path, measure).json()

    assert {k: v for k, v in hidden.items() if k != "instance"} == {
        k: v for k, v in absent.items() if k != "instance"
    }


def test_it_shows_the_dossier_to_an_involved_colleague_of_another_organisation(
    api, household, involved, colleague, child
):
    response = api(colleague).get(url(household))

    assert response.status_code == 200
    dossier = response.json()
    assert dossier["naam"] == "Gezin De Vries"
    assert dossier["regisseur"]["naam"] == involved.display_name
    assert {m["persoonId"] for m in dossier["leden"]} >= {str(child.pk)}
    assert {b["organisatie"] for b in dossier["betrokkenen"]} == {
        "Wijkteam Testdorp",
        "Veilig Thuis Test",
    }


def test_it_lists_only_the_families_the_caller_may_see(api, household, involved, outsider):
    f.HouseholdFactory(name="Gezin Onbekend")

    mine = api(involved).get("/api/v1/gezinnen").json()
    theirs = api(outsider).get("/api/v1/gezinnen").json()

    assert [g["naam"] for g in mine["resultaten"]] == ["Gezin De Vries"]
    assert mine["aantal"] == 1
    assert theirs == {"aantal": 0, "volgende": None, "vorige": None, "resultaten": []}


@pytest.mark.parametrize("role", [Role.POLICE, Role.REPORTER, Role.POLICY])
def test_it_gives_police_reporters_and_policy_an_empty_list_and_no_dossier(
    api, household, involved, region, role
):
    # Even when such a user is on the family's involvement list, they read no dossier.
    org = f.OrganisationFactory(region=region, police=True)
    reader = f.ProfessionalFactory(organisation=org, role=role)
    f.InvolvementFactory(household=household, professional=reader)
    client = api(reader)

    assert client.get("/api/v1/gezinnen").json()["resultaten"] == []
    assert_problem(client.get(url(household)), 404)
    assert_problem(client.get(url(household, "/leden")), 404)


def test_it_refuses_police_a_person_search(api, police, household, involved):
    response = api(police).post("/api/v1/personen/zoeken", {"achternaam": "De Vries"})

    assert_problem(response, 403)


def test_it_lets_emergency_access_read_but_not_write(api, household, involved, outsider):
    EmergencyAccess.objects.create(
        household=household,
        professional=outsider,
        reason="Acute zorg",
        granted_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=4),
    )
    client = api(outsider)

    assert client.get(url(household)).status_code == 200
    response = client.post(
        url(household, "/leden"), {"voornamen": "Piet", "achternaam": "Jansen", "rol": "ouder"}
    )
    assert_problem(response, 403)
    assert not Member.objects.filter(person__given_names="Piet").exists()


def test_it_refuses_a_write_by_an_outsider_before_reading_the_body(
    api, household, involved, outsider
):
    # Invalid input from an outsider still answers 404: validation must not reveal the family.
    response = api(outsider).post(url(household, "/maatregelen"), {"soort": "onzin"})

    assert_problem(response, 404)
    assert not CourtMeasure.objects.exists()


def test_it_refuses_an_unauthenticated_caller(household, involved, api):
    response = api().get("/api/v1/gezinnen")

    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"


def test_it_shows_a_new_involvement_to_the_added_professional(
    api, household, involved, jeugdbeschermer
):
    parent = household.members.get(role="parent")
    parent.has_custody = True
    parent.save()
    response = api(involved).post(
        url(household, "/betrokkenen"),
        {
            "professional": str(jeugdbeschermer.pk),
            "rolBijGezin": "Jeugdbeschermer",
            "grondslag": "toestemming",
            "toestemmingVan": [str(parent.person_id)],
        },
    )

    assert response.status_code == 201, response.content
    assert Involvement.objects.filter(household=household, professional=jeugdbeschermer).exists()
    assert api(jeugdbeschermer).get(url(household)).status_code == 200
