"""Reads of the veiligheidsteam, always given the acting user. A meeting is visible to its
team's members and its participants; the families on it go through the access gate."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenkaart.access import gate
from ketenkaart.audit import persons as audit_persons
from ketenkaart.core.listing import Filter, ListQuery, Sort
from ketenkaart.households.models import Household, Involvement, Member, MemberRole
from ketenkaart.organisations.models import Organisation, Professional
from ketenkaart.safety_teams.models import (
    Action,
    ActionState,
    AgendaItem,
    BoardCheck,
    CaseMeeting,
    Decision,
    OrganisationProposal,
    SafetyTeam,
)


def access_team(request, team_id, *, action: str = "safety_team.read") -> SafetyTeam:
    """The team if this user is a member; 404 otherwise, audited both ways."""
    teams = gate.visible_teams(request.user).select_related("region")
    return gate.access_among(
        request,
        teams,
        team_id,
        action=action,
        object_type="safetyteam",
        grant=gate.Grant.SAFETY_TEAM,
    ).obj


@dataclass
class Roster:
    team: SafetyTeam
    members: list[Professional]
    organisations: list[Organisation]


def roster(team: SafetyTeam) -> Roster:
    """The members and organisations of a team, in a fixed number of queries."""
    members = list(
        team.members.select_related("user", "organisation").order_by(
            "organisation__name", "user__last_name", "user__first_name"
        )
    )
    return Roster(team, members, list(team.organisations.order_by("name")))


def member_candidates(team: SafetyTeam) -> QuerySet[Professional]:
    """Who may join: professionals of the team's organisations who are not members yet."""
    return (
        Professional.objects.filter(organisation__in=team.organisations.all())
        .exclude(pk__in=team.members.values("pk"))
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name")
    )


def organisation_candidates(team: SafetyTeam) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(region_id=team.region_id)
        .exclude(pk__in=team.organisations.values("pk"))
        .order_by("name")
    )


def organisation_proposals(team: SafetyTeam):
    """Organisations one member proposed, waiting for a second member to confirm."""
    return (
        OrganisationProposal.objects.filter(team=team)
        .select_related("organisation", "proposed_by")
        .order_by("proposed_at")
    )


def access_meeting(
    request,
    meeting_id,
    *,
    action: str = "case_meeting.read",
    agenda: bool = False,
    household_ids=None,
) -> CaseMeeting:
    """The meeting if this user is in its team or takes part; 404 otherwise, audited both ways.
    The row names the families the page shows (NEN 7513 §5.2: the objects of the event): with
    `agenda`, the families on the meeting's agenda (in the same SELECT); else `household_ids`,
    such as the families a form offers to choose from."""
    meetings = gate.visible_meetings(request.user).select_related("team")
    if agenda:
        meetings = audit_persons.with_joined_ids(
            meetings,
            audit_persons.HOUSEHOLD_IDS,
            AgendaItem.objects.all(),
            "meeting",
            "household_id",
        )
    return gate.access_among(
        request,
        meetings,
        meeting_id,
        action=action,
        object_type="casemeeting",
        grant=gate.Grant.SAFETY_TEAM,
        household_ids=household_ids,
    ).obj


def access_item(request, item_id, *, action: str) -> AgendaItem:
    items = AgendaItem.objects.select_related("meeting__team", "household__district").filter(
        meeting__in=gate.visible_meetings(request.user)
    )
    return gate.access_among(
        request,
        items,
        item_id,
        action=action,
        object_type="agendaitem",
        grant=gate.Grant.SAFETY_TEAM,
    ).obj


def upcoming(user, *, now: datetime.datetime | None = None) -> QuerySet[CaseMeeting]:
    """Meetings still running or ahead, soonest first."""
    return _upcoming(gate.visible_meetings(user), now or timezone.now())


def upcoming_of(professional: Any, now: Any) -> QuerySet[CaseMeeting]:
    """upcoming for a professional's id and the moment; each may be a Param (the home)."""
    return _upcoming(gate.meetings_of(professional), now)


