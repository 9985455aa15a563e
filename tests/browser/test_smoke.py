"""The browser sees a working, accessible application."""

from ketenkaart.testing import factories as f


def test_the_login_page_is_accessible(page, assert_accessible):
    response = page.goto("/inloggen")

    assert response.status == 200
    assert page.locator("input[name=username]").is_visible()
    assert page.locator("input[name=password]").is_visible()
    assert_accessible(page)


def test_healthz_answers_with_the_database_state(page):
    response = page.goto("/healthz")

    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["database"] == "ok"


def test_a_professional_logs_in_through_the_form(page, login, assert_accessible):
    f.ProfessionalFactory(user__username="inlog-test")

    login("inlog-test")

    assert "/inloggen" not in page.url
    assert_accessible(page)
