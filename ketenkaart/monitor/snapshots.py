"""Indicators measured on the last day of each period (a state, not an event): professionals
per family, regie changes per family, many involved and nobody leading, and parents whose own
view of a buffer improved. Each returns cells {(code, region, municipality, kind, start,
series, label): [base, total]} for the period ends it is given."""

import bisect
import datetime
from collections import defaultdict

from django.conf import settings

from ketenkaart.buffers.models import BufferObservation, Footing, View
from ketenkaart.households.models import Handover, Household, Involvement
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


def involvement_state(ends: Ends, cells: Cells, today: datetime.date) -> None:
    areas = {
        pk: (region, municipality)
        for pk, region, municipality in Household.objects.values_list(
            "pk", "region_id", "municipality_id"
        ).iterator(chunk_size=20000)
    }
    intervals: dict = defaultdict(list)
    for household, professional, start, end in (
        Involvement.objects.values_list("household_id", "professional_id", "started_on", "ended_on")
        .order_by()
        .iterator(chunk_size=20000)
    ):
        intervals[household].append((start, end, professional))
    handovers: dict = defaultdict(list)
    for household, source, target, moment in (
        Handover.objects.values_list(
            "household_id", "from_professional_id", "to_professional_id", "occurred_at"
        )
        .order_by("occurred_at")
        .iterator(chunk_size=20000)
    ):
        handovers[household].append((moment.date(), source is not None, target))
    threshold = settings.KETENKAART["NO_LEAD_WARNING_THRESHOLD"]
    for kind, snapshot in ends.items():
        for household, rows in intervals.items():
            if household not in areas:
                continue
            lead_history = handovers.get(household, ())
            lead_days = [moment for moment, _changed, _to in lead_history]
            for start, day in snapshot:
                active = [p for s, e, p in rows if s <= day and (e is None or e > day)]
                if not active:
                    continue
                period_end = periods.end_of(start, kind)
                changes = sum(
                    1
                    for moment, changed, _to in lead_history
                    if changed and start <= moment <= period_end
                )
                no_lead = False
                if len(active) >= threshold:
                    index = bisect.bisect_right(lead_days, day)
                    lead = lead_history[index - 1][2] if index else None
                    no_lead = lead not in active
                for region, municipality in _areas(areas, household):
                    _add(
                        cells,
                        ("professionals_per_gezin", region, municipality, kind, start, "", ""),
                        1,
                        len(active),
                    )
                    _add(
                        cells,
                        ("regiewisselingen", region, municipality, kind, start, "", ""),
                        1,
                        changes,
                    )
                    if no_lead:
                        _add(
                            cells,
                            (
                                "veel_betrokken_geen_regie",
                                region,
                                municipality,
                                kind,
                                start,
                                "",
                                "",
                            ),
                            1,
                            1,
                        )


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
