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
    # Wednesday 24 Dec 2025 + 5: Mon 29, Tue 30, Wed 31, (Thu 1 Jan), Fri 2, Mon 5.
    assert calendar.add_working_days(D(2025, 12, 24), 5) == D(2026, 1, 5)


def test_ascension_and_whit_monday_are_skipped():
    assert not calendar.is_working_day(D(2024, 5, 9))  # Ascension
    assert not calendar.is_working_day(D(2024, 5, 20))  # Whit Monday
    assert calendar.is_working_day(D(2024, 5, 10))  # Friday after Ascension: no decree set


def test_days_equated_by_royal_decree_are_configurable(settings):
    settings.KETENKAART = {**settings.KETENKAART, "EXTRA_NON_WORKING_DAYS": ["2024-05-10"]}
    assert not calendar.is_working_day(D(2024, 5, 10))
    # Wednesday 8 May 2024 + 2: (Thu 9 Ascension), (Fri 10 decree), Mon 13, Tue 14.
    assert calendar.add_working_days(D(2024, 5, 8), 2) == D(2024, 5, 14)


def test_working_days_between_counts_both_ways():
    assert calendar.working_days_between(D(2025, 3, 7), D(2025, 3, 14)) == 5
    assert calendar.working_days_between(D(2025, 3, 14), D(2025, 3, 7)) == -5
    assert calendar.working_days_between(D(2025, 3, 7), D(2025, 3, 7)) == 0


def test_subtract_working_days_inverts_add_working_days():
    for start in (D(2025, 3, 14), D(2025, 4, 28), D(2026, 1, 5), D(2026, 5, 11)):
        assert calendar.add_working_days(calendar.subtract_working_days(start, 5), 5) == start
