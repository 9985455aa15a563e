"""The frame around every page: the 500 page with its reference, the footer, the installation's
own theme and logo."""

import pytest

from ketenkaart.core import views


@pytest.fixture
def failing_site(client, settings):
    settings.ROOT_URLCONF = "ketenkaart.core.tests.failing_urls"
    client.raise_request_exception = False
    return client


def test_the_500_page_shows_the_menu_and_the_request_id_to_quote(failing_site, involved):
    failing_site.force_login(involved.user)

    response = failing_site.get("/kapot")

    html = response.content.decode()
    assert response.status_code == 500
    assert response["X-Request-ID"] in html
    assert "Er ging iets mis" in html
    assert 'aria-label="Hoofdmenu"' in html and "Mijn gezinnen" in html
    assert "kapot" not in html.split("<main", 1)[1]  # no exception text for the user


def test_the_500_page_falls_back_to_a_plain_page_that_still_has_the_reference(rf):
    # A failure before the authentication middleware ran: no user, so the menu cannot be drawn.
    request = rf.get("/")
    request.request_id = "3f1c2a9e-0000-4000-8000-000000000001"

    response = views.server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert request.request_id in html and 'href="/start"' in html
    assert "utrecht-page-footer" not in html  # the plain page, not the full one


def test_every_page_has_a_footer_with_accessibility_privacy_and_help(client, involved):
    client.force_login(involved.user)
    html = client.get("/").content.decode()
    footer = html.split("<footer", 1)[1]
    for link, title in [
        ("/over/toegankelijkheid", "Toegankelijkheidsverklaring"),
        ("/over/privacy", "Privacyverklaring"),
        ("/over/help", "Help"),
    ]:
        assert link in footer and title in footer
        page = client.get(link)
        assert (
            page.status_code == 200
            and f'<h1 class="utrecht-heading-1">{title}</h1>' in page.content.decode()
        )
    assert client.get("/over/iets-anders").status_code == 404


def test_the_footer_pages_need_no_login(client, db):
    assert client.get("/over/toegankelijkheid").status_code == 200


def test_an_installation_sets_its_own_theme_logo_and_footer_links(client, involved, settings):
    settings.KETENKAART_LOOK = {
        **settings.KETENKAART_LOOK,
        "THEME_STYLESHEET": "gemeente/tokens.css",
        "THEME_CLASS": "testdorp-theme",
        "LOGO": "gemeente/logo.svg",
        "ORGANISATION_NAME": "Gemeente Testdorp",
        "PRIVACY_URL": "https://www.testdorp.nl/privacy",
    }
    client.force_login(involved.user)

    html = client.get("/").content.decode()

    assert 'class="testdorp-theme utrecht-root ketenkaart"' in html
    assert 'href="/static/gemeente/tokens.css"' in html
    assert 'src="/static/gemeente/logo.svg" alt="Gemeente Testdorp"' in html
    assert 'href="https://www.testdorp.nl/privacy"' in html
    assert "voorbeeld-design-tokens" not in html
