"""The melding's kenmerk, VT-<year>-<nnnnnn>, one sequence per year of receipt for every way a
melding comes in (the form, the API, a police zorgmelding, the import). Set-based: a batch takes
its numbers in one step per year, never a query per melding."""

import datetime
from collections.abc import Sequence

from django.utils import timezone

from ketenkaart.reports.models import Report


def _prefix(year: int) -> str:
    return f"VT-{year}-"


def _last_number(prefix: str) -> int:
    last = (
        Report.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return int(last.removeprefix(prefix)) if last else 0


def references_reserve(received: Sequence[datetime.datetime]) -> list[str]:
    """The next kenmerken for meldingen received at these moments, in their order. Two callers
    at once may pick the same numbers: the unique index refuses the later writer, whose caller
    retries (and then reads past the winner's numbers)."""
    years = [timezone.localdate(moment).year for moment in received]
    next_number = {year: _last_number(_prefix(year)) for year in sorted(set(years))}
    references = []
    for year in years:
        next_number[year] += 1
        references.append(f"{_prefix(year)}{next_number[year]:06d}")
    return references
