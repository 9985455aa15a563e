"""The regisseur's home reads its lists as prepared statements (core/home.py). Each gives the
rows that the gate's and the selectors' querysets give for the acting user, alone or as a team,
and nothing of another professional."""

import datetime

import pytest

from ketenkaart.access import gate
from ketenkaart.core import home
from ketenkaart.households import handover_services
from ketenkaart.households.models import OfferState
from ketenkaart.notifications import selectors as inbox
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams import selectors as safety_teams
from ketenkaart.safety_teams import services as meetings
from ketenkaart.safety_teams.models import ActionState
from ketenkaart.safety_teams.tests.conftest import (  # noqa: F401 (fixtures)
    MEETING_AT,
    board_member,
    item,
    meeting,
    team,
)
from ketenkaart.testing import factories as f


def ordinary(professional):
    """The home's lists as the ordinary querysets give them (as casework_home read them)."""
    user = professional.user
    offers = gate.visible_handover_offers(user).filter(
        to_professional_id=professional.pk, state=OfferState.PENDING
    )
    handovers = inbox.inbox(professional).filter(kind=Kind.HANDOVER, read_at__isnull=True)
    tasks = safety_teams.task_list(professional).filter(closed_at__isnull=True)
    return {
        "offers": [o.pk for o in offers.order_by("offered_at", "pk")[: home.SHOWN]],
        "handovers": [
            n.pk for n in handovers.exclude(link__startswith=home.OFFER_LINK)[: home.SHOWN]
        ],
        "tasks": [(a.pk, a.family_shown) for a in tasks.order_by("due_on", "pk")[: home.SHOWN]],
        "overdue": tasks.filter(due_on__lt=datetime.date.today()).count(),
        "meetings": [m.pk for m in safety_teams.upcoming(user)[: home.SHOWN]],
    }


def shown(professional):
    page = home.casework_home(professional.user, professional)
    return {
        "offers": [o.pk for o in page.offers],
        "handovers": [n.pk for n in page.handovers],
        "tasks": [(a.pk, a.family_shown) for a in page.tasks],
        "overdue": page.overdue_tasks,
        "meetings": [m.pk for m in page.meetings],
    }


@pytest.fixture
def busy_day(involved, household, jeugdbeschermer, request, time_machine):
    """Offers asked of and by the regisseur, handover messages and others, more open actions
    than the home shows (some overdue, one done, some the GI's), two meetings, a colleague's
    family."""
    agenda_item = request.getfixturevalue("item")
    colleague = f.ProfessionalFactory(
        organisation=involved.organisation, role=Role.YOUTH_PROFESSIONAL
    )
    theirs = f.HouseholdFactory(name="Gezin Collega", municipality=household.municipality)
    f.InvolvementFactory(household=theirs, professional=colleague, is_lead=True)
    actions = [
        meetings.action_create(
            by=involved,
            item=agenda_item,
            description=f"Actie {number}",
            owner=involved if number % 4 else jeugdbeschermer,
            due_on=MEETING_AT.date() + datetime.timedelta(days=number % 5),
        )
        for number in range(home.SHOWN + 4)
    ]
    meetings.action_close(by=involved, action=actions[1], state=ActionState.DONE)
    for number in range(home.SHOWN + 2):
        kind = Kind.HANDOVER if number % 3 else Kind.DEADLINE
        notify(recipient=involved, kind=kind, title=f"Bericht {number}")
    notify(recipient=jeugdbeschermer, kind=Kind.HANDOVER, title="Niet voor de regisseur")
    later = meetings.meeting_create(
        by=involved,
        team=agenda_item.meeting.team,
        starts_at=MEETING_AT + datetime.timedelta(days=7),
    )
    meetings.agenda_item_add(
        by=involved, meeting=later, household=household, question="Gaat het beter?", tags=[]
    )
    own = f.HouseholdFactory(name="Gezin Eigen", municipality=household.municipality)
    f.InvolvementFactory(household=own, professional=colleague, is_lead=True)
    f.InvolvementFactory(household=own, professional=involved)
    handover_services.handover_offer(
        by=colleague, household=own, to=involved, reason="Ik ga met verlof."
    )
    handover_services.handover_offer(
        by=involved, household=household, to=colleague, reason="Dichter bij school."
    )
    time_machine.move_to(MEETING_AT + datetime.timedelta(days=3), tick=False)
    return colleague


@pytest.mark.parametrize("works_as_team", [False, True])
def test_each_list_is_the_ordinary_one(busy_day, involved, jeugdbeschermer, works_as_team):
    involved.organisation.works_as_team = works_as_team
    involved.organisation.save()
    expected = ordinary(involved)
    assert shown(involved) == expected
    assert len(expected["tasks"]) == home.SHOWN and expected["overdue"] >= 1
    assert expected["offers"] and expected["handovers"] and expected["meetings"]
    # The GI's own home: their actions and messages, none of the regisseur's.
    assert shown(jeugdbeschermer) == ordinary(jeugdbeschermer)
    assert not set(shown(jeugdbeschermer)["handovers"]) & set(expected["handovers"])


def test_the_home_is_for_those_who_work_with_families(db):
    policy = f.ProfessionalFactory(role=Role.POLICY)
    with pytest.raises(ValueError):
        home.casework_home(policy.user, policy)
