"""When a dossier may be destroyed: the rules in one place (DOMAIN.md, consent, sharing,
retention). A dossier is kept or destroyed whole; of the organisations involved, the longest
period applies.

Defaults:
- jeugdhulp (local teams, municipality, youth health care, mental health and other help):
  20 years after the help ended (Jeugdwet art. 7.3.8 lid 1, since 2020);
- Veilig Thuis: until the youngest child is 18 (DOMAIN.md; longer where a measure needs it,
  which the legal hold covers);
- GI with OTS or guardianship: 30 years after majority (DOMAIN.md: "up to"; the longest is taken);
- Raad voor de Kinderbescherming: "much longer" — *unverified*, 60 years after majority as a
  placeholder to configure (RetentionPeriod).
Every period is configurable per organisation type (RetentionPeriod rows).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from ketenkaart.households.models import (
    CourtMeasure,
    Household,
    Involvement,
    Member,
    MemberRole,
    active_measures_q,
)
from ketenkaart.organisations.models import OrganisationType as T
from ketenkaart.retention.models import Anchor, LegalHold, RetentionPeriod

HELP: tuple[str, int, str] = (Anchor.HELP_ENDED, 20, "Jeugdwet art. 7.3.8 lid 1")
DEFAULTS: dict[str, tuple[str, int, str]] = {t.value: HELP for t in T} | {
    T.VEILIG_THUIS: (Anchor.YOUNGEST_MAJORITY, 0, "DOMAIN.md: tot het jongste kind 18 is"),
    T.CERTIFIED_INSTITUTION: (Anchor.YOUNGEST_MAJORITY, 30, "DOMAIN.md: tot 30 jaar na 18"),
    T.CHILD_PROTECTION_BOARD: (Anchor.YOUNGEST_MAJORITY, 60, "niet geverifieerd: instellen"),
}
UNVERIFIED = {T.CHILD_PROTECTION_BOARD.value}


def periods() -> dict[str, tuple[str, int, str]]:
    """The defaults with the installation's own periods over them (one query)."""
    own = {
        p.organisation_type: (p.anchor, p.years, p.source or "eigen instelling")
        for p in RetentionPeriod.objects.all()
    }
    return {**DEFAULTS, **own}


@dataclass
class Verdict:
    household_id: object
    destroy_on: datetime.date | None  # None: not computable yet (help still running, no dates)
    holds: list[str] = field(default_factory=list)
    because: list[str] = field(default_factory=list)  # "type: date" per organisation type

    def due_on(self, day: datetime.date) -> bool:
        return not self.holds and self.destroy_on is not None and self.destroy_on <= day


def help_ended_on(household: Household, involvements: list[Involvement]) -> datetime.date | None:
    """When help ended: the day the dossier was closed, or the last involvement ended; None
    while anyone is still involved."""
    if any(i.ended_on is None for i in involvements):
        return None
    ends = [i.ended_on for i in involvements if i.ended_on is not None]  # all ended (above)

    if household.closed_at is not None:
        ends.append(timezone.localdate(household.closed_at))
    return max(ends) if ends else None


def verdicts(
    households: list[Household], day: datetime.date | None = None, table=None
) -> dict[object, Verdict]:
    """The verdict of each household, in five queries however many there are."""
    day = day or timezone.localdate()
    table = table or periods()
    ids = [h.pk for h in households]
    involvements: dict[object, list[Involvement]] = defaultdict(list)
    for i in Involvement.objects.filter(household_id__in=ids).select_related("organisation"):
        involvements[i.household_id].append(i)
    children: dict[object, list] = defaultdict(list)
    for household_id, birth_date in Member.objects.filter(
        household_id__in=ids, role=MemberRole.CHILD
    ).values_list("household_id", "person__birth_date"):
        children[household_id].append(birth_date)
    measured = set(
        CourtMeasure.objects.filter(active_measures_q(day), household_id__in=ids).values_list(
            "household_id", flat=True
        )
    )
    held = set(
        LegalHold.objects.filter(household_id__in=ids, lifted_at__isnull=True).values_list(
            "household_id", flat=True
        )
    )
    return {
        h.pk: _verdict(h, involvements[h.pk], children[h.pk], h.pk in measured, h.pk in held, table)
        for h in households
    }


def verdict(household: Household, day: datetime.date | None = None, table=None) -> Verdict:
    return verdicts([household], day, table)[household.pk]


def _verdict(household, involvements, children, measured, held, table) -> Verdict:
    result = Verdict(household.pk, None)
    if measured:
        result.holds.append("measure_in_force")
    if held:
        result.holds.append("legal_hold")
    ended = help_ended_on(household, involvements)
    youngest = max((b for b in children if b), default=None)
    if any(b is None for b in children):
        youngest = None  # an unknown birth date: the safe side, no date
    dates = []
    for kind in sorted({i.organisation.type for i in involvements}):
        anchor, years, _source = table.get(kind, HELP)
        if anchor == Anchor.HELP_ENDED:
            base = ended
        elif not children:
            base = ended  # no children (yet): the help's end
        elif youngest is None or ended is None:
            base = None
        else:
            base = max(youngest + relativedelta(years=18), ended)
        if base is None:
            result.because.append(f"{kind}: ?")
            return result
        date = base + relativedelta(years=years)
        dates.append(date)
        result.because.append(f"{kind}: {date.isoformat()}")
    result.destroy_on = max(dates) if dates else ended
    return result
