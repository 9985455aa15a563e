"""Issue 13 in a real browser: a handover asked, reviewed and accepted; a melding reviewed and
sent with its reference; the task and message lists searched. Every page audited by axe and
checked for reflow at 320 px (assert_accessible)."""

import re

import pytest
from playwright.sync_api import expect

from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.browser


def test_a_handover_is_asked_reviewed_and_accepted(
    page, login, assert_accessible, involved, household, local_team
):
    receiver = f.ProfessionalFactory(
        user__username="wijkcoach-ontvanger",
        user__first_name="Ravi",
        user__last_name="Ontvanger",
        organisation=local_team,
        role=Role.YOUTH_PROFESSIONAL,
    )
    login("wijkcoach-test")
    page.goto(f"/gezinnen/{household.pk}/regie")
    assert_accessible(page)
    page.get_by_label("Nieuwe regisseur").select_option(value=str(receiver.pk))
    page.get_by_label("Reden van de overdracht").fill("Ik ga met verlof.")
    page.get_by_role("button", name="Verder naar controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer de overdracht")
    assert_accessible(page)
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_text("U houdt de regie tot Ravi Ontvanger")).to_be_visible()

    page.context.clear_cookies()
    login("wijkcoach-ontvanger")
    expect(page.get_by_role("heading", name="Gevraagd: de regie overnemen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Regie over een gezin in")).click()
    expect(page.get_by_text("De Vries")).to_have_count(0)  # no name before accepting
    assert_accessible(page)
    page.get_by_role("button", name="Regie aanvaarden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Vries")


def test_a_melding_is_reviewed_then_sent_with_a_reference(
    page, login, assert_accessible, child, region
):
    org = f.OrganisationFactory(region=region, type=OrganisationType.EDUCATION, name="School")
    f.ProfessionalFactory(
        user__username="school-browser", organisation=org, role=Role.REPORTER, phone="0612345678"
    )
    login("school-browser")
    page.goto("/meldingen/nieuw")
    assert_accessible(page)
    expect(page.locator(".utrecht-form-field--invalid")).to_have_count(0)  # no red yet
    page.get_by_label("Wat meldt u?").fill("Noor komt al weken ongewassen op school.")
    page.get_by_label("Voornamen van het kind").fill(child.given_names)
    page.get_by_label("Achternaam van het kind").fill(child.surname)
    page.get_by_role("button", name="Verder naar controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw melding")
    assert_accessible(page)
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text(re.compile(r"Uw kenmerk is VT-\d{4}-000001\."))).to_be_visible()
    assert_accessible(page)


def test_an_error_moves_focus_to_the_summary(page, login, involved, household):
    login("wijkcoach-test")
    page.goto(f"/gezinnen/{household.pk}/regie")
    page.get_by_role("button", name="Verder naar controleren").click()
    expect(page.locator(".kk-error-summary")).to_be_focused()


def test_tasks_and_messages_are_searched_from_the_url(page, login, assert_accessible, involved):
    notify(recipient=involved, kind=Kind.ACTION, title="Bel de school over Noor")
    notify(recipient=involved, kind=Kind.HANDOVER, title="Regie overgedragen")
    login("wijkcoach-test")
    page.goto("/berichten")
    page.get_by_label("Zoek in onderwerp en bericht").fill("school")
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"zoek=school"))
    expect(page.get_by_text("Bel de school over Noor", exact=True)).to_be_visible()
    expect(page.get_by_text("Regie overgedragen", exact=True)).to_have_count(0)
    assert_accessible(page)
    page.goto("/taken?status=open")
    assert_accessible(page)
