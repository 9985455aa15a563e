"""The invitation code is throttled per address (the person search's fixed-window counter):
past the limit even the right code is refused with 429, audited, and no account is made."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import MemberRole
from ketenkaart.portal import services
from ketenkaart.portal.models import FamilyAccount

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.KETENKAART = {**settings.KETENKAART, "FAMILY_CODE_LIMIT": "3/900"}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def code(household, involved):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    return services.invitation_create(by=involved, household=household, member=member)[1]


def _try(client, code, address="192.0.2.10"):
    return client.post(
        reverse("portal:redeem"),
        {
            "code": code,
            "username": "zonnebloem77",
            "password": "een-lang-wachtwoord-2026",
            "password_again": "een-lang-wachtwoord-2026",
        },
        REMOTE_ADDR=address,
    )


def test_past_the_limit_even_the_right_code_is_refused_and_nothing_is_made(client, code):
    for _ in range(3):
        response = _try(client, "AAAA-BBBB-CCCC")
        assert response.status_code == 400
    assert (
        AccessEvent.objects.filter(action="family.invitation.redeemed", outcome="denied").count()
        == 3
    )

    response = _try(client, code)
    assert response.status_code == 429
    assert "te vaak een code geprobeerd" in response.context["form"].errors["code"][0]
    assert not FamilyAccount.objects.exists()
    assert AccessEvent.objects.filter(action="family.invitation.limited", outcome="denied").exists()

    # Another address is not held back by this one.
    assert _try(client, code, address="192.0.2.99").status_code == 302
    assert FamilyAccount.objects.count() == 1
