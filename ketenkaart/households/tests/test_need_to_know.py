"""Issue 9, findings 2, 3 and 5: the API obeys the same region and role rules as the web form;
a BSN known in another dossier reveals nothing; person search has a limit. Every refusal
also checks that nothing changed."""

import pytest

from ketenkaart.api.tests.conftest import Api, assert_problem, url
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.households.models import (
    HandoverOffer,
    Involvement,
    Member,
    MemberRole,
    PossibleDuplicate,
)
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f


def test_the_api_does_not_involve_a_professional_of_another_region(household, involved):
    elsewhere = f.ProfessionalFactory(role=Role.YOUTH_PROFESSIONAL)  # a region of its own
    response = Api(involved.user).post(
        url(household, "/betrokkenen"),
        {
            "professional": str(elsewhere.pk),
            "rolBijGezin": "Hulpverlener",
            "grondslag": "consent",
        },
    )
    assert_problem(response, 400)
    assert not Involvement.objects.filter(professional=elsewhere).exists()


def test_the_api_does_not_involve_the_ventieltafel(household, involved, local_team):
    table = f.ProfessionalFactory(organisation=local_team, role=Role.EXEMPTION_TABLE)
    response = Api(involved.user).post(
        url(household, "/betrokkenen"),
        {"professional": str(table.pk), "rolBijGezin": "Kijkt mee", "grondslag": "consent"},
    )
    assert_problem(response, 400)
    assert not Involvement.objects.filter(professional=table).exists()


def test_the_api_does_not_hand_regie_to_another_region(household, involved):
    # Finding 2: the API's handover (now a question the receiver accepts) keeps to the region.
    elsewhere = f.ProfessionalFactory(role=Role.YOUTH_PROFESSIONAL)
    response = Api(involved.user).post(
        url(household, "/regie/verzoeken"), {"regisseur": str(elsewhere.pk), "reden": "Verhuisd."}
    )
    problem = assert_problem(response, 400)
    assert problem["detail"] == "Kies een regisseur uit de regio van dit gezin."
    assert [p["name"] for p in problem["invalidParams"]] == ["regisseur"]
    assert not HandoverOffer.objects.exists()
    assert Involvement.objects.get(household=household, is_lead=True).professional == involved


@pytest.fixture
def other_family(municipality):
    """A dossier the involved professional may not read, with a known BSN."""
    other = f.HouseholdFactory(municipality=municipality, name="Gezin Elders")
    member = f.MemberFactory(
        household=other,
        person__surname="De Vries",
        person__given_names="Geheime Naam",
        role=MemberRole.PARENT,
    )
    return member.person


def test_a_bsn_known_elsewhere_reveals_nothing_and_tells_the_privacy_officer(
    household, involved, other_family, privacy_officer
):
    response = Api(involved.user).post(
        url(household, "/leden"),
        {
            "voornamen": "Typt Iets",
            "achternaam": "De Vries",
            "bsn": other_family.bsn,
            "rol": "ouder",
            "geboortedatum": "1990-01-01",
        },
    )
    assert response.status_code == 201, response.content
    text = response.content.decode()
    assert "Geheime Naam" not in text
    assert str(other_family.birth_date) not in text
    assert str(other_family.pk) not in text
    member = Member.objects.get(household=household, person__given_names="Typt Iets")
    assert member.person_id != other_family.pk
    duplicate = PossibleDuplicate.objects.get(member=member)
    assert duplicate.known_person_id == other_family.pk
    note = Notification.objects.get(recipient=privacy_officer, kind=Kind.PRIVACY)
    assert "Geheime" not in note.title + note.body and other_family.bsn not in note.body


def test_a_bsn_known_in_a_dossier_the_caller_reads_links_the_person(
    household, involved, other_family
):
    f.InvolvementFactory(household=other_family.memberships.get().household, professional=involved)
    response = Api(involved.user).post(
        url(household, "/leden"),
        {"voornamen": "X", "achternaam": "De Vries", "bsn": other_family.bsn, "rol": "ouder"},
    )
    assert response.status_code == 201, response.content
    assert Member.objects.filter(household=household, person=other_family).exists()
    assert not PossibleDuplicate.objects.exists()


def test_person_search_is_limited_answers_429_and_tells_the_privacy_officer(
    settings, involved, privacy_officer
):
    settings.KETENKAART = {**settings.KETENKAART, "PERSON_SEARCH_LIMIT": "3/600"}
    from django.core.cache import cache

    cache.clear()
    api = Api(involved.user)
    for _ in range(3):
        response = api.post("/api/v1/personen/zoeken", {"bsn": "111222333"})
        assert response.status_code == 200, response.content
    body = assert_problem(api.post("/api/v1/personen/zoeken", {"bsn": "111222333"}), 429)
    assert "te vaak" in body["detail"]
    assert AccessEvent.objects.filter(
        action="person.search.limited", outcome=Outcome.DENIED, actor_user_id=involved.user.pk
    ).exists()
    assert Notification.objects.filter(recipient=privacy_officer, kind=Kind.PRIVACY).count() == 1
    # The web search obeys the same counter.
    from django.test import Client

    client = Client()
    client.force_login(involved.user)
    page = client.post("/gezinnen/nieuw", {"bsn": "111222333"})
    assert page.status_code == 429
    cache.clear()
