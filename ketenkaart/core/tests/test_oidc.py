"""OIDC login against a real OpenID Connect provider (django-oauth-toolkit in OIDC mode) that
the test starts in its own process on 127.0.0.1: authorization code with PKCE, the ID token's
RS256 signature checked against the provider's JWKS, the username from the userinfo endpoint."""

import subprocess
import sys
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.login import audit
from ketenkaart.testing import factories as f

CLIENT_ID = "ketenkaart-test"
CLIENT_SECRET = "geheim-van-de-test-client"
CALLBACK = "http://testserver/inloggen/oidc/callback/"
IDP_PASSWORD = "wachtwoord-bij-de-gemeente"


@pytest.fixture(scope="module")
def provider():
    process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "ketenkaart.core.tests.oidc_provider.serve",
            CLIENT_ID,
            CLIENT_SECRET,
            CALLBACK,
            "ambtenaar",
            IDP_PASSWORD,
            "onbekende",
            IDP_PASSWORD,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    try:
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}"
    finally:
        process.stdin.close()
        process.wait(timeout=10)


@pytest.fixture
def oidc(settings, provider):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/o/.well-known/jwks.json"
    settings.TWO_FACTOR_REQUIRED = True
    return provider


def through_the_provider(client, username: str) -> str:
    """Start at Ketenkaart, log in at the provider as a browser would; return the callback."""
    start = client.get("/inloggen/oidc/authenticate/")
    assert start.status_code == 302
    browser = requests.Session()
    location = start["Location"]
    for _ in range(6):
        if location.startswith(CALLBACK):
            return location
        response = browser.get(location, allow_redirects=False, timeout=10)
        if response.status_code == 200:  # the provider's login form
            response = browser.post(
                response.url,
                {"username": username, "password": IDP_PASSWORD},
                allow_redirects=False,
                timeout=10,
            )
        assert response.status_code == 302, response.text[:300]
        location = urljoin(response.url, response.headers["Location"])
    raise AssertionError("the provider never sent the browser back")


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
