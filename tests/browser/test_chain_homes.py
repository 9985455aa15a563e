"""The homes of the Raad, the GI, the police and the school in a real browser, each with its
main flow: the Raad records a toets's outcome, the GI accepts regie during a measure (deciding
on an outline, not a name), the police and the school read their melding's kenmerk. Every page
audited by axe and checked for reflow at 320 px (assert_accessible)."""

import re

import pytest
from playwright.sync_api import expect

from ketenkaart.households import handover_services
from ketenkaart.households.models import MemberRole
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.reports import services as reports
from ketenkaart.reports.inputs import PersonInput, PoliceForm, PoliceMessage, ReporterInput
from ketenkaart.reports.models import PersonRole
from ketenkaart.safety_teams import services as safety_teams
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.browser


def test_the_raad_starts_at_its_cases_and_records_a_toets(
    page, login, assert_accessible, involved, household, region
):
    board = f.OrganisationFactory(region=region, type=OrganisationType.CHILD_PROTECTION_BOARD)
    raad = f.ProfessionalFactory(
        user__username="raad-browser", organisation=board, role=Role.CHILD_PROTECTION_BOARD
    )
    f.InvolvementFactory(household=household, professional=raad, organisation=board)
    safety_teams.board_check_create(by=involved, household=household)
    login("raad-browser")

    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")
    assert_accessible(page)
    page.get_by_role("link", name="Uw 1 gezin").click()
    page.get_by_role("link", name="Gezin De Vries").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Vries")
    page.goto(f"/gezinnen/{household.pk}/toets")
    page.get_by_label("Toets volstond").check()
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(page.locator("strong", has_text="Toets volstond")).to_be_visible()
    assert_accessible(page)


def test_the_gi_accepts_regie_on_an_outline_and_opens_the_dossier(
    page, login, assert_accessible, involved, household, jeugdbeschermer
):
    child = household.members.get(role=MemberRole.CHILD).person
    f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)
    handover_services.handover_offer(
        by=involved, household=household, to=jeugdbeschermer, reason="De rechter legde een OTS op."
    )
    login("gi-test")

    expect(page.get_by_role("heading", name="Gevraagd: de regie overnemen")).to_be_visible()
    expect(page.get_by_text("De Vries")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"Regie over een gezin in .*1 kind")).click()
    expect(page.get_by_text("De rechter legde een OTS op.")).to_be_visible()
    expect(page.get_by_text("De Vries")).to_have_count(0)
    page.get_by_role("button", name="Regie aanvaarden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Vries")
    assert_accessible(page)


def _person(child) -> PersonInput:
    return PersonInput(
        role=PersonRole.CHILD,
        given_names=child.given_names,
        surname=child.surname,
        birth_date=child.birth_date,
    )


def test_the_police_start_at_their_zorgmeldingen_and_read_the_kenmerk(
    page, login, assert_accessible, police, child
):
    receipt = reports.police_messages_receive(
        by=police,
        messages=[
            PoliceMessage(
                reference="PL-BROWSER-1",
                reporter=ReporterInput(name="Agent Jansen", phone="0900-8844"),
                persons=[_person(child)],
                forms=[PoliceForm(reference="F1", kind="Zorgmelding jeugd", text="Ruzie thuis.")],
            )
        ],
    )
    kenmerk = receipt.created[0].reference
    login("politie-test")

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn meldingen")
    assert_accessible(page)
    page.get_by_role("link", name=kenmerk).click()
    expect(page.get_by_text(kenmerk)).to_be_visible()
    expect(page.get_by_text("PL-BROWSER-1")).to_be_visible()
    assert_accessible(page)


def test_the_school_starts_at_its_meldingen_and_follows_one(
    page, login, assert_accessible, region, child
):
    org = f.OrganisationFactory(region=region, type=OrganisationType.EDUCATION, name="School")
    teacher = f.ProfessionalFactory(
        user__username="school-home", organisation=org, role=Role.REPORTER
    )
    report = reports.report_create(
        by=teacher,
        reporter=ReporterInput(name="Lotte Leerkracht", phone="06-11112222"),
        summary="Stil en ongewassen.",
        persons=[_person(child)],
    )
    login("school-home")

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn meldingen")
    expect(page.locator("#inhoud").get_by_role("link", name="Meldcode")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=report.reference).click()
    expect(page.get_by_text("Noem dit kenmerk als u Veilig Thuis belt.")).to_be_visible()
    assert_accessible(page)
