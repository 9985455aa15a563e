"""Each role's home: what is due first. Every read goes through the gate's visible_* functions,
a selector that takes the acting user, or their forms for the acting professional's id (the
*_of functions, as prepared statements); nothing here filters by user by hand."""

import datetime
from dataclasses import dataclass, field

from django.db.models import DateField, DateTimeField, QuerySet, UUIDField
from django.utils import timezone

from ketenkaart.access import gate
from ketenkaart.access.models import EmergencyAccess
from ketenkaart.core.precompiled import Param, Precompiled, counted
from ketenkaart.households import selectors as households
from ketenkaart.households.handover_services import family_outlines
from ketenkaart.households.models import HandoverOffer, Household, OfferState
from ketenkaart.notifications import selectors as inbox
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import Professional
from ketenkaart.safety_teams import selectors as safety_teams
from ketenkaart.safety_teams.models import Action, CaseMeeting

OFFER_LINK = "/regie-overdrachten/"
SHOWN = 8  # rows per block on a home; the full list is one link away


@dataclass
class CaseworkHome:
    offers: list[HandoverOffer]
    handovers: list[Notification]
    tasks: list[Action]
    overdue_tasks: int
    attention: list[Household]
    households_total: int
    meetings: list[CaseMeeting]
    today: datetime.date = field(default_factory=timezone.localdate)


def _professional() -> Param:
    return Param("professional", UUIDField())


def _now() -> Param:
    return Param("now", DateTimeField())


# The home's lists, compiled once per connection (issue 17): each the gate's or a selector's
# list for the acting professional, with only their id, team and the moment as values.
_OFFERS = Precompiled(  # questions to take over regie, asked of them
    lambda: (
        gate.handover_offers_of(_professional())
        .filter(to_professional_id=_professional(), state=OfferState.PENDING)
        .select_related(
            "household__municipality",
            "household__district",
            "offered_by__user",
            "offered_by__organisation",
        )
        .order_by("offered_at", "pk")[:SHOWN]
    )
)
_HANDOVERS = Precompiled(  # their messages listed with the questions are not listed twice
    lambda: (
        inbox.inbox_of(_professional())
        .filter(kind=Kind.HANDOVER, read_at__isnull=True)
        .exclude(link__startswith=OFFER_LINK)[:SHOWN]
    )
)
_MEETINGS = Precompiled(lambda: safety_teams.upcoming_of(_professional(), _now())[:SHOWN])


def _task_statements(team: bool) -> tuple[Precompiled, Precompiled]:
    def open_tasks() -> QuerySet[Action]:
        team_id = Param("team", UUIDField()) if team else None
        tasks = safety_teams.tasks_of(_professional(), team_id, _now())
        return tasks.filter(closed_at__isnull=True)

    return (
        Precompiled(lambda: open_tasks().order_by("due_on", "pk")[:SHOWN]),
        Precompiled(lambda: counted(open_tasks().filter(due_on__lt=Param("day", DateField())))),
    )


_TASKS = {team: _task_statements(team) for team in (False, True)}


def casework_home(user, professional: Professional) -> CaseworkHome:
    """The regisseur's (and the Raad's and GI's) day: handovers received, actions by due date,
    families with a warning, the next case meetings. The same statements whatever the
    caseload (the unread count is the menu's, core/views.start)."""
    if gate.family_reader(user) != professional:
        raise ValueError("casework_home is the home of a professional who works with families")
    today = timezone.localdate()
    team = gate.team_of(professional)
    values = {"professional": professional.pk, "team": team, "now": timezone.now(), "day": today}
    offers = _OFFERS.rows(**values)
    # Not the family's name: the receiver holds no grant on it until they accept.
    outlines = family_outlines([offer.household for offer in offers], day=today)
    for offer in offers:
        offer.outline = outlines[offer.household_id]
    tasks, overdue = _TASKS[team is not None]
    # The families with a warning found in SQL, the first SHOWN of them, and the caseload's
    # count: not the whole caseload (an organisation's, for a team) loaded to show eight.
    warned = households.caseload_page(user, day=today, warned=True)
    return CaseworkHome(
        offers=offers,
        handovers=_HANDOVERS.rows(**values),
        tasks=tasks.rows(**values),
        overdue_tasks=overdue.first(**values) or 0,
        attention=households.with_warnings(warned[:SHOWN], day=today),
        households_total=households.caseload_page(user, day=today).count(),
        meetings=_MEETINGS.rows(**values),
        today=today,
    )


# A region holds tens of thousands of families: the privacy officer's list counts this far
# and then says "more than", so the count does not grow with the region (issue 17).
COUNTED_UP_TO = 1000


@dataclass
class PrivacyHome:
    emergency_to_review: list[EmergencyAccess]
    households: list[Household]
    households_total: int  # at most COUNTED_UP_TO + 1
    query: str
    counted_up_to: int

    @property
    def counted_all(self) -> bool:
        return self.households_total <= self.counted_up_to


# Emergency access awaiting the privacy officer's review (a join of six tables: planning it
# cost more than running it).
_REVIEWS = Precompiled(
    lambda: (
        EmergencyAccess.objects.filter(
            household__in=gate.access_logs_of_region(Param("region", UUIDField())),
            reviewed_at__isnull=True,
        )
        .select_related("household", "professional__user", "professional__organisation")
        .order_by("granted_at", "pk")[:SHOWN]
    )
)


def privacy_home(user, *, query: str = "", limit: int = 25) -> PrivacyHome:
    """The privacy officer's work: emergency access awaiting review, and every toegangslog they
    may read (their region's families), searchable by family name. Each list is read through
    an index (the region and the name, the name's trigrams, the open reviews) and the count
    stops after COUNTED_UP_TO: the page costs the same in a small region and a large one."""
    readable = gate.access_log_households(user)
    region = gate.professional_of(user).organisation.region_id
    listed = readable.order_by("name", "pk")
    if query:
        listed = listed.filter(name__icontains=query)
    return PrivacyHome(
        emergency_to_review=_REVIEWS.rows(region=region),
        households=list(listed[:limit]),
        households_total=listed[: COUNTED_UP_TO + 1].count(),  # along the list's own index
        query=query,
        counted_up_to=COUNTED_UP_TO,
    )
