"""Helpers for the veiligheidsteam's tests: a team of VT, GI, Raad and the wijkteam, and a
meeting at a fixed moment (tests travel in time with time_machine)."""

import datetime
import zoneinfo

import pytest

from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.models import SafetyTeam
from ketenkaart.testing import factories as f

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
# A Monday morning; the meeting runs 9:00–10:30 and the team's follow-up period is 14 days.
MEETING_AT = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=AMS)


@pytest.fixture
def board_member(region):
    org = f.OrganisationFactory(region=region, board=True, name="Raad Test")
    return f.ProfessionalFactory(
        user__username="raad-test", organisation=org, role=Role.CHILD_PROTECTION_BOARD
    )


@pytest.fixture
def team(region, involved, jeugdbeschermer, board_member):
    """The team: the regisseur (who brings the case), the GI and the Raad. VT is not in it."""
    team = SafetyTeam.objects.create(name="Veiligheidsteam Test", region=region)
    team.members.set([involved, jeugdbeschermer, board_member])
    team.organisations.set(
        [involved.organisation, jeugdbeschermer.organisation, board_member.organisation]
    )
    return team


@pytest.fixture
def meeting(team, involved, time_machine):
    time_machine.move_to(MEETING_AT - datetime.timedelta(days=2), tick=False)
    return services.meeting_create(by=involved, team=team, starts_at=MEETING_AT)


@pytest.fixture
def item(meeting, involved, household):
    return services.agenda_item_add(
        by=involved,
        meeting=meeting,
        household=household,
        question="Is vrijwillige hulp nog genoeg?",
        tags=["safety_plus"],
    )
