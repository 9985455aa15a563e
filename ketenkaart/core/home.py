"""Each role's home: what is due first. Every read goes through the gate's visible_* functions
or a selector that takes the acting user; nothing here filters by user by hand."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from ketenkaart.access import gate
from ketenkaart.access.models import EmergencyAccess
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


def casework_home(user, professional: Professional) -> CaseworkHome:
    """The regisseur's (and the Raad's and GI's) day: handovers received, actions by due date,
    families with a warning, the next case meetings. The same queries whatever the caseload
    (the unread count is the menu's, core/views.start)."""
    today = timezone.localdate()
    # Questions to take over regie come first, each with its answer one click away; their
    # messages are not listed twice.
    offers = list(
        gate.visible_handover_offers(user)
        .filter(to_professional_id=professional.pk, state=OfferState.PENDING)
        .select_related(
            "household__municipality",
            "household__district",
            "offered_by__user",
            "offered_by__organisation",
        )
        .order_by("offered_at", "pk")[:SHOWN]
    )
    # Not the family's name: the receiver holds no grant on it until they accept.
    outlines = family_outlines([offer.household for offer in offers], day=today)
    for offer in offers:
        offer.outline = outlines[offer.household_id]
    handovers = list(
        inbox.inbox(professional)
        .filter(kind=Kind.HANDOVER, read_at__isnull=True)
        .exclude(link__startswith=OFFER_LINK)[:SHOWN]
    )
    open_tasks = safety_teams.task_list(professional).filter(closed_at__isnull=True)
    tasks = list(open_tasks.order_by("due_on", "pk")[:SHOWN])
    overdue = open_tasks.filter(due_on__lt=today).count()
    # The families with a warning found in SQL, the first SHOWN of them, and the caseload's
    # count: not the whole caseload (an organisation's, for a team) loaded to show eight.
    warned = households.caseload_page(user, day=today, warned=True)
    attention = households.with_warnings(warned[:SHOWN], day=today)
    total = households.caseload_page(user, day=today).count()
    meetings = list(safety_teams.upcoming(user)[:SHOWN])
    return CaseworkHome(
        offers=offers,
        handovers=handovers,
        tasks=tasks,
        overdue_tasks=overdue,
        attention=attention,
        households_total=total,
        meetings=meetings,
        today=today,
    )


@dataclass
class PrivacyHome:
    emergency_to_review: list[EmergencyAccess]
    households: list[Household]
    households_total: int
    query: str


def privacy_home(user, *, query: str = "", limit: int = 25) -> PrivacyHome:
    """The privacy officer's work: emergency access awaiting review, and every toegangslog they
    may read (their region's families), searchable by family name."""
    readable = gate.access_log_households(user)
    reviews = list(
        EmergencyAccess.objects.filter(household__in=readable, reviewed_at__isnull=True)
        .select_related("household", "professional__user", "professional__organisation")
        .order_by("granted_at", "pk")[:SHOWN]
    )
    listed = readable.order_by("name", "pk")
    if query:
        listed = listed.filter(name__icontains=query)
    return PrivacyHome(
        emergency_to_review=reviews,
        households=list(listed[:limit]),
        households_total=listed.count(),
        query=query,
    )
