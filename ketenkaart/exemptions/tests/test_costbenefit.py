"""The cost-benefit arithmetic against numbers computed by hand (the hand computation is in
each test as a comment)."""

from decimal import Decimal as D

import pytest

from ketenkaart.exemptions import costbenefit as cb
from ketenkaart.exemptions.services import result_sentence

M, B = cb.MUDDLING_ON, cb.BREAKING_THROUGH


def run(*items, horizon=12, rate="0", sensitivity="20"):
    return cb.calculate(
        cb.Analysis(
            horizon_months=horizon,
            items=tuple(items),
            discount_rate=D(rate),
            sensitivity=D(sensitivity),
        )
    )


def test_a_year_rate_is_spread_over_months():
    # €3,978 per pupil per year, 2 pupils, 6 months: 3978 / 12 × 2 × 6 = 3978.
    result = run(cb.Item(B, D("3978"), cb.YEAR, D(2), 6))
    assert result.npv[B] == D("3978")


def test_a_day_rate_uses_365_over_12_days_a_month():
    # €24 a day for 3 months: 24 × 365 / 12 × 3 = 24 × 91.25 = 2190.
    result = run(cb.Item(M, D("24"), cb.DAY, D(1), 3))
    assert result.npv[M].quantize(D("0.01")) == D("2190.00")


def test_a_duration_past_the_horizon_is_cut_off_and_a_one_off_counts_once():
    # €500 a month for 24 months, horizon 6: 500 × 6 = 3000. One-off €100,000: 100,000.
    result = run(
        cb.Item(M, D("500"), cb.MONTH, D(1), 24),
        cb.Item(M, D("100000"), cb.ONCE, D(1), 1),
        horizon=6,
    )
    assert result.npv[M] == D("103000")


def test_discounting_is_yearly_the_first_year_in_full():
    # €1,000 a month for 24 months at 10% a year:
    # year 1: 12 × 1000 = 12,000; year 2: 12 × 1000 / 1.1 = 10,909.0909…; total 22,909.09.
    result = run(cb.Item(M, D("1000"), cb.MONTH, D(1), 24), horizon=24, rate="10")
    assert result.npv[M].quantize(D("0.01")) == D("22909.09")
    # Month 25 counts for 1 / 1.1² = 0.826446…
    assert cb.discount_factor(24, D(10)).quantize(D("0.000001")) == D("0.826446")


def test_saving_and_its_range_with_own_and_default_bounds():
    # Muddling on: shelter €15,000/yr × 3 months = 3,750 (±20%: 3,000 – 4,500);
    #              placement €180/day × 365/12 days × 3 months = 180 × 91.25 = 16,425
    #              (own bounds 150 – 220: 13,687.50 – 20,075).
    # Breaking through: arrears €4,800 once (±20%: 3,840 – 5,760).
    # Saving = 3,750 + 16,425 − 4,800 = 15,375.
    # Low  = (3,000 + 13,687.50) − 5,760 = 10,927.50; high = (4,500 + 20,075) − 3,840 = 20,735.
    result = run(
        cb.Item(M, D("15000"), cb.YEAR, D(1), 3, "municipality"),
        cb.Item(M, D("180"), cb.DAY, D(1), 3, "municipality", low=D("150"), high=D("220")),
        cb.Item(B, D("4800"), cb.ONCE, D(1), 1, "municipality"),
        horizon=3,
    )
    assert result.saving == D("15375")
    assert result.saving_low == D("10927.5")
    assert result.saving_high == D("20735")
    assert result_sentence(result) == (
        "Doorbraak bespaart naar schatting €15.375 over 3 maanden "
        "(tussen €10.928 en €20.735); het kost de gemeente €4.800."
    )


def test_who_pays_and_who_gains_per_party():
    # Muddling on: municipality 1,000/month × 12 = 12,000. Breaking through: municipality
    # 3,000 once, housing corporation 200/month × 12 = 2,400.
    # Gain: municipality 12,000 − 3,000 = 9,000; corporation 0 − 2,400 = −2,400.
    result = run(
        cb.Item(M, D("1000"), cb.MONTH, D(1), 12, "municipality"),
        cb.Item(B, D("3000"), cb.ONCE, D(1), 1, "municipality"),
        cb.Item(B, D("200"), cb.MONTH, D(1), 12, "housing_corporation"),
    )
    assert result.gain("municipality") == D("9000")
    assert result.gain("housing_corporation") == D("-2400")
    assert result.payers_of_breaking_through() == [
        ("municipality", D("3000")),
        ("housing_corporation", D("2400")),
    ]
    assert result_sentence(result).endswith(
        "het kost de gemeente €3.000 en de woningcorporatie €2.400."
    )


def test_a_breakthrough_that_costs_more_says_so():
    # Muddling on 100 once; breaking through 1,100 once: saving −1,000.
    result = run(
        cb.Item(M, D("100"), cb.ONCE, payer="municipality"),
        cb.Item(B, D("1100"), cb.ONCE, payer="municipality"),
        horizon=1,
    )
    assert result.saving == D("-1000")
    assert result_sentence(result).startswith(
        "Doorbraak kost naar schatting €1.000 meer over 1 maand"
    )


def test_the_horizon_is_bounded():
    with pytest.raises(ValueError):
        run(cb.Item(M, D("1"), cb.ONCE), horizon=121)


# -- issue 11, finding 8 ------------------------------------------------------------------------


def test_the_default_discount_rate_is_the_governments_2_25_percent():
    assert cb.Analysis(horizon_months=12, items=()).discount_rate == D("2.25")


def test_an_item_can_start_later_in_the_horizon():
    item = cb.Item(cb.BREAKING_THROUGH, D(100), cb.MONTH, months=12, start_month=13)
    result = cb.calculate(cb.Analysis(horizon_months=24, items=(item,), discount_rate=D(0)))
    assert result.npv[cb.BREAKING_THROUGH] == D(1200)
    # Starting in month 20 of a 24-month horizon: 5 months count, discounted as year two.
    late = cb.Item(cb.BREAKING_THROUGH, D(100), cb.MONTH, months=12, start_month=20)
    result = cb.calculate(cb.Analysis(horizon_months=24, items=(late,), discount_rate=D(10)))
    assert result.npv[cb.BREAKING_THROUGH] == D(500) / D("1.1")
    once = cb.Item(cb.MUDDLING_ON, D(1000), cb.ONCE, start_month=13)
    result = cb.calculate(cb.Analysis(horizon_months=24, items=(once,), discount_rate=D(10)))
    assert result.npv[cb.MUDDLING_ON] == D(1000) / D("1.1")
