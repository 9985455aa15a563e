"""Demo veiligheidsteam: a team (wijkteam, VT, GI, Raad) meeting three times a week, a week of
meetings, one family discussed twice with an action that went past its date, and a family
where the school, the GP and the wijkteam find each other. Idempotent: a team that exists is
left as it is. Goes through the services (audit rows included); only meeting times lie in the
past, which the services would refuse for a new meeting, so those are set directly."""

import datetime

from django.db import transaction
from django.utils import timezone

from ketenkaart.households.models import Household, Involvement
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.models import (
    Action,
    AgendaItem,
    CaseMeeting,
    SafetyTeam,
    ScheduleSlot,
)

TEAM_NAME = "Veiligheidsteam Vlietland"


def _family_of(demo, username: str) -> Household | None:
    rows = Household.objects.filter(
        region=demo.region,
        involvements__professional=demo.professionals[username],
        involvements__is_lead=True,
    ).order_by("created_at", "name")
    return rows.first()


def _move(meeting: CaseMeeting, starts_at: datetime.datetime, follow_up_days: int) -> None:
    ends_at = starts_at + datetime.timedelta(minutes=90)
    CaseMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts_at,
        ends_at=ends_at,
        access_until=ends_at + datetime.timedelta(days=follow_up_days),
    )
    meeting.refresh_from_db()


@transaction.atomic
def seed(demo) -> int:
    if SafetyTeam.objects.filter(name=TEAM_NAME).exists():
        return 0
    p = demo.professionals
    team = SafetyTeam.objects.create(name=TEAM_NAME, region=demo.region)
    members = [p["jeugdprofessional"], p["wijkcoach"], p["veiligthuis"], p["gi"], p["raad"]]
    team.members.set(members)
    team.organisations.set({m.organisation for m in members})
    for weekday in (0, 2, 4):  # Monday, Wednesday, Friday
        ScheduleSlot.objects.create(team=team, weekday=weekday, starts_at=datetime.time(9, 0))

    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    meetings = services.meetings_plan(team=team, start=monday + datetime.timedelta(days=7), days=7)
    # This week's meetings lie partly in the past: plan them ahead, then move them back.
    past = []
    for offset in (0, 2, 4):
        day = monday + datetime.timedelta(days=offset)
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
        meeting = services.meeting_create(
            by=None, team=team, starts_at=starts_at + datetime.timedelta(days=365)
        )
        _move(meeting, starts_at, team.follow_up_days)
        past.append(meeting)

    # The father waiting for addiction treatment: discussed on Monday and again on Friday.
    family = _family_of(demo, "jeugdprofessional")
    addiction = (
        Household.objects.filter(
            region=demo.region, involvements__professional=p["demo-ggz"]
        ).first()
        or family
    )
    first_meeting, _wednesday, friday = past
    _add_item(first_meeting, p["jeugdprofessional"], addiction, ["addiction", "safety_plus"])
    item = AgendaItem.objects.get(meeting=first_meeting, household=addiction)
    AgendaItem.objects.filter(pk=item.pk).update(
        advice="Behandeling versnellen via de ventieltafel; VT blijft monitoren.",
        status="discussed",
        discussed_at=first_meeting.starts_at + datetime.timedelta(minutes=20),
    )
    Action.objects.create(
        item=item,
        household=addiction,
        team=team,
        description="Verslavingszorg bellen over een snellere intake voor vader.",
        owner=p["jeugdprofessional"],
        due_on=first_meeting.starts_at.date() + datetime.timedelta(days=2),
        created_by=p["veiligthuis"],
        created_at=first_meeting.starts_at + datetime.timedelta(minutes=25),
    )
    second = _add_item(friday, p["jeugdprofessional"], addiction, ["addiction"])
    AgendaItem.objects.filter(pk=second.pk).update(
        question="De intake is nog niet versneld; wat kan het team doen?"
    )

    # The family with many professionals and nobody in the lead: matching on next Monday.
    nobody = (
        Household.objects.filter(region=demo.region, involvements__professional=p["veiligthuis"])
        .exclude(involvements__is_lead=True)
        .order_by("name")
        .first()
    )
    if nobody is not None and meetings:
        _add_item(meetings[0], p["veiligthuis"], nobody, ["safety_plus"])

    # School, GP and wijkteam find each other around one family's children.
    for household in Household.objects.filter(region=demo.region).order_by("created_at", "name"):
        orgs = set(
            Involvement.objects.filter(household=household, ended_on__isnull=True).values_list(
                "organisation__type", flat=True
            )
        )
        if {"education", "general_practitioner", "local_team"} <= orgs:
            services.involvement_notices_send(household=household)
            break
    return 1


def _add_item(meeting, by, household, tags):
    # The service refuses a meeting in the past; add it as if before the meeting began.
    ends_at = meeting.ends_at
    if ends_at <= timezone.now():
        CaseMeeting.objects.filter(pk=meeting.pk).update(
            ends_at=timezone.now() + datetime.timedelta(minutes=1),
            access_until=max(meeting.access_until, timezone.now() + datetime.timedelta(minutes=1)),
        )
        meeting.refresh_from_db()
    item = services.agenda_item_add(
        by=by,
        meeting=meeting,
        household=household,
        question="Is vrijwillige hulp nog genoeg, en wie kan helpen de behandeling te versnellen?",
        tags=tags,
    )
    CaseMeeting.objects.filter(pk=meeting.pk).update(
        ends_at=ends_at,
        access_until=ends_at + datetime.timedelta(days=meeting.team.follow_up_days),
    )
    return item


@transaction.atomic
def seed_board_check(demo) -> int:
    """One toets package for the Raad, asked by the regisseur of the first family (by name)
    the Raad works with; idempotent: a toets in the region is left as it is."""
    from ketenkaart.safety_teams.models import BoardCheck

    if BoardCheck.objects.filter(region=demo.region).exists():
        return 0
    board = Involvement.objects.filter(
        professional=demo.professionals["raad"], ended_on__isnull=True
    ).values("household_id")
    lead = (
        Involvement.objects.filter(household_id__in=board, is_lead=True, ended_on__isnull=True)
        .select_related("professional", "household")
        .order_by("household__name")
        .first()
    )
    if lead is None:
        return 0
    services.board_check_create(by=lead.professional, household=lead.household)
    return 1
