"""Meetings, outcomes and actions: overdue actions come back on the next agenda by themselves,
and the agenda page costs the same queries for 2 cases or 20."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.safety_teams import selectors, services
from ketenkaart.safety_teams.models import ActionState, ItemStatus, ScheduleSlot
from ketenkaart.safety_teams.tests.conftest import MEETING_AT
from ketenkaart.testing import factories as f


def test_the_schedule_plans_three_meetings_a_week_once(team, time_machine):
    time_machine.move_to(MEETING_AT - datetime.timedelta(days=3), tick=False)
    for weekday in (0, 2, 4):
        ScheduleSlot.objects.create(team=team, weekday=weekday, starts_at=datetime.time(9))
    first = services.meetings_plan(team=team, start=MEETING_AT.date(), days=7)
    again = services.meetings_plan(team=team, start=MEETING_AT.date(), days=7)
    assert [m.starts_at.weekday() for m in first] == [0, 2, 4]
    assert again == []
    assert set(first[0].participants.all()) == set(team.members.all())


def test_an_outcome_records_advice_and_who_agreed(
    time_machine, involved, jeugdbeschermer, board_member, item
):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)
    services.outcome_record(
        by=jeugdbeschermer,
        item=item,
        advice="Toets door de Raad aanvragen.",
        decision="Regie blijft bij het wijkteam.",
        agreed_by=[involved, board_member],
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.DISCUSSED
    decision = item.decisions.get()
    assert set(decision.agreed_by.all()) == {involved, board_member}
    assert AccessEvent.objects.filter(action="case_meeting.decision.recorded").exists()


def test_only_participants_record_outcomes(time_machine, outsider, item):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)
    with pytest.raises(DomainError):
        services.outcome_record(by=outsider, item=item, advice="Iets")


def test_an_action_lands_in_the_owners_task_list_and_inbox(
    time_machine, jeugdbeschermer, involved, item
):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)
    action = services.action_create(
        by=jeugdbeschermer,
        item=item,
        description="Gesprek met oma over opvang na school.",
        owner=involved,
        due_on=MEETING_AT.date() + datetime.timedelta(days=3),
    )
    assert list(selectors.task_list(involved)) == [action]
    note = Notification.objects.get(recipient=involved, kind=Kind.ACTION)
    assert "oma" in note.body


def test_the_email_carries_no_content(
    django_capture_on_commit_callbacks, time_machine, jeugdbeschermer, involved, item
):
    involved.user.email = "wijkcoach@example.nl"
    involved.user.save()
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.action_create(
            by=jeugdbeschermer,
            item=item,
            description="Gesprek met oma over opvang na school.",
            owner=involved,
            due_on=MEETING_AT.date() + datetime.timedelta(days=3),
        )
    assert len(mail.outbox) == 1
    text = mail.outbox[0].subject + mail.outbox[0].body
    assert "oma" not in text
    assert "De Vries" not in text


def test_an_overdue_action_reappears_on_the_next_agenda_until_closed(
    time_machine, team, involved, jeugdbeschermer, item, client
):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)
    action = services.action_create(
        by=jeugdbeschermer,
        item=item,
        description="Verslavingszorg bellen over de wachtlijst.",
        owner=involved,
        due_on=MEETING_AT.date() + datetime.timedelta(days=1),
    )
    # Wednesday: not yet overdue at the start of the meeting.
    wednesday = services.meeting_create(
        by=involved, team=team, starts_at=MEETING_AT + datetime.timedelta(days=1)
    )
    friday = services.meeting_create(
        by=involved, team=team, starts_at=MEETING_AT + datetime.timedelta(days=4)
    )
    monday = services.meeting_create(
        by=involved, team=team, starts_at=MEETING_AT + datetime.timedelta(days=7)
    )
    assert list(selectors.returning_actions(item.meeting)) == []
    assert list(selectors.returning_actions(wednesday)) == []
    assert list(selectors.returning_actions(friday)) == [action]

    time_machine.move_to(MEETING_AT + datetime.timedelta(days=4, minutes=5), tick=False)
    client.force_login(jeugdbeschermer.user)
    response = client.get(f"/casusoverleggen/{friday.pk}")
    assert "Verslavingszorg bellen over de wachtlijst." in response.content.decode()

    services.action_close(by=involved, action=action, state=ActionState.DONE)
    # Closed after Friday's start: Friday still shows it (as it was), Monday no longer.
    assert list(selectors.returning_actions(friday)) == [action]
    assert list(selectors.returning_actions(monday)) == []


def add_cases(meeting, presenter, count, municipality):
    for n in range(count):
        household = f.HouseholdFactory(municipality=municipality)
        f.InvolvementFactory(household=household, professional=presenter)
        item = services.agenda_item_add(
            by=presenter, meeting=meeting, household=household, question=f"Vraag {n}"
        )
        services.action_create(
            by=presenter,
            item=item,
            description="Bellen",
            owner=presenter,
            due_on=meeting.starts_at.date(),
        )


def test_the_agenda_page_costs_the_same_queries_for_2_and_20_cases(
    client, time_machine, meeting, involved, jeugdbeschermer, board_member, municipality
):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    add_cases(meeting, involved, 2, municipality)
    first = meeting.items.first()
    services.outcome_record(
        by=board_member, item=first, advice="Advies", decision="Besluit", agreed_by=[involved]
    )
    client.force_login(jeugdbeschermer.user)
    url = f"/casusoverleggen/{meeting.pk}"

    def count():
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    with_2 = count()
    add_cases(meeting, involved, 18, municipality)
    for item in meeting.items.all()[1:6]:
        services.outcome_record(
            by=board_member, item=item, advice="Advies", decision="Besluit", agreed_by=[involved]
        )
    with_20 = count()
    assert with_20 == with_2
