"""The regisseur's pages in a real browser: each one passes axe-core, and forms work by keyboard."""

import re

import pytest
from playwright.sync_api import Page, expect

from ketenkaart.households.models import Member
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def measure(household, child, involved):
    return f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)


def dossier_path(household) -> str:
    return f"/gezinnen/{household.pk}"


def tab_to(page: Page, name: str, limit: int = 40) -> None:
    """Press Tab until the field called `name` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.name") == name:
            return
    pytest.fail(f"Tab never reached the field {name!r}")


def test_every_page_of_the_regisseur_is_accessible(
    page, login, assert_accessible, involved, colleague, household, measure
):
    login("wijkcoach-test")

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gezinnen")
    assert_accessible(page)

    page.get_by_role("link", name="Gezin De Vries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Vries")
    expect(page.get_by_role("heading", name="Wie kunt u bellen")).to_be_visible()
    assert_accessible(page)

    base = dossier_path(household)
    for path, heading in [
        (f"{base}/leden/nieuw", "Gezinslid toevoegen"),
        (f"{base}/betrokkenen/nieuw", "Betrokkene toevoegen"),
        (f"{base}/regie", "Regie overdragen"),
        (f"{base}/maatregelen/nieuw", "Maatregel vastleggen"),
        (f"{base}/maatregelen/{measure.pk}/verlengen", "Maatregel verlengen"),
        (f"{base}/maatregelen/{measure.pk}/beeindigen", "Maatregel beëindigen"),
        (f"{base}/toegangslog", "Toegangslog"),
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)

    # A form with errors: the summary at the top links to the field.
    page.goto(f"{base}/regie")
    page.get_by_role("button", name="Verder naar controleren").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Controleer wat u hebt ingevuld")
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("Reden van de overdracht")).click()
    expect(page.locator("#id_reason")).to_be_focused()


def test_creating_a_household_searches_first_and_every_step_is_accessible(
    page, login, assert_accessible, involved, household, child, municipality
):
    login("wijkcoach-test")
    page.goto("/gezinnen/nieuw")
    assert_accessible(page)

    page.get_by_label("BSN van een gezinslid").fill(child.bsn)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Gevonden gezinnen")).to_be_visible()
    expect(page.get_by_role("link", name="Gezin De Vries")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Verder: nieuw gezin aanmaken").click()
    expect(page.get_by_text("Stap 2 van 2")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Naam van het gezin").fill("Gezin Bakker")
    page.get_by_label("Gemeente").select_option(label="Testdorp")
    page.get_by_label("Uw rol bij het gezin").fill("Gezinscoach")
    page.get_by_role("button", name="Gezin aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Bakker")
    expect(page.get_by_text("Het gezin is aangemaakt.")).to_be_visible()


def test_a_member_is_added_with_the_keyboard_only(page, login, involved, household):
    login("wijkcoach-test")
    page.goto(f"{dossier_path(household)}/leden/nieuw")

    tab_to(page, "given_names")
    page.keyboard.type("Sem")
    tab_to(page, "surname")
    page.keyboard.type("De Vries")
    tab_to(page, "role")
    # The first radio has focus; arrow down twice selects "Kind".
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Kind", exact=True)).to_be_checked()
    page.keyboard.press("Tab")  # to "heeft gezag"
    page.keyboard.press("Tab")  # to the submit button
    expect(page.get_by_role("button", name="Gezinslid toevoegen")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Vries")
    expect(page.get_by_text("Het gezinslid is toegevoegd.")).to_be_visible()
    assert Member.objects.filter(household=household, person__given_names="Sem").exists()


def test_the_skip_link_is_the_first_stop_and_jumps_to_the_content(page, login, involved):
    login("wijkcoach-test")
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
