"""The monitor's job: recompute the aggregate table from the source tables.

`refresh()` is a plain function a scheduler (or `ketenkaart monitor refresh`) calls, nightly
for instance. By default it recomputes the periods that start in the previous quarter or later
(what can still change); `full=True` recomputes the whole history kept (MONITOR_HISTORY_YEARS).
Everything it writes is a count or a sum per area and period: never a person or a family.
"""

import datetime
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ketenkaart.monitor import periods, selectors, snapshots, sources, suppression
from ketenkaart.monitor.indicators import BY_CODE
from ketenkaart.monitor.models import Cell, PeriodKind, Refresh

KINDS = (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER)


@dataclass(frozen=True)
class RefreshResult:
    since: datetime.date
    cells: int
    seconds: float


def default_since(today: datetime.date) -> datetime.date:
    """The first day of the previous quarter: late registrations still land there."""
    quarter = periods.start_of(today, PeriodKind.QUARTER)
    return periods.start_of(quarter - datetime.timedelta(days=1), PeriodKind.QUARTER)


def history_start(today: datetime.date) -> datetime.date:
    years = settings.KETENKAART.get("MONITOR_HISTORY_YEARS", 5)
    return periods.start_of(today.replace(year=today.year - years), PeriodKind.QUARTER)


def first_day(kind: str, since: datetime.date) -> datetime.date:
    """`since` is a quarter start, so also a month start; a week may have begun before it,
    and is recomputed whole (from its Monday), or it would be counted half."""
    return periods.start_of(since, PeriodKind.WEEK) if kind == PeriodKind.WEEK else since


def _snapshot_ends(since: datetime.date, today: datetime.date) -> dict:
    return {
        kind: [
            (start, min(periods.end_of(start, kind), today))
            for start in periods.starts_between(first_day(kind, since), today, kind)
        ]
        for kind in KINDS
    }


def compute(*, since: datetime.date, today: datetime.date) -> dict[tuple, list[float]]:
    """Every cell of the periods from `since` (a quarter start) to today."""
    cells: dict[tuple, list[float]] = {}
    week_from = first_day(PeriodKind.WEEK, since)
    for source in sources.ALL:
        for code, region, municipality, day, series, label, base, total in source(week_from):
            if day is None or day < week_from or day > today:
                continue
            areas = [(region, None)] + ([(region, municipality)] if municipality else [])
            with_total = BY_CODE[code].with_total and series != ""
            for kind in KINDS:
                if day < first_day(kind, since):
                    continue
                start = periods.start_of(day, kind)
                for area in areas:
                    keys = [(code, *area, kind, start, series, label)]
                    if with_total:
                        keys.append((code, *area, kind, start, "", ""))
                    for key in keys:
                        cell = cells.setdefault(key, [0, 0.0])
                        cell[0] += base
                        cell[1] += total
    ends = _snapshot_ends(since, today)
    for snapshot in snapshots.ALL:
        snapshot(ends, cells, today)
    return cells


def refresh(*, full: bool = False, since: datetime.date | None = None) -> RefreshResult:
    """Recompute the cells of the periods from `since` (default: the previous quarter) and
    replace them in one transaction; readers see the old or the new table, never half."""
    began = time.perf_counter()
    started_at = timezone.now()
    today = timezone.localdate()
    if since is None:
        since = history_start(today) if full else default_since(today)
    since = periods.start_of(since, PeriodKind.QUARTER)
    cells = compute(since=since, today=today)
    # With the threshold of this run: a changed threshold needs a full refresh.
    protected = suppression.protect(cells, selectors.threshold())
    rows = [
        Cell(
            indicator=code,
            region_id=region,
            municipality_id=municipality,
            period=kind,
            period_start=start,
            series=series[:60],
            series_label=label[:200],
            base=int(base),
            total=float(total),
            protected=(code, region, municipality, kind, start, series, label) in protected,
        )
        for (code, region, municipality, kind, start, series, label), (base, total) in cells.items()
    ]
    with transaction.atomic():
        Cell.objects.filter(
            Q(period=PeriodKind.WEEK, period_start__gte=first_day(PeriodKind.WEEK, since))
            | (~Q(period=PeriodKind.WEEK) & Q(period_start__gte=since))
        ).delete()
        Cell.objects.bulk_create(rows, batch_size=5000)
        Refresh.objects.create(
            started_at=started_at, finished_at=timezone.now(), since=since, cells=len(rows)
        )
    return RefreshResult(since=since, cells=len(rows), seconds=time.perf_counter() - began)
