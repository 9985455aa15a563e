"""OIDC login against a real OpenID Connect provider (django-oauth-toolkit in OIDC mode) that
the test starts in its own process on 127.0.0.1: authorization code with PKCE, the ID token's
RS256 signature checked against the provider's JWKS, the username from the userinfo endpoint."""

from urllib.parse import parse_qs, urlsplit

import pytest

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.login import audit
from ketenkaart.testing import factories as f
from ketenkaart.testing.oidc import provider_settings, running_provider
from ketenkaart.testing.oidc import through_the_provider as oidc_walk

CLIENT_ID = "ketenkaart-test"
CLIENT_SECRET = "geheim-van-de-test-client"
CALLBACK = "http://testserver/inloggen/oidc/callback/"
IDP_PASSWORD = "wachtwoord-bij-de-gemeente"


@pytest.fixture(scope="module")
def provider():
    users = {"ambtenaar": IDP_PASSWORD, "onbekende": IDP_PASSWORD}
    with running_provider(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, callback=CALLBACK, users=users
    ) as url:
        yield url


@pytest.fixture
def oidc(settings, provider):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    for suffix, url in provider_settings(provider).items():
        setattr(settings, f"OIDC_OP_{suffix}", url)
    settings.TWO_FACTOR_REQUIRED = True
    return provider


def through_the_provider(client, username: str) -> str:
    """Start at Ketenkaart, log in at the provider as a browser would; return the callback."""
    start = client.get("/inloggen/oidc/authenticate/")
    assert start.status_code == 302
    return oidc_walk(start["Location"], callback=CALLBACK, username=username, password=IDP_PASSWORD)


def test_an_account_logs_in_through_the_municipalitys_provider(client, oidc, db):
    account = f.ProfessionalFactory(user__username="ambtenaar").user

    callback = through_the_provider(client, "ambtenaar")
    query = parse_qs(urlsplit(callback).query)
    assert set(query) >= {"code", "state"}
    response = client.get(urlsplit(callback).path, {k: v[0] for k, v in query.items()})

    assert response.status_code == 302
    assert response["Location"] == "/start"
    assert client.session["_auth_user_id"] == str(account.pk)
    event = AccessEvent.objects.get(action=audit.LOGIN)
    assert (event.actor_user_id, event.legal_basis) == (account.pk, "oidc")
    # The provider's login counts as both factors: no local code is asked.
    assert client.get("/").status_code == 200


def test_a_provider_user_without_an_account_here_is_not_logged_in(client, oidc, db):
    f.ProfessionalFactory(user__username="ambtenaar")

    callback = through_the_provider(client, "onbekende")
    query = parse_qs(urlsplit(callback).query)
    response = client.get(urlsplit(callback).path, {k: v[0] for k, v in query.items()})

    assert response.status_code == 302
    assert response["Location"] == "/inloggen"
    assert "_auth_user_id" not in client.session
    assert AccessEvent.objects.filter(action=audit.LOGIN_FAILED).count() == 1
    assert not AccessEvent.objects.filter(action=audit.LOGIN).exists()


def test_without_configuration_the_oidc_pages_do_not_exist(client, db, settings):
    settings.OIDC_ENABLED = False
    assert client.get("/inloggen/oidc/authenticate/").status_code == 404
    assert client.get("/inloggen/oidc/callback/").status_code == 404
