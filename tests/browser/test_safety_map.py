"""The veiligheidskaart in a real browser: the map and its history pass axe-core, and a section
can be edited with the keyboard alone (htmx swaps it in place)."""

import pytest
from playwright.sync_api import Page, expect

from ketenkaart.safety_maps.models import SafetyMapVersion
from ketenkaart.safety_maps.tests.conftest import save

pytestmark = pytest.mark.browser


def map_path(household) -> str:
    return f"/gezinnen/{household.pk}/veiligheidskaart"


def press_tab_until(page: Page, predicate: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    pytest.fail(f"Tab never reached: {predicate}")


def test_the_map_history_diff_and_scales_are_accessible(
    page, login, assert_accessible, involved, colleague, household
):
    save(involved, household, 0, strengths=["Oma helpt op woensdag"])
    save(colleague, household, 1, strengths=["Oma helpt op woensdag"], safetyConditions=["Rust"])
    login("wijkcoach-test")

    for rest, heading in [
        ("", "Veiligheidskaart van Gezin De Vries"),
        ("/versies", "Versies van de veiligheidskaart"),
        ("/verschil?van=1&tot=2", "Wat veranderde van versie 1 tot versie 2"),
        ("/schalen", "Veiligheidsschalen door de tijd"),
        ("/onderdelen/zorgen", "Zorgen wijzigen"),
    ]:
        response = page.goto(map_path(household) + rest)
        assert response.status == 200, rest
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)


def test_a_section_is_edited_with_the_keyboard_alone(
    page, login, assert_accessible, involved, household
):
    save(involved, household, 0, strengths=["Oma helpt op woensdag"])
    login("wijkcoach-test")
    page.goto(map_path(household))

    press_tab_until(
        page,
        "() => document.activeElement.textContent.trim().replace(/\\s+/g, ' ') === 'Wijzig wat gaat goed'",
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Wat gaat goed wijzigen")).to_be_focused()
    assert_accessible(page)

    press_tab_until(page, "() => document.activeElement.name === 'lines'")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Vader kookt op vrijdag")
    press_tab_until(page, "() => document.activeElement.type === 'submit'")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Opgeslagen als versie 2.")).to_be_visible()
    expect(page.locator("#onderdeel-wat-gaat-goed")).to_contain_text("Vader kookt op vrijdag")
    expect(page.locator("#kk-map-version")).to_contain_text("Versie 2")
    assert SafetyMapVersion.objects.get(number=2).content["strengths"] == [
        "Oma helpt op woensdag",
        "Vader kookt op vrijdag",
    ]
    assert_accessible(page)
