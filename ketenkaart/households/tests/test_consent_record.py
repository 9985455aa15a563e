"""The consent record: who must consent by age, refusals that leave nothing behind, and the
family withdrawing through Mijn gezin."""

import datetime

import pytest
from django.utils import timezone

from ketenkaart.core.errors import DomainError
from ketenkaart.households.legal_basis import ConsentBy, consent_record
from ketenkaart.households.models import Consent, MemberRole
from ketenkaart.portal.models import FamilyAccount
from ketenkaart.testing import factories as f

DAY = datetime.date(2026, 3, 2)


def _born(years):
    return DAY.replace(year=DAY.year - years) - datetime.timedelta(days=10)


@pytest.fixture
def parent(household):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    return member.person


def test_under_12_the_parents_consent(involved, household, parent, child):
    child.birth_date = _born(9)
    child.save()
    with pytest.raises(DomainError):
        consent_record(
            by=involved, household=household, subject=child, purpose="Delen met school", day=DAY
        )
    assert not Consent.objects.exists()
    consent = consent_record(
        by=involved,
        household=household,
        subject=child,
        purpose="Delen met school",
        parents=[parent],
        day=DAY,
    )
    assert consent.needed_from == ConsentBy.PARENTS
    assert list(consent.parents.all()) == [parent]


def test_from_12_to_15_the_child_and_the_parents(involved, household, parent, child):
    child.birth_date = _born(14)
    child.save()
    with pytest.raises(DomainError) as error:
        consent_record(
            by=involved,
            household=household,
            subject=child,
            purpose="GGZ",
            parents=[parent],
            day=DAY,
        )
    assert error.value.field == "child_consent"
    consent = consent_record(
        by=involved,
        household=household,
        subject=child,
        purpose="GGZ",
        parents=[parent],
        by_subject=True,
        day=DAY,
    )
    assert consent.needed_from == ConsentBy.CHILD_AND_PARENTS


def test_from_16_the_youth_alone(involved, household, child):
    child.birth_date = _born(16)
    child.save()
    consent = consent_record(
        by=involved, household=household, subject=child, purpose="GGZ", by_subject=True, day=DAY
    )
    assert consent.needed_from == ConsentBy.CHILD and not consent.parents.exists()


def test_a_parent_without_authority_cannot_consent(involved, household, child):
    child.birth_date = _born(9)
    child.save()
    other = f.MemberFactory(household=household, role=MemberRole.PARENT, has_custody=False)
    with pytest.raises(DomainError) as error:
        consent_record(
            by=involved,
            household=household,
            subject=child,
            purpose="x",
            parents=[other.person],
            day=DAY,
        )
    assert error.value.field == "parents"
    assert not Consent.objects.exists()


def test_the_parent_withdraws_in_mijn_gezin(client, involved, household, parent, child):
    child.birth_date = _born(9)
    child.save()
    consent = consent_record(
        by=involved,
        household=household,
        subject=child,
        purpose="Delen met de huisarts",
        parents=[parent],
    )
    member = household.members.get(person=parent)
    user = f.UserFactory(username="ouder-toestemming")
    FamilyAccount.objects.create(
        user=user, member=member, household=household, created_at=timezone.now()
    )
    client.force_login(user)
    page = client.get("/mijn-gezin").content.decode()
    assert "Delen met de huisarts" in page and "Toestemming intrekken" in page
    response = client.post(f"/mijn-gezin/toestemmingen/{consent.pk}/intrekken")
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_by == parent and consent.withdrawn_at is not None
    assert involved.notifications.exists()
