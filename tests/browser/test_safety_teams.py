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
