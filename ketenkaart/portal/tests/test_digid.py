"""DigiD for families through the municipality's OIDC provider (a client of its own): the
provider's BSN claim logs in a member with an account, or one with an open invitation; nobody
else. Against a real OpenID Connect provider on loopback (ketenkaart.core.tests.oidc_provider),
which issues a synthetic BSN in the claim "bsn"."""

import datetime
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.login import audit
from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.households.models import MemberRole
from ketenkaart.portal import services
from ketenkaart.portal.models import FamilyAccount, Invitation
from ketenkaart.testing.oidc import provider_settings, running_provider, through_the_provider

CLIENT_ID = "ketenkaart-gezin-test"
CLIENT_SECRET = "geheim-van-de-gezinsclient"
CALLBACK = "http://testserver/mijn-gezin/digid/terug/"
PASSWORD = "digid-wachtwoord-test"
BSN_INVITED = synthetic_bsn(7001)
BSN_STRANGER = synthetic_bsn(7002)


@pytest.fixture(scope="module")
def provider():
    users = {f"ouder:{BSN_INVITED}": PASSWORD, f"vreemde:{BSN_STRANGER}": PASSWORD}
    with running_provider(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, callback=CALLBACK, users=users
    ) as url:
        yield url


@pytest.fixture
def digid(settings, provider):
    settings.KETENKAART_FAMILY_OIDC_ENABLED = True
    settings.KETENKAART_FAMILY_OIDC_CLIENT_ID = CLIENT_ID
    settings.KETENKAART_FAMILY_OIDC_CLIENT_SECRET = CLIENT_SECRET
    for suffix, url in provider_settings(provider).items():
        setattr(settings, f"KETENKAART_FAMILY_OIDC_{suffix}", url)
    settings.TWO_FACTOR_REQUIRED = True
    return provider


@pytest.fixture
def parent(household):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    member.person.bsn = BSN_INVITED
    member.person.save()
    return member


def log_in(client, username: str):
    start = client.get("/mijn-gezin/digid/")
    assert start.status_code == 302
    assert BSN_INVITED not in start["Location"]
    location = through_the_provider(
        start["Location"], callback=CALLBACK, username=username, password=PASSWORD
    )
    assert BSN_INVITED not in location
    query = parse_qs(urlsplit(location).query)
    return client.get(urlsplit(location).path, {k: v[0] for k, v in query.items()})


@pytest.mark.django_db
def test_an_invited_parent_logs_in_with_digid_and_gets_an_account(
    client, digid, involved, household, parent, caplog
):
    invitation, _code = services.invitation_create(by=involved, household=household, member=parent)
    with caplog.at_level(logging.DEBUG):
        response = log_in(client, "ouder")
    assert response.status_code == 302 and response["Location"] == "/mijn-gezin"
    account = FamilyAccount.objects.get(member=parent)
    assert client.session["_auth_user_id"] == str(account.user_id)
    assert not account.user.has_usable_password()
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    login = AccessEvent.objects.get(action=audit.LOGIN)
    assert (login.actor_user_id, login.legal_basis) == (account.user_id, "oidc")
    # The BSN is in no log line, no audit row.
    assert BSN_INVITED not in caplog.text
    rows = AccessEvent.objects.values_list()
    assert not any(BSN_INVITED in str(row) for row in rows)
    # DigiD is the second factor: the portal opens.
    assert client.get("/mijn-gezin").status_code == 200

    # The next time, the same account, no new invitation needed.
    client.logout()
    assert log_in(client, "ouder")["Location"] == "/mijn-gezin"
    assert FamilyAccount.objects.filter(member=parent).count() == 1


@pytest.mark.django_db
def test_without_an_invitation_nobody_gets_in_and_nothing_is_made(
    client, digid, involved, household, parent
):
    accounts = FamilyAccount.objects.count()
    response = log_in(client, "ouder")
    assert response["Location"] == "/mijn-gezin/uitnodiging"
    assert "_auth_user_id" not in client.session
    assert FamilyAccount.objects.count() == accounts
    assert AccessEvent.objects.filter(action=audit.LOGIN_FAILED).count() == 1


@pytest.mark.django_db
def test_an_expired_invitation_does_not_let_in(client, digid, involved, household, parent):
    invitation, _code = services.invitation_create(by=involved, household=household, member=parent)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=60),
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    response = log_in(client, "ouder")
    assert response["Location"] == "/mijn-gezin/uitnodiging"
    assert not FamilyAccount.objects.filter(member=parent).exists()


@pytest.mark.django_db
def test_a_bsn_of_nobody_here_is_not_let_in(client, digid, involved, household, parent):
    services.invitation_create(by=involved, household=household, member=parent)
    response = log_in(client, "vreemde")
    assert response["Location"] == "/mijn-gezin/uitnodiging"
    assert not FamilyAccount.objects.exists()


@pytest.mark.django_db
def test_the_professionals_provider_setting_does_not_open_digid(client, settings):
    settings.KETENKAART_FAMILY_OIDC_ENABLED = False
    assert client.get("/mijn-gezin/digid/").status_code == 404
    assert client.get("/mijn-gezin/digid/terug/").status_code == 404


@pytest.mark.django_db
def test_with_the_professionals_oidc_on_too_the_family_code_goes_to_the_family_client(
    client, digid, settings, involved, household, parent
):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "een-andere-client"
    settings.OIDC_RP_CLIENT_SECRET = "x"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{digid}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{digid}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{digid}/o/.well-known/jwks.json"
    services.invitation_create(by=involved, household=household, member=parent)
    assert log_in(client, "ouder")["Location"] == "/mijn-gezin"
    assert FamilyAccount.objects.filter(member=parent).exists()