def _upcoming(meetings: QuerySet[CaseMeeting], now: Any) -> QuerySet[CaseMeeting]:
    return meetings.filter(ends_at__gt=now).select_related("team").order_by("starts_at", "pk")


def recent(user, *, now: datetime.datetime | None = None) -> QuerySet[CaseMeeting]:
    now = now or timezone.now()
    return (
        gate.visible_meetings(user)
        .filter(ends_at__lte=now)
        .select_related("team")
        .order_by("-starts_at", "pk")
    )


def meeting_list_query(teams, *, now: datetime.datetime) -> ListQuery:
    """The team page's meetings: the coming ones unless asked otherwise, by team, by date.
    `teams` are the user's own (gate.visible_teams), so the filter offers only those."""
    return ListQuery(
        filters=(
            Filter(
                name="periode",
                label=_("Periode"),
                choices=(("eerder", _("Eerdere overleggen")), ("alle", _("Alle overleggen"))),
                lookups={"": Q(ends_at__gt=now), "eerder": Q(ends_at__lte=now)},
                all_label=_("Komende overleggen"),
            ),
            Filter(
                name="team",
                label=_("Veiligheidsteam"),
                choices=tuple((str(team.pk), team.name) for team in teams),
                lookups={str(team.pk): Q(team_id=team.pk) for team in teams},
                all_label=_("Alle teams"),
            ),
        ),
        sorts=(
            Sort("eerst", _("Datum, vroegste eerst"), ("starts_at", "pk")),
            Sort("laatst", _("Datum, laatste eerst"), ("-starts_at", "pk")),
        ),
    )


def meetings(user) -> QuerySet[CaseMeeting]:
    return gate.visible_meetings(user).select_related("team")


def returning_actions(meeting: CaseMeeting) -> QuerySet[Action]:
    """Actions of this team that were overdue when the meeting began and still open then.

    Computed on read, so they come back on every next agenda by themselves until closed; a
    past meeting shows what was overdue at its own time.
    """
    start = meeting.starts_at
    return (
        Action.objects.filter(
            team_id=meeting.team_id,
            due_on__lt=timezone.localtime(start).date(),
            created_at__lt=start,
        )
        .filter(Q(state=ActionState.OPEN) | Q(closed_at__gt=start))
        .select_related("owner__user", "owner__organisation", "household", "item__meeting")
        .order_by("due_on", "pk")
    )


@dataclass
class Agenda:
    meeting: CaseMeeting
    items: list[AgendaItem]
    returning: list[Action]
    participants: list[Professional]

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.meeting.starts_at <= now < self.meeting.access_until


def agenda(meeting: CaseMeeting) -> Agenda:
    """The agenda page in a fixed number of queries, however many cases it holds."""
    items = list(
        meeting.items.select_related(
            "household", "presented_by__user", "presented_by__organisation"
        )
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("recorded_by__user").prefetch_related(
                    Prefetch("agreed_by", queryset=Professional.objects.select_related("user"))
                ),
            ),
            Prefetch(
                "actions", queryset=Action.objects.select_related("owner__user").order_by("due_on")
            ),
        )
        .order_by("position")
    )
    participants = list(
        meeting.participants.select_related("user", "organisation").order_by(
            "user__last_name", "user__first_name"
        )
    )
    return Agenda(meeting, items, list(returning_actions(meeting)), participants)


def task_list(professional: Professional) -> QuerySet[Action]:
    """The owner's actions: open ones first, soonest due first. `family_shown` is the family's
    name where the gate lets this owner read it, else empty (never searched on otherwise)."""
    visible = gate.visible_households(professional.user).values("pk")
    return _tasks(gate.owned_actions(professional), visible)


def tasks_of(professional: Any, team: Any, now: Any) -> QuerySet[Action]:
    """task_list of a professional who works with families (gate.family_reader), for their id,
    their team's organisation (None: no team) and the moment; each may be a Param (the home)."""
    visible = gate.households_visible_to(professional, team, now).values("pk")
    return _tasks(gate.actions_owned_by(professional), visible)


