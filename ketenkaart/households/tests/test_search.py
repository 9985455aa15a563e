"""Search-before-create as prepared statements (households/search.py): who is found, which of
the found families the searcher may open, and a fixed number of statements per search."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from ketenkaart.access.models import EmergencyAccess
from ketenkaart.api.models import ApiToken, hash_token
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import MemberRole
from ketenkaart.households.search import household_matches
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

BIRTH = datetime.date(2016, 3, 1)  # the child of the `household` fixture


@pytest.fixture
def bsn(child):
    return child.bsn


def _found(user, **terms) -> list[tuple[str, bool, str]]:
    return [
        (m.household.name, m.visible, m.lead.professional.display_name if m.lead else "")
        for m in household_matches(user, **terms)
    ]


def test_a_family_the_searcher_cannot_see_names_only_its_regisseur(involved, outsider, bsn):
    assert _found(outsider.user, bsn=bsn) == [("Gezin De Vries", False, involved.display_name)]
    assert _found(involved.user, bsn=bsn) == [("Gezin De Vries", True, involved.display_name)]


def test_surname_and_birth_date_match_whatever_the_case_and_spaces(involved, outsider):
    [match] = household_matches(outsider.user, surname="  dE vRIES ", birth_date=BIRTH)
    assert (match.household.name, match.visible) == ("Gezin De Vries", False)
    assert match.reason == "Zelfde achternaam en geboortedatum"
    assert (
        household_matches(outsider.user, surname="De Vries", birth_date=BIRTH.replace(day=2)) == []
    )


def test_a_similar_name_is_found_only_among_the_families_one_may_see(involved, outsider):
    terms = {"surname": "De Vriesma", "birth_date": BIRTH}
    # One may open the family, so no regisseur is named to contact.
    assert _found(involved.user, **terms) == [("Gezin De Vries", True, "")]
    assert household_matches(involved.user, **terms)[0].reason == "Lijkende naam"
    assert _found(outsider.user, **terms) == []
    # Beside a BSN without a birth date, a similar name is searched without one too.
    terms = {"bsn": "999999990", "surname": "De Vr"}
    assert [m.reason for m in household_matches(involved.user, **terms)] == ["Lijkende naam"]
    assert household_matches(outsider.user, **terms) == []


def test_a_team_sees_its_organisations_families(household, involved, local_team, bsn):
    teammate = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    assert _found(teammate.user, bsn=bsn)[0][1] is False
    local_team.works_as_team = True
    local_team.save()
    teammate.refresh_from_db()
    assert _found(teammate.user, bsn=bsn)[0][1] is True


def test_emergency_access_opens_the_family_until_it_expires(household, involved, outsider, bsn):
    access = EmergencyAccess.objects.create(
        household=household,
        professional=outsider,
        reason="Acute zorg",
        granted_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=4),
    )
    assert _found(outsider.user, bsn=bsn)[0][1] is True
    access.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    access.save()
    assert _found(outsider.user, bsn=bsn)[0][1] is False


def test_a_user_who_is_no_professional_sees_no_family_it_finds(household, involved, bsn):
    admin = get_user_model().objects.create_user("beheer-test")
    assert _found(admin, bsn=bsn) == [("Gezin De Vries", False, involved.display_name)]
    assert household_matches(admin, bsn="999999990", surname="De Vr") == []


def test_no_terms_find_nothing_and_send_nothing(involved, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert household_matches(involved.user, surname="De Vries") == []
        assert household_matches(involved.user) == []


def test_at_most_twenty_exact_matches_in_name_order(involved, municipality):
    for n in range(22):
        household = f.HouseholdFactory(municipality=municipality, name=f"Gezin {n:02}")
        f.MemberFactory(
            household=household,
            role=MemberRole.CHILD,
            person__surname="Jansen",
            person__birth_date=BIRTH,
        )
    names = [
        m.household.name
        for m in household_matches(involved.user, surname="jansen", birth_date=BIRTH)
    ]
    assert names == [f"Gezin {n:02}" for n in range(20)]


# The token with its user and professional; the exact members with each one's visibility; their
# regisseurs; the similar names (only with a surname); the audit row of the search. Then one
# audit row per family found. 5 and 6 before, when the visibility of the found families was a
# statement of its own.
BY_BSN = 4
BY_NAME = 5


@pytest.mark.parametrize(
    ("terms", "statements"),
    [({"bsn": "x"}, BY_BSN), ({"achternaam": "De Vries", "geboortedatum": "2016-03-01"}, BY_NAME)],
)
def test_the_api_search_is_a_fixed_number_of_statements(
    household, involved, municipality, bsn, terms, statements, django_assert_num_queries
):
    body = {**terms, "bsn": bsn} if "bsn" in terms else terms
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=involved.user, digest=hash_token(raw))
    client = Client(headers={"authorization": f"Bearer {raw}"})
    assert client.post("/api/v1/personen/zoeken", body, "application/json").status_code == 200
    other = f.HouseholdFactory(municipality=municipality, name="Gezin Ander")
    f.MemberFactory(household=other, person__surname="De Vries", person__birth_date=BIRTH)
    f.MemberFactory(household=household, person__surname="De Vries", person__birth_date=BIRTH)
    before = AccessEvent.objects.count()
    found = 1 if "bsn" in terms else 2  # the other family has no BSN in common
    with django_assert_num_queries(statements + found):
        response = client.post("/api/v1/personen/zoeken", body, "application/json")
    assert len(response.json()["resultaten"]) == found
    assert AccessEvent.objects.count() == before + 1 + found


@pytest.mark.parametrize(
    "body",
    [
        "",
        "{}",
        "[]",
        '{"bsn": true}',
        '{"achternaam": ["De Vries"], "geboortedatum": "2016-03-01"}',
        '{"achternaam": "De\\u0000Vries", "geboortedatum": "2016-03-01"}',
        '{"achternaam": "De Vries", "geboortedatum": "1 maart"}',
        '{"bsn": {"$ne": ""}}',
        '{"bsn": 123456782}',
        '{"achternaam": 12, "geboortedatum": "2016-03-01"}',
    ],
)
def test_a_bad_search_is_a_400_and_searches_nothing(involved, body):
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=involved.user, digest=hash_token(raw))
    client = Client(headers={"authorization": f"Bearer {raw}"})
    response = client.post("/api/v1/personen/zoeken", body, "application/json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert not AccessEvent.objects.filter(action__in=["person.search", "household.search_match"])
