"""Reads of the aggregate table, with small cells suppressed. The caller has passed the gate
(ketenkaart.access.monitor); nothing here reads a source table."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from ketenkaart.monitor import periods, suppression
from ketenkaart.monitor.indicators import BY_CODE, REGISTRY, Indicator, Kind
from ketenkaart.monitor.models import Cell, Refresh

DEFAULT_COUNT = {"week": 26, "month": 12, "quarter": 8}


def threshold() -> int:
    """Cells resting on fewer units than this are not shown (KETENKAART_MONITOR_MIN_CELL)."""
    return int(settings.KETENKAART.get("MONITOR_MIN_CELL", 10))


@dataclass(frozen=True)
class Point:
    """One shown number: `value` None when suppressed or without data (see `status`)."""

    value: float | None
    status: str  # "ok", "suppressed" (fewer than the threshold), "empty" (nothing to divide)
    base: int | None  # the base itself, only when shown


def shown(indicator: Indicator, base: int, total: float, minimum: int) -> Point:
    if base == 0:
        if indicator.kind == Kind.COUNT:
            return Point(0.0, "ok", 0)
        return Point(None, "empty", None)
    if base < minimum:
        return Point(None, "suppressed", None)
    return Point(indicator.value(base, total), "ok", base)


@dataclass
class Series:
    key: str
    label: str
    points: list[Point] = field(default_factory=list)


@dataclass
class IndicatorData:
    indicator: Indicator
    period: str
    starts: list[datetime.date]
    labels: list[str]
    series: list[Series]

    @property
    def rows(self) -> list[tuple[str, list[Point]]]:
        """Table rows: per period its label and one point per series."""
        return [
            (label, [s.points[index] for s in self.series])
            for index, label in enumerate(self.labels)
        ]


def _range(period: str, first: datetime.date | None, last: datetime.date | None):
    # By default up to the last complete period: a period just begun would look like a drop.
    last = last or periods.start_of(timezone.localdate(), period) - datetime.timedelta(days=1)
    first = first or periods.back(last, period, DEFAULT_COUNT[period])
    return periods.starts_between(first, last, period)


def indicator_data(
    cells: list[tuple],
    indicator: Indicator,
    period: str,
    starts: list[datetime.date],
    minimum: int,
) -> IndicatorData:
    """From raw rows (period_start, series, label, base, total) of one indicator."""
    found: dict[str, dict] = {}
    labels: dict[str, str] = {}
    for start, series, label, base, total in cells:
        found.setdefault(series, {})[start] = (base, total)
        labels.setdefault(series, label)
    keys = sorted(found, key=lambda k: (k != "", labels.get(k, k))) or [""]
    series = [
        Series(
            key,
            labels.get(key, "") or "",
            [
                shown(indicator, *found.get(key, {}).get(start, (0, 0.0)), minimum)
                for start in starts
            ],
        )
        for key in keys
    ]
    if indicator.with_total and "" in found and len(series) > 1:
        _complement(series, [found.get(s.key, {}) for s in series], starts, minimum)
    return IndicatorData(
        indicator, period, starts, [periods.label(s, period) for s in starts], series
    )


def _complement(series: list[Series], bases: list[dict], starts, minimum: int) -> None:
    """Per period, the total ("" first) and its parts: hide what subtraction would reveal."""
    hidden_point = Point(None, "suppressed", None)
    for index, start in enumerate(starts):
        counts = [int(b.get(start, (0, 0.0))[0]) for b in bases]
        total_hidden, parts_hidden = suppression.hidden(counts[0], counts[1:], minimum)
        if total_hidden:
            series[0].points[index] = hidden_point
        for part in parts_hidden:
            series[part + 1].points[index] = hidden_point


def dashboard(
    *,
    region_id,
    municipality_id=None,
    period: str = "month",
    first: datetime.date | None = None,
    last: datetime.date | None = None,
    codes: list[str] | None = None,
) -> list[IndicatorData]:
    """Every indicator (or `codes`) of one area: one query, whatever the data's size."""
    starts = _range(period, first, last)
    wanted = [BY_CODE[c] for c in codes] if codes else list(REGISTRY)
    area = Cell.objects.filter(
        region_id=region_id,
        period=period,
        period_start__gte=starts[0] if starts else datetime.date.max,
        period_start__lte=starts[-1] if starts else datetime.date.min,
        indicator__in=[i.code for i in wanted],
    )
    rows = area.filter(municipality_id=municipality_id).values_list(
        "indicator", "period_start", "series", "series_label", "base", "total"
    )
    by_code: dict[str, list] = {}
    for code, *rest in rows:
        by_code.setdefault(code, []).append(tuple(rest))
    minimum = threshold()
    shown_data = [
        indicator_data(by_code.get(i.code, []), i, period, starts, minimum) for i in wanted
    ]
    if municipality_id is not None:
        _complement_municipality(shown_data, area, municipality_id, starts, minimum)
    return shown_data


def _complement_municipality(shown_data, area, municipality_id, starts, minimum: int) -> None:
    """The region's number is the sum of its municipalities' (each on its own page): when
    this municipality's cell is the one subtraction would reveal, or the next smallest beside
    a single hidden one, hide it here too. One query: the region's cells of these periods."""
    groups: dict[tuple, tuple[int, dict]] = {}
    for code, start, series, municipality, base in area.values_list(
        "indicator", "period_start", "series", "municipality_id", "base"
    ):
        total, parts = groups.setdefault((code, start, series), (0, {}))
        if municipality is None:
            groups[(code, start, series)] = (base, parts)
        else:
            parts[municipality] = base
    hidden_point = Point(None, "suppressed", None)
    for data in shown_data:
        for s in data.series:
            for index, start in enumerate(starts):
                total, parts = groups.get((data.indicator.code, start, s.key), (0, {}))
                if municipality_id not in parts:
                    continue
                keys = list(parts)
                _total, hidden = suppression.hidden(total, [parts[k] for k in keys], minimum)
                if keys.index(municipality_id) in hidden:
                    s.points[index] = hidden_point


def last_refresh() -> Refresh | None:
    return Refresh.objects.order_by("-started_at").first()
