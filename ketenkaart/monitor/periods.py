"""Periods: ISO weeks (starting Monday), calendar months and quarters, and their labels."""

import datetime

from ketenkaart.monitor.models import PeriodKind

# The API's Dutch names for the kinds of period.
API_NAMES = {"week": PeriodKind.WEEK, "maand": PeriodKind.MONTH, "kwartaal": PeriodKind.QUARTER}
API_NAME_OF = {value: key for key, value in API_NAMES.items()}


def start_of(day: datetime.date, kind: str) -> datetime.date:
    if kind == PeriodKind.WEEK:
        return day - datetime.timedelta(days=day.weekday())
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)


def next_start(start: datetime.date, kind: str) -> datetime.date:
    if kind == PeriodKind.WEEK:
        return start + datetime.timedelta(days=7)
    months = 1 if kind == PeriodKind.MONTH else 3
    month = start.month - 1 + months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def end_of(start: datetime.date, kind: str) -> datetime.date:
    """The last day of the period."""
    return next_start(start, kind) - datetime.timedelta(days=1)


def starts_between(first: datetime.date, last: datetime.date, kind: str) -> list[datetime.date]:
    """Every period start from the period holding `first` to the one holding `last`."""
    starts, current = [], start_of(first, kind)
    while current <= last:
        starts.append(current)
        current = next_start(current, kind)
    return starts


def label(start: datetime.date, kind: str) -> str:
    """Locale-independent labels: 2026-W05, 2026-03, 2026-K1."""
    if kind == PeriodKind.WEEK:
        year, week, _day = start.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == PeriodKind.MONTH:
        return f"{start.year}-{start.month:02d}"
    return f"{start.year}-K{(start.month - 1) // 3 + 1}"


def back(last: datetime.date, kind: str, count: int) -> datetime.date:
    """The start of the period `count - 1` periods before the one holding `last`."""
    start = start_of(last, kind)
    for _index in range(count - 1):
        start = start_of(start - datetime.timedelta(days=1), kind)
    return start
