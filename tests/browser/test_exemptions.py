"""The ventieltafel in a real browser: the pages pass axe-core, the calculator updates as you
type, and the convener sees only the pseudonym."""

import pytest
from playwright.sync_api import expect

from ketenkaart.exemptions import services
from ketenkaart.exemptions.tests.conftest import REQUEST_TEXTS
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def convener(region, municipality):
    org = f.OrganisationFactory(
        region=region, name="Gemeente Testdorp", type=OrganisationType.MUNICIPALITY
    )
    org.municipalities.set([municipality])
    return f.ProfessionalFactory(
        user__username="ventieltafel-test", organisation=org, role=Role.EXEMPTION_TABLE
    )


@pytest.fixture
def exemption(involved, household):
    return services.request_submit(
        by=involved, household=household, domain="housing", **REQUEST_TEXTS
    )


def test_the_asker_fills_in_the_calculator_and_it_updates_as_you_type(
    page, login, assert_accessible, involved, exemption, convener
):
    login("wijkcoach-test")
    page.goto("/ventieltafel")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ventieltafel")
    assert_accessible(page)
    page.goto("/ventieltafel/aanvragen/nieuw")
    assert_accessible(page)

    page.goto(f"/ventieltafel/aanvragen/{exemption.pk}/kosten-baten")
    assert_accessible(page)
    page.locator("[name=post-0-description]").fill("Extra jeugdhulp")
    page.locator("[name=post-0-amount]").fill("1000")
    page.locator("[name=post-0-months]").fill("12")
    page.locator("[name=post-1-description]").fill("Verhuizing")
    page.locator("[name=post-1-amount]").fill("3000")
    page.locator("[name=post-1-period]").select_option("once")
    expect(page.locator("#uitkomst")).to_contain_text(
        "Doorbraak bespaart naar schatting €9.000 over 12 maanden"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Vries")
    assert_accessible(page)


def test_the_convener_sees_the_pseudonym_and_decides(
    page, login, assert_accessible, convener, exemption
):
    login("ventieltafel-test")
    page.goto("/ventieltafel")
    assert_accessible(page)
    page.get_by_role("link", name=exemption.display_pseudonym).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(exemption.display_pseudonym)
    assert "De Vries" not in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Besluit vastleggen").click()
    assert_accessible(page)
    page.get_by_label("Toegekend", exact=True).check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Onderbouwing")
    assert_accessible(page)
    page.get_by_label("Onderbouwing").fill("Goedkoper en beter voor de kinderen")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd.")).to_be_visible()
    page.goto("/ventieltafel/referentiekosten")
    assert_accessible(page)
    page.goto("/ventieltafel/besluiten")
    assert_accessible(page)
    page.goto("/ventieltafel/beleidssignalen")
    assert_accessible(page)
