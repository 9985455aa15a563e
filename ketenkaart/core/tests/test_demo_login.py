"""In demo mode every demo account still logs in through the form with the password `demo`,
without a second factor, and the login page says so."""

import io

from django.core.management import call_command

from ketenkaart.demo import loader


def test_every_demo_account_logs_in_with_demo_in_demo_mode(client, settings, db):
    settings.DEMO_MODE = True
    settings.TWO_FACTOR_REQUIRED = False  # what the settings make of KETENKAART_DEMO=1
    call_command("loaddemo", stdout=io.StringIO())

    page = client.get("/inloggen").content.decode()
    assert "<code>demo</code>" in page
    assert "slaat u de tweede stap van het inloggen over" in page
    for username in loader.LOGIN_USERNAMES:
        response = client.post("/inloggen", {"username": username, "password": "demo"})
        assert response.status_code == 302, username
        home = client.get(response["Location"], follow=True)
        assert home.status_code == 200, username
        assert home.request["PATH_INFO"] not in {"/inloggen/tweede-stap", "/inloggen/instellen"}
        client.post("/uitloggen")
