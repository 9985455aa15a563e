"""The veiligheidsteam in a real browser: the agenda and the matching page pass axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.models import SafetyTeam
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.browser


def test_the_agenda_and_matching_pages_are_accessible(
    page, login, assert_accessible, involved, jeugdbeschermer, household, local_team, municipality
):
    local_team.municipalities.add(municipality)
    f.ProfessionalFactory(
        organisation=local_team, role=Role.YOUTH_PROFESSIONAL, caseload_capacity=0
    )
    team = SafetyTeam.objects.create(name="Veiligheidsteam Test", region=household.region)
    team.members.set([involved, jeugdbeschermer])
    meeting = services.meeting_create(
        by=involved, team=team, starts_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    item = services.agenda_item_add(
        by=involved, meeting=meeting, household=household, question="Wat nu?", tags=["language"]
    )
    meeting.__class__.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    login("gi-test")

    page.goto(f"/casusoverleggen/{meeting.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda Veiligheidsteam Test")
    assert_accessible(page)

    page.goto(f"/agendapunten/{item.pk}/matching")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regisseur zoeken")
    expect(page.get_by_text("Vol: geen plek vrij").first).to_be_visible()
    assert_accessible(page)

    page.goto("/veiligheidsteams")
    assert_accessible(page)


def test_the_raads_page_with_several_pending_packages_is_accessible(
    page, login, assert_accessible, involved, household, region
):
    org = f.OrganisationFactory(region=region, board=True, name="Raad Browser")
    raad = f.ProfessionalFactory(
        user__username="raad-browser", organisation=org, role=Role.CHILD_PROTECTION_BOARD
    )
    f.InvolvementFactory(household=household, professional=raad)
    for _ in range(2):
        services.board_check_create(by=involved, household=household)
    login("raad-browser")

    page.goto(f"/gezinnen/{household.pk}/toets")
    expect(page.get_by_role("radio", name="Toets volstond")).to_have_count(2)
    assert_accessible(page)


def test_planning_and_the_members_page_are_accessible(
    page, login, assert_accessible, involved, jeugdbeschermer, household
):
    team = SafetyTeam.objects.create(name="Veiligheidsteam Test", region=household.region)
    team.members.set([involved, jeugdbeschermer])
    team.organisations.set([involved.organisation, jeugdbeschermer.organisation])
    login("gi-test")

    page.goto(f"/veiligheidsteams/{team.pk}/casusoverleggen/nieuw")
    page.get_by_role("button", name="Casusoverleg plannen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/veiligheidsteams/{team.pk}/leden")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leden en organisaties")
    assert_accessible(page)