def _tasks(owned: QuerySet[Action], visible: QuerySet) -> QuerySet[Action]:
    return (
        owned.select_related("household", "team", "item__meeting")
        .annotate(
            family_shown=Case(
                When(household__in=visible, then=F("household__name")),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .order_by(*OPEN_FIRST)
    )


# Open actions (closed_at NULL) first on every database: PostgreSQL sorts NULL last by default.
OPEN_FIRST = (F("closed_at").asc(nulls_first=True), "due_on", "pk")


def task_list_query(day: datetime.date) -> ListQuery:
    """Mijn taken: search the action and the family, filter on state or overdue, sort by due
    date (open first) or by family."""
    return ListQuery(
        search=("description", "family_shown"),
        search_label=_("Zoek in de actie of op naam van het gezin"),
        filters=(
            Filter(
                name="status",
                label=_("Status"),
                choices=tuple(ActionState.choices),
                lookups={value: Q(state=value) for value in ActionState.values},
                all_label=_("Alle statussen"),
            ),
            Filter(
                name="termijn",
                label=_("Termijn"),
                choices=(("verlopen", _("Alleen over de datum")),),
                lookups={"verlopen": Q(state=ActionState.OPEN, due_on__lt=day)},
            ),
        ),
        sorts=(
            Sort("uiterlijk", _("Uiterlijk, open eerst"), OPEN_FIRST),
            Sort("gezin", _("Gezin"), ("family_shown", "due_on", "pk")),
            Sort("nieuwste", _("Nieuwste eerst"), ("-created_at", "pk")),
        ),
    )


def board_checks(household: Household) -> QuerySet[BoardCheck]:
    return BoardCheck.objects.filter(household=household).select_related(
        "requested_by__user", "outcome_by__user"
    )


# -- finding each other ------------------------------------------------------------------------


def related_household_ids(household: Household) -> set:
    """This household and those that share a child with it, or a parent of a child in it (so
    siblings who live elsewhere count too)."""
    members = list(Member.objects.filter(household=household).values_list("person_id", "role"))
    children = [p for p, role in members if role == MemberRole.CHILD]
    parents = [p for p, role in members if role in (MemberRole.PARENT, MemberRole.CARER)]
    ids = {household.pk}
    if not children:
        return ids
    ids |= set(Member.objects.filter(person_id__in=children).values_list("household_id", flat=True))
    # A parent's other household counts when it has children: they are siblings.
    ids |= set(
        Member.objects.filter(
            person_id__in=parents,
            household__members__role=MemberRole.CHILD,
        ).values_list("household_id", flat=True)
    )
    return ids


def involvements_around(household: Household) -> list[Involvement]:
    """Active involvements with this family's children and their siblings elsewhere."""
    return list(
        Involvement.objects.filter(
            household_id__in=related_household_ids(household), ended_on__isnull=True
        )
        .select_related("professional__user", "organisation")
        .order_by("organisation__name", "professional__user__last_name")
    )


def contact_line(involvement: Involvement) -> str:
    """Who, where, which number: nothing about the family, the role or the reason."""
    phone = involvement.professional.phone or involvement.organisation.phone
    return f"{involvement.professional.display_name}, {involvement.organisation.name}, {phone}"


@dataclass(frozen=True)
class Contact:
    name: str
    organisation: str
    phone: str
    is_lead: bool
    same_household: bool


def also_involved(household: Household) -> list[Contact]:
    """Everyone involved with the children (and siblings) from every organisation: contact
    details only. The caller has passed the gate for `household`."""
    seen = set()
    result = []
    for involvement in involvements_around(household):
        if involvement.professional_id in seen:
            continue
        seen.add(involvement.professional_id)
        result.append(
            Contact(
                involvement.professional.display_name,
                involvement.organisation.name,
                involvement.professional.phone or involvement.organisation.phone,
                involvement.is_lead and involvement.household_id == household.pk,
                involvement.household_id == household.pk,
            )
        )
    return result
