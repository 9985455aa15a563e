"""Dutch working days for legal deadlines (Algemene termijnenwet, art. 3).

The `holidays` library gives the Dutch public holidays; we keep from it only the days the law
names and add what libraries get wrong: 5 May (Liberation Day) counts *every* year, not only in
lustrum years. Days a Royal decree equates with these holidays (art. 3 lid 3; about every three
years, e.g. the Friday after Ascension) ship as data in `holiday_decrees`; a later decree can be
added through the setting KETENKAART["EXTRA_NON_WORKING_DAYS"] until a release ships it.
"""

import datetime
import functools

import holidays
from dateutil.easter import easter
from django.conf import settings

from ketenkaart.core.holiday_decrees import decree_days

# The names the `holidays` library (language en_US) gives the days of art. 3; Easter Sunday
# and Whit Sunday fall on a Sunday anyway and are left out.
STATUTORY_NAMES = frozenset(
    {
        "New Year's Day",
        "Good Friday",
        "Easter Monday",
        "King's Day",
        "Liberation Day",
        "Ascension Day",
        "Pentecost Monday",
        "Christmas Day",
        "Second Day of Christmas",
    }
)


def statutory_holidays_by_law(year: int) -> dict[datetime.date, str]:
    """The art. 3 list computed from its definition; the library is checked against it."""
    easter_sunday = easter(year)
    kings_day = datetime.date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday the King's birthday is celebrated on the 26th
        kings_day = datetime.date(year, 4, 26)
    return {
        datetime.date(year, 1, 1): "Nieuwjaarsdag",
        easter_sunday - datetime.timedelta(days=2): "Goede Vrijdag",
        easter_sunday + datetime.timedelta(days=1): "Tweede Paasdag",
        kings_day: "Koningsdag",
        datetime.date(year, 5, 5): "Bevrijdingsdag",
        easter_sunday + datetime.timedelta(days=39): "Hemelvaartsdag",
        easter_sunday + datetime.timedelta(days=50): "Tweede Pinksterdag",
        datetime.date(year, 12, 25): "Eerste Kerstdag",
        datetime.date(year, 12, 26): "Tweede Kerstdag",
    }


@functools.lru_cache(maxsize=64)
def _library_days(year: int) -> frozenset[datetime.date]:
    calendar = holidays.Netherlands(years=year, language="en_US")
    days = {day for day, name in calendar.items() if name in STATUTORY_NAMES}
    days.add(datetime.date(year, 5, 5))  # every year, not only in lustrum years
    return frozenset(days)


_DECREE_DAYS = frozenset(decree_days())


def extra_days() -> frozenset[datetime.date]:
    """Days equated by Royal decree (Atw art. 3 lid 3): the shipped decrees and the setting."""
    configured = frozenset(
        datetime.date.fromisoformat(str(day))
        for day in settings.KETENKAART.get("EXTRA_NON_WORKING_DAYS", ())
    )
    return _DECREE_DAYS | configured


def is_holiday(day: datetime.date) -> bool:
    return day in _library_days(day.year) or day in extra_days()


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    day = start
    counted = 0
    extra = extra_days()
    while counted < days:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in _library_days(day.year) and day not in extra:
            counted += 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (negative when end lies before)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + datetime.timedelta(days=offset))
    )


def subtract_working_days(start: datetime.date, days: int) -> datetime.date:
    """The day from which `start` is the `days`-th working day (the inverse of add_working_days
    for a working day `start`)."""
    day = start
    counted = 0
    extra = extra_days()
    while counted < days:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in _library_days(day.year) and day not in extra:
            counted += 1
    # Receipt on the working day before; add_working_days(day, days) == start.
    return day
