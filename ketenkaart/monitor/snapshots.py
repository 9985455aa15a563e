"""Indicators measured on the last day of each period (a state, not an event): professionals
per family, regie changes per family, many involved and nobody leading, and parents whose own
view of a buffer improved. Each returns cells {(code, region, municipality, kind, start,
series, label): [base, total]} for the period ends it is given."""

import bisect
import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ketenkaart.buffers.models import BufferObservation, Footing, View
from ketenkaart.households.models import Handover, Involvement
from ketenkaart.monitor import periods

Ends = dict[str, list[tuple[datetime.date, datetime.date]]]  # kind -> [(start, snapshot day)]
Cells = dict[tuple, list[float]]


def _add(cells: Cells, key: tuple, base: float, total: float) -> None:
    cell = cells.setdefault(key, [0, 0.0])
    cell[0] += base
    cell[1] += total


def _areas(household_area, household_id):
    region, municipality = household_area[household_id]
    return ((region, None), (region, municipality))


def _sweep(events: dict, snapshot: list[tuple[datetime.date, datetime.date]]):
    """Per area, the running sum of (day, delta) events at each snapshot day: an event counts
    from its day on (a start on or before the day, an end on or before it)."""
    for area, rows in events.items():
        rows.sort(key=lambda row: row[0])
        index, running = 0, 0
        for start, day in snapshot:
            while index < len(rows) and rows[index][0] <= day:
                running += rows[index][1]
                index += 1
            yield area, start, running


def _union(rows) -> list[tuple[datetime.date, datetime.date | None]]:
    """The days a household had at least one active involvement, as [start, end) runs."""
    runs: list[list] = []
    for start, end, _professional in sorted(rows, key=lambda row: row[0]):
        if runs and (runs[-1][1] is None or start <= runs[-1][1]):
            if runs[-1][1] is not None and (end is None or end > runs[-1][1]):
                runs[-1][1] = end
            continue
        runs.append([start, end])
    return [(start, end) for start, end in runs]


def involvement_state(ends: Ends, cells: Cells, today: datetime.date) -> None:
    """Professionals per family and regie changes per family by a sweep over start and end
    days per area (linear in the data, not in data times periods); families with many
    involved and nobody leading by looking at the few that ever had that many."""
    # An involvement that ended on or before the first period began adds and takes away one
    # before every day counted, and no regie changed under it since: leave it out (the nightly
    # run then reads only what can count).
    first = min((start for snapshot in ends.values() for start, _day in snapshot), default=today)
    areas: dict = {}
    intervals: dict = defaultdict(list)
    for household, region, municipality, professional, start, end in (
        Involvement.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=first))
        .values_list(
            "household_id",
            "household__region_id",
            "household__municipality_id",
            "professional_id",
            "started_on",
            "ended_on",
        )
        .order_by()
        .iterator(chunk_size=20000)
    ):
        intervals[household].append((start, end, professional))
        areas[household] = (region, municipality)
    handovers: dict = defaultdict(list)
    changes: dict = defaultdict(list)  # area -> days of a change of regisseur
    for household, source, target, moment in (
        Handover.objects.values_list(
            "household_id", "from_professional_id", "to_professional_id", "occurred_at"
        )
        .order_by("occurred_at")
        .iterator(chunk_size=20000)
    ):
        day = timezone.localtime(moment).date()
        handovers[household].append((day, target))
        if source is not None and household in areas:
            for area in _areas(areas, household):
                changes[area].append(day)
    involved: dict = defaultdict(list)  # area -> (day, +1/-1) per involvement
    families: dict = defaultdict(list)  # area -> (day, +1/-1) per run of a household
    for household, rows in intervals.items():
        if household not in areas:
            continue
        keys = _areas(areas, household)
        for start, end, _professional in rows:
            for area in keys:
                involved[area].append((start, 1))
                if end is not None:
                    involved[area].append((end, -1))
        for start, end in _union(rows):
            for area in keys:
                families[area].append((start, 1))
                if end is not None:
                    families[area].append((end, -1))
    threshold = settings.KETENKAART["NO_LEAD_WARNING_THRESHOLD"]
    many = {h: rows for h, rows in intervals.items() if len(rows) >= threshold and h in areas}
    for kind, snapshot in ends.items():
        counted = {(area, start): running for area, start, running in _sweep(families, snapshot)}
        for (area, start), base in counted.items():
            if base <= 0:
                continue
            _add(cells, ("professionals_per_gezin", *area, kind, start, "", ""), base, 0)
            period_end = periods.end_of(start, kind)
            days = sorted(changes.get(area, ()))
            done = bisect.bisect_right(days, period_end) - bisect.bisect_left(days, start)
            _add(cells, ("regiewisselingen", *area, kind, start, "", ""), base, done)
        for area, start, running in _sweep(involved, snapshot):
            key = ("professionals_per_gezin", *area, kind, start, "", "")
            if key in cells:
                cells[key][1] += running
        for household, rows in many.items():
            history = handovers.get(household, ())
            lead_days = [day for day, _to in history]
            for start, day in snapshot:
                active = [p for s, e, p in rows if s <= day and (e is None or e > day)]
                if len(active) < threshold:
                    continue
                index = bisect.bisect_right(lead_days, day)
                lead = history[index - 1][1] if index else None
                if lead not in active:
                    for area in _areas(areas, household):
                        key = ("veel_betrokken_geen_regie", *area, kind, start, "", "")
                        _add(cells, key, 1, 1)


RANK = {Footing.NEEDS_SUPPORT: 0, Footing.GROWING: 1, Footing.CARRIES: 2}


def buffers_improved(ends: Ends, cells: Cells, today: datetime.date) -> None:
    seen: dict = defaultdict(lambda: defaultdict(list))
    area_of = {}
    for parent, area, footing, day, region, municipality in (
        BufferObservation.objects.filter(view=View.PARENT)
        .order_by("observed_on", "recorded_at")
        .values_list(
            "parent_id",
            "area",
            "footing",
            "observed_on",
            "household__region_id",
            "household__municipality_id",
        )
        .iterator(chunk_size=20000)
    ):
        seen[parent][area].append((day, RANK.get(footing, 0)))
        area_of[parent] = (region, municipality)
    for kind, snapshot in ends.items():
        for parent, by_area in seen.items():
            region, municipality = area_of[parent]
            for start, day in snapshot:
                better = worse = counted = 0
                for observations in by_area.values():
                    upto = [rank for moment, rank in observations if moment <= day]
                    if len(upto) < 2:
                        continue
                    counted += 1
                    better += upto[-1] > upto[0]
                    worse += upto[-1] < upto[0]
                if not counted:
                    continue
                improved = 1 if better and not worse else 0
                for area in ((region, None), (region, municipality)):
                    _add(cells, ("buffers_vooruit", *area, kind, start, "", ""), 1, improved)


ALL = (involvement_state, buffers_improved)
