"""Reads for the guide and consults; the caller passed the gate (ketenkaart.access.community)."""

from django.db.models import Count, Q, QuerySet

from ketenkaart.community.models import Consult, GuideEntry
from ketenkaart.organisations.models import District


def guide(district: District, *, query: str = "", subject: str = "") -> QuerySet[GuideEntry]:
    """A district's entries, optionally of one subject and matching words; one query."""
    entries = GuideEntry.objects.filter(district=district).select_related("organisation")
    if subject:
        entries = entries.filter(subject=subject)
    for word in (query or "").split()[:5]:
        entries = entries.filter(
            Q(contact_name__icontains=word)
            | Q(role__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(where_and_when__icontains=word)
        )
    return entries


def messages(consult: Consult):
    return consult.messages.select_related("author__user", "author__organisation")


def consult_counts(region_id) -> dict[str, int]:
    """For the monitor: how many consults by stand, never what they say or who asked."""
    rows = (
        Consult.objects.filter(district__municipality__region_id=region_id)
        .values("status")
        .annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}


def learning_community(community) -> dict:
    """Members and sessions with their attendance and cases: four queries, however many."""
    from django.db.models import Prefetch

    from ketenkaart.organisations.models import Professional

    people = Professional.objects.select_related("user", "organisation")
    sessions = community.sessions.prefetch_related(
        Prefetch("attendees", queryset=people), "cases"
    ).order_by("-held_on")
    return {
        "members": list(community.members.select_related("user", "organisation")),
        "sessions": list(sessions),
    }
