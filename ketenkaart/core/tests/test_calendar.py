"""Working days for Veilig Thuis deadlines: weekends and every Algemene termijnenwet holiday."""

import datetime

import pytest

from ketenkaart.core import calendar

D = datetime.date


@pytest.mark.parametrize("year", range(2019, 2033))
def test_the_library_agrees_with_the_law_every_year(year):
    by_law = set(calendar.statutory_holidays_by_law(year))
    for day in by_law:
        assert calendar.is_holiday(day), (day, calendar.statutory_holidays_by_law(year)[day])
    library = set(calendar._library_days(year))
    assert library == by_law


@pytest.mark.parametrize("year", [2023, 2024, 2026, 2027, 2028, 2029])
def test_liberation_day_is_not_a_working_day_outside_lustrum_years(year):
    assert not calendar.is_working_day(D(year, 5, 5))


def test_liberation_day_on_a_weekday_in_a_non_lustrum_year_moves_the_deadline():
    # 5 May 2026 is a Tuesday; Ascension is 14 May. Friday 1 May + 5 working days:
    # Mon 4, (Tue 5 skipped), Wed 6, Thu 7, Fri 8, Mon 11.
    assert calendar.add_working_days(D(2026, 5, 1), 5) == D(2026, 5, 11)


def test_kings_day_on_a_sunday_is_celebrated_on_saturday_26_april():
    # 27 April 2025 is a Sunday: King's Day was Saturday 26 April.
    assert calendar.is_holiday(D(2025, 4, 26))
    assert D(2025, 4, 27) not in calendar.statutory_holidays_by_law(2025)
    # 27 April 2031 is a Sunday too.
    assert calendar.statutory_holidays_by_law(2031)[D(2031, 4, 26)] == "Koningsdag"


def test_kings_day_on_a_weekday_is_skipped():
    # Tuesday 27 April 2027.
    assert not calendar.is_working_day(D(2027, 4, 27))
    assert calendar.add_working_days(D(2027, 4, 26), 1) == D(2027, 4, 28)


def test_weekends_are_skipped():
    # Friday 7 March 2025 + 5 working days = Friday 14 March.
    assert calendar.add_working_days(D(2025, 3, 7), 5) == D(2025, 3, 14)
    # Received on a Saturday: Monday is the first working day.
    assert calendar.add_working_days(D(2025, 3, 8), 5) == D(2025, 3, 14)


def test_easter_good_friday_and_easter_monday_are_skipped():
    # Easter 2025: Good Friday 18 April, Easter Monday 21 April.
    # Thursday 17 April + 5: Tue 22, Wed 23, Thu 24, Fri 25, Mon 28 (Sat 26 is King's Day).
    assert calendar.add_working_days(D(2025, 4, 17), 5) == D(2025, 4, 28)


def test_christmas_and_new_year_are_skipped():
    # Wednesday 24 Dec 2025 + 5: Mon 29, Tue 30, Wed 31, (Thu 1 Jan), (Fri 2 Jan, equated by
    # decree), Mon 5, Tue 6.
    assert calendar.add_working_days(D(2025, 12, 24), 5) == D(2026, 1, 6)


def test_ascension_and_whit_monday_are_skipped():
    assert not calendar.is_working_day(D(2024, 5, 9))  # Ascension
    assert not calendar.is_working_day(D(2024, 5, 20))  # Whit Monday
    assert calendar.is_working_day(D(2024, 5, 8))


def test_the_friday_after_ascension_ships_as_equated_by_decree():
    # Besluit gelijkstelling ... 10 mei 2024 ...: no setting needed.
    assert not calendar.is_working_day(D(2024, 5, 10))
    # Wednesday 8 May 2024 + 2: (Thu 9 Ascension), (Fri 10 decree), Mon 13, Tue 14.
    assert calendar.add_working_days(D(2024, 5, 8), 2) == D(2024, 5, 14)
    assert not calendar.is_working_day(D(2026, 1, 2))
    assert not calendar.is_working_day(D(2028, 4, 28))


def test_every_shipped_decree_has_a_title_and_a_publication():
    from ketenkaart.core.holiday_decrees import DECREES

    assert len(DECREES) == 2
    for decree in DECREES:
        assert decree.title.startswith("Besluit gelijkstelling van")
        assert "Staatscourant" in decree.publication
        assert len(decree.days) == 5


def test_a_later_decree_is_configurable(settings):
    settings.KETENKAART = {**settings.KETENKAART, "EXTRA_NON_WORKING_DAYS": ["2029-05-11"]}
    assert not calendar.is_working_day(D(2029, 5, 11))
    assert not calendar.is_working_day(D(2024, 5, 10))  # the shipped decrees stay


def _easter_by_meeus(year: int) -> datetime.date:
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher), independent of dateutil."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return datetime.date(year, month, day)


def _independent_non_working_days(year: int) -> set[datetime.date]:
    """Atw art. 3 lid 1 and 2 by hand, plus the days of the two decrees typed from their titles."""
    easter = _easter_by_meeus(year)
    kings = D(year, 4, 27) if D(year, 4, 27).weekday() != 6 else D(year, 4, 26)
    days = {
        D(year, 1, 1),
        easter - datetime.timedelta(days=2),  # Goede Vrijdag (lid 2)
        easter + datetime.timedelta(days=1),
        kings,
        D(year, 5, 5),  # every year, not only in lustrum years
        easter + datetime.timedelta(days=39),
        easter + datetime.timedelta(days=50),
        D(year, 12, 25),
        D(year, 12, 26),
    }
    decrees = {
        "2023-04-28", "2023-05-19", "2024-05-10", "2024-12-27", "2025-05-30",
        "2026-01-02", "2026-05-15", "2027-05-07", "2028-04-28", "2028-05-26",
    }  # fmt: skip
    return days | {D.fromisoformat(d) for d in decrees if d.startswith(str(year))}


def test_five_working_days_from_every_receipt_day_2023_to_2028_match_the_law():
    closed = set().union(*(_independent_non_working_days(y) for y in range(2023, 2030)))
    day = D(2023, 1, 1)
    checked = 0
    while day <= D(2028, 12, 31):
        expected, counted = day, 0
        while counted < 5:
            expected += datetime.timedelta(days=1)
            if expected.weekday() < 5 and expected not in closed:
                counted += 1
        assert calendar.add_working_days(day, 5) == expected, day
        checked += 1
        day += datetime.timedelta(days=1)
    assert checked == 2192


def test_working_days_between_counts_both_ways():
    assert calendar.working_days_between(D(2025, 3, 7), D(2025, 3, 14)) == 5
    assert calendar.working_days_between(D(2025, 3, 14), D(2025, 3, 7)) == -5
    assert calendar.working_days_between(D(2025, 3, 7), D(2025, 3, 7)) == 0


def test_subtract_working_days_inverts_add_working_days():
    for start in (D(2025, 3, 14), D(2025, 4, 28), D(2026, 1, 5), D(2026, 5, 11)):
        assert calendar.add_working_days(calendar.subtract_working_days(start, 5), 5) == start
