"""The scheduled job: which dossiers are due for destruction (for the privacy officer, who
confirms each). Computed on read; `ketenkaart retention_due` prints it for a scheduler."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ketenkaart.households.models import Household, Involvement
from ketenkaart.portal.models import RequestKind, RightsRequest
from ketenkaart.retention import rules


@dataclass(frozen=True)
class Due:
    household_id: object
    destroy_on: datetime.date | None
    on_request: bool
    request_due_on: datetime.date | None


def _candidates(households: QuerySet[Household]) -> QuerySet[Household]:
    """Dossiers where nobody is involved any more, or the family asked for earlier
    destruction: only those can be due, so the rest is never computed."""
    active = Involvement.objects.filter(household=OuterRef("pk"), ended_on__isnull=True)
    asked = RightsRequest.objects.filter(
        household=OuterRef("pk"), kind=RequestKind.DESTRUCTION, answered_at__isnull=True
    )
    return households.annotate(active=Exists(active), asked=Exists(asked)).filter(
        Q(active=False) | Q(asked=True)
    )


CHUNK = 1000


def _verdicts_in_chunks(candidates: QuerySet[Household], day, table):
    """Verdicts a thousand households at a time: five queries per chunk, bounded memory."""
    chunk: list[Household] = []
    for household in candidates.order_by("pk").iterator(chunk_size=CHUNK):
        chunk.append(household)
        if len(chunk) == CHUNK:
            found = rules.verdicts(chunk, day, table)
            yield from ((h, found[h.pk]) for h in chunk)
            chunk = []
    if chunk:
        found = rules.verdicts(chunk, day, table)
        yield from ((h, found[h.pk]) for h in chunk)


def list_due(
    day: datetime.date | None = None, households: QuerySet[Household] | None = None
) -> list[Due]:
    """Dossiers whose period has passed without a hold, and those the family asked to destroy
    earlier (with the request's three-month deadline), oldest first."""
    day = day or timezone.localdate()
    table = rules.periods()
    requests = {
        r.household_id: r.due_on
        for r in RightsRequest.objects.filter(
            kind=RequestKind.DESTRUCTION,
            answered_at__isnull=True,
            **({"household__in": households} if households is not None else {}),
        ).order_by("due_on")
    }
    due = []
    for household, verdict in _verdicts_in_chunks(
        _candidates(households if households is not None else Household.objects.all()), day, table
    ):
        if verdict.holds:
            continue
        if household.pk in requests or verdict.due_on(day):
            due.append(
                Due(
                    household.pk,
                    verdict.destroy_on,
                    household.pk in requests,
                    requests.get(household.pk),
                )
            )
    return sorted(due, key=lambda d: (d.request_due_on or d.destroy_on or day, str(d.household_id)))
