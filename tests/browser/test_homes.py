"""Every role starts at its work: each home in a real browser, accessible and reflowing at
320 px (assert_accessible checks both), with the next step one click away."""

import re

import pytest
from playwright.sync_api import expect

from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.browser


def test_the_regisseur_starts_at_what_was_handed_over(
    page, login, assert_accessible, involved, household
):
    notify(
        recipient=involved,
        kind=Kind.HANDOVER,
        title="De regie over Gezin De Vries is aan u overgedragen",
        link=f"/gezinnen/{household.pk}",
    )
    login("wijkcoach-test")

    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")
    expect(page.get_by_role("link", name=re.compile("Berichten 1 ongelezen"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="De regie over Gezin De Vries is aan u overgedragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Vries")
    assert_accessible(page)


def test_the_regisseur_finds_a_family_in_the_list(
    page, login, assert_accessible, involved, household, municipality
):
    for name in ("Gezin Amrani", "Gezin Bakker"):
        other = f.HouseholdFactory(municipality=municipality, name=name)
        f.InvolvementFactory(household=other, professional=involved, is_lead=True)
    login("wijkcoach-test")
    page.goto("/")

    page.get_by_label("Zoek op naam van het gezin").fill("bakk")
    page.get_by_role("button", name="Toon").click()

    expect(page).to_have_url(re.compile(r"zoek=bakk"))
    expect(page.get_by_role("link", name="Gezin Bakker")).to_be_visible()
    expect(page.get_by_role("link", name="Gezin Amrani")).to_have_count(0)
    assert_accessible(page)


def test_veilig_thuis_lands_on_its_queue(page, login, assert_accessible, vt_org):
    f.ProfessionalFactory(user__username="vt-home", organisation=vt_org, role=Role.VEILIG_THUIS)
    login("vt-home")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiligheidsbeoordelingen")
    expect(page.get_by_label("Alleen acute meldingen")).to_be_visible()
    assert_accessible(page)


def test_the_privacy_officer_reaches_a_toegangslog_and_back(
    page, login, assert_accessible, privacy_officer, household
):
    login("privacy-test")

    expect(page.get_by_role("heading", level=1)).to_have_text("Toegangslogs")
    assert_accessible(page)
    page.get_by_role("link", name="Toegangslog van Gezin De Vries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegangslog")
    assert_accessible(page)
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegangslogs")


@pytest.mark.parametrize(
    ("role", "heading"),
    [(Role.POLICY, "Beleidssignalen"), (Role.EXEMPTION_TABLE, "Ventieltafel")],
)
def test_policy_and_the_ventieltafel_land_on_their_list(
    page, login, assert_accessible, local_team, role, heading
):
    f.ProfessionalFactory(user__username="rol-home", organisation=local_team, role=role)
    login("rol-home")
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    expect(page.get_by_role("link", name="Mijn gezinnen")).to_have_count(0)
    assert_accessible(page)


def test_the_footer_pages_are_accessible(page, assert_accessible, db):
    for path, heading in [
        ("/over/toegankelijkheid", "Toegankelijkheidsverklaring"),
        ("/over/privacy", "Privacyverklaring"),
        ("/over/help", "Help"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
