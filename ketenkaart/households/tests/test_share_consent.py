"""A share on the basis consent names who consented (the age rules of legal_basis.py); a
Consent row per child is recorded with the involvement, and a share without valid consent is
refused on the field, web and API alike, leaving nothing behind."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.legal_basis import ConsentBy
from ketenkaart.households.models import Consent, Involvement, LegalBasis, MemberRole
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent(household):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    return member.person


@pytest.fixture
def coach(local_team):
    return f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)


def _age(person, years):
    today = timezone.localdate()
    person.birth_date = today.replace(year=today.year - years) - datetime.timedelta(days=3)
    person.save()


def _web(client, involved, household, coach, consented_by):
    client.force_login(involved.user)
    return client.post(
        reverse("households:involvement_add", kwargs={"household_id": household.pk}),
        {
            "professional": coach.pk,
            "role_in_family": "Gezinscoach",
            "legal_basis": LegalBasis.CONSENT,
            "consented_by": [p.pk for p in consented_by],
        },
    )


def _api(involved, household, coach, consented_by):
    return Api(involved.user).post(
        f"/api/v1/gezinnen/{household.pk}/betrokkenen",
        {
            "professional": str(coach.pk),
            "rolBijGezin": "Gezinscoach",
            "grondslag": "toestemming",
            "toestemmingVan": [str(p.pk) for p in consented_by],
        },
    )


def _snapshot(household):
    return (
        Involvement.objects.filter(household=household).count(),
        Consent.objects.count(),
        AccessEvent.objects.filter(action__in=["household.involvement.added"]).count(),
        AccessEvent.objects.filter(action="household.consent.recorded").count(),
    )


def test_web_a_share_on_consent_records_who_consented(
    client, involved, household, coach, parent, child
):
    response = _web(client, involved, household, coach, [parent])
    assert response.status_code == 302
    involvement = Involvement.objects.get(household=household, professional=coach)
    consent = Consent.objects.get(involvement=involvement)
    assert (consent.subject, consent.needed_from, consent.by_subject) == (
        child,
        ConsentBy.PARENTS,
        False,
    )
    assert list(consent.parents.all()) == [parent]
    assert AccessEvent.objects.filter(
        action="household.consent.recorded", object_id=str(consent.pk)
    ).exists()


def test_web_the_form_offers_the_members_to_tick(client, involved, household, parent, child):
    client.force_login(involved.user)
    response = client.get(
        reverse("households:involvement_add", kwargs={"household_id": household.pk})
    )
    content = response.content.decode()
    assert "Wie gaf toestemming" in content
    assert f'value="{child.pk}"' in content and f'value="{parent.pk}"' in content


def test_web_without_who_consented_is_refused_on_the_field_and_nothing_changes(
    client, involved, household, coach, parent, child
):
    before = _snapshot(household)
    response = _web(client, involved, household, coach, [])
    assert response.status_code == 200
    assert "kies wie toestemming gaf" in response.context["form"].errors["consented_by"][0]
    assert _snapshot(household) == before


def test_web_a_child_of_14_must_consent_too(client, involved, household, coach, parent, child):
    _age(child, 14)
    before = _snapshot(household)
    response = _web(client, involved, household, coach, [parent])
    assert response.status_code == 200
    assert "het kind zelf" in response.context["form"].errors["consented_by"][0]
    assert _snapshot(household) == before
    assert _web(client, involved, household, coach, [parent, child]).status_code == 302
    consent = Consent.objects.get(subject=child)
    assert (consent.needed_from, consent.by_subject) == (ConsentBy.CHILD_AND_PARENTS, True)


def test_web_a_parent_without_authority_cannot_consent(
    client, involved, household, coach, parent, child
):
    member = household.members.get(person=parent)
    member.has_custody = False
    member.save()
    before = _snapshot(household)
    response = _web(client, involved, household, coach, [parent])
    assert "ouders met gezag" in response.context["form"].errors["consented_by"][0]
    assert _snapshot(household) == before


def test_api_a_youth_of_16_consents_alone(involved, household, coach, parent, child):
    _age(child, 16)
    response = _api(involved, household, coach, [child])
    assert response.status_code == 201, response.content
    consent = Consent.objects.get(subject=child)
    assert (consent.needed_from, consent.by_subject) == (ConsentBy.CHILD, True)
    assert not consent.parents.exists()


def test_api_a_refusal_names_the_field_and_changes_nothing(
    involved, household, coach, parent, child
):
    _age(child, 16)
    before = _snapshot(household)
    body = assert_problem(_api(involved, household, coach, [parent]), 400)
    assert invalid_names(_api(involved, household, coach, [parent])) == {"toestemmingVan"}
    assert "jongere" in str(body)
    assert _snapshot(household) == before


def test_api_someone_of_another_family_cannot_consent(involved, household, coach, parent):
    stranger = f.MemberFactory(role=MemberRole.PARENT, has_custody=True).person
    before = _snapshot(household)
    response = _api(involved, household, coach, [stranger])
    assert_problem(response, 400)
    assert invalid_names(response) == {"toestemmingVan"}
    assert _snapshot(household) == before


def test_another_basis_needs_no_consent(involved, household, police, parent):
    response = Api(involved.user).post(
        f"/api/v1/gezinnen/{household.pk}/betrokkenen",
        {
            "professional": str(police.pk),
            "rolBijGezin": "Wijkagent",
            "grondslag": "wettelijke_taak",
        },
    )
    assert response.status_code == 201, response.content
    assert not Consent.objects.exists()


def test_in_a_family_without_children_an_adult_consents_for_themselves(
    involved, household, coach, parent, child
):
    household.members.filter(person=child).delete()
    household.members.filter(person=parent).update(has_custody=False)
    response = _api(involved, household, coach, [parent])
    assert response.status_code == 201, response.content
    consent = Consent.objects.get()
    assert (consent.subject, consent.needed_from, consent.by_subject) == (
        parent,
        ConsentBy.CHILD,
        True,
    )
