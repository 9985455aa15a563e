"""A real OpenID Connect provider for tests (django-oauth-toolkit in OIDC mode, run by
ketenkaart.core.tests.oidc_provider.serve in its own process on 127.0.0.1), and a browser's
walk through its login form. Shared by the municipality's OIDC login and DigiD tests."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urljoin

import requests


@contextmanager
def running_provider(
    *, client_id: str, client_secret: str, callback: str, users: dict[str, str]
) -> Iterator[str]:
    """Start the provider with one client and these users (username → password; a username
    `name:bsn` carries a BSN claim); yields its base URL and stops it afterwards."""
    credentials = [part for user in users.items() for part in user]
    process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "ketenkaart.core.tests.oidc_provider.serve",
            client_id,
            client_secret,
            callback,
            *credentials,
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


def provider_settings(provider: str) -> dict[str, str]:
    """The provider's endpoints, by the suffix of the settings that name them."""
    return {
        "AUTHORIZATION_ENDPOINT": f"{provider}/o/authorize/",
        "TOKEN_ENDPOINT": f"{provider}/o/token/",
        "USER_ENDPOINT": f"{provider}/o/userinfo/",
        "JWKS_ENDPOINT": f"{provider}/o/.well-known/jwks.json",
    }


def through_the_provider(location: str, *, callback: str, username: str, password: str) -> str:
    """Follow Ketenkaart's redirect to the provider as a browser would, logging in at its
    form; return the URL the provider sends the browser back to."""
    browser = requests.Session()
    for _ in range(6):
        if location.startswith(callback):
            return location
        response = browser.get(location, allow_redirects=False, timeout=10)
        if response.status_code == 200:  # the provider's login form
            response = browser.post(
                response.url,
                {"username": username, "password": password},
                allow_redirects=False,
                timeout=10,
            )
        assert response.status_code == 302, response.text[:300]
        location = urljoin(response.url, response.headers["Location"])
    raise AssertionError("the provider never sent the browser back")
