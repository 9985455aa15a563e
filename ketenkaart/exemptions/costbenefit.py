"""The micro cost-benefit arithmetic of the ventieltafel: pure Python with Decimal, no Django.

Every cost item is an amount per period (once, per day, per month or per year) times a quantity
times a duration in months. Durations and the time horizon are in months; a year has 12 months
and a month 365/12 days, so a day rate becomes a month rate as amount × 365 / 12.

Discounting is yearly: money spent in the first 12 months counts in full, in months 13-24 it
counts for 1 / (1 + r), in months 25-36 for 1 / (1 + r)², and so on (r is the rate per year).
An item starts in month `start_month` (1 is the first month of the horizon) and runs for its
duration or until the horizon ends; a one-off item falls in its start month.

The default rate is the one the Dutch government prescribes for social cost-benefit analyses:
2.25% a year since 2021 (Rapport Werkgroep discontovoet 2020, kabinetsbesluit 2020; DOMAIN.md).

Sensitivity: every item has a low and a high amount (from the catalogue, or the amount minus
and plus a percentage). The saving's range is its most careful and its most hopeful value:
low = muddling on at low amounts - breaking through at high amounts; high the other way round.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

MUDDLING_ON = "muddling_on"
BREAKING_THROUGH = "breaking_through"
SCENARIOS = (MUDDLING_ON, BREAKING_THROUGH)

ONCE, DAY, MONTH, YEAR = "once", "day", "month", "year"
PERIODS = (ONCE, DAY, MONTH, YEAR)

# What is accepted; more is refused as absurd (the services and forms use these bounds).
MAX_AMOUNT = Decimal("10000000")
MAX_QUANTITY = Decimal("1000")
MAX_MONTHS = 120
MAX_DISCOUNT_RATE = Decimal("20")
MAX_SENSITIVITY = Decimal("100")

DEFAULT_DISCOUNT_RATE = Decimal("2.25")
DAYS_PER_MONTH = Decimal(365) / Decimal(12)
MONTHS_PER_YEAR = 12
CENT = Decimal("0.01")
EURO = Decimal("1")


@dataclass(frozen=True)
class Item:
    scenario: str
    amount: Decimal
    period: str
    quantity: Decimal = Decimal(1)
    months: int = 1
    payer: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    start_month: int = 1


@dataclass(frozen=True)
class Analysis:
    horizon_months: int
    items: tuple[Item, ...]
    discount_rate: Decimal = DEFAULT_DISCOUNT_RATE  # percent per year
    sensitivity: Decimal = Decimal(20)  # percent, for items without their own low and high


@dataclass
class Result:
    horizon_months: int
    # Net present value per scenario, and its low and high variant.
    npv: dict[str, Decimal] = field(default_factory=dict)
    npv_low: dict[str, Decimal] = field(default_factory=dict)
    npv_high: dict[str, Decimal] = field(default_factory=dict)
    # Per party: what it pays in each scenario.
    by_party: dict[str, dict[str, Decimal]] = field(default_factory=dict)

    @property
    def saving(self) -> Decimal:
        return self.npv[MUDDLING_ON] - self.npv[BREAKING_THROUGH]

    @property
    def saving_low(self) -> Decimal:
        return self.npv_low[MUDDLING_ON] - self.npv_high[BREAKING_THROUGH]

    @property
    def saving_high(self) -> Decimal:
        return self.npv_high[MUDDLING_ON] - self.npv_low[BREAKING_THROUGH]

    def gain(self, party: str) -> Decimal:
        """What breaking through saves this party (negative: what it costs the party extra)."""
        paid = self.by_party.get(party, {})
        return paid.get(MUDDLING_ON, Decimal(0)) - paid.get(BREAKING_THROUGH, Decimal(0))

    def payers_of_breaking_through(self) -> list[tuple[str, Decimal]]:
        """The parties that pay for breaking through, the largest first."""
        rows = [
            (party, paid[BREAKING_THROUGH])
            for party, paid in self.by_party.items()
            if paid.get(BREAKING_THROUGH, Decimal(0)) > 0
        ]
        return sorted(rows, key=lambda row: (-row[1], row[0]))


def monthly_amount(amount: Decimal, period: str) -> Decimal:
    if period == DAY:
        return amount * DAYS_PER_MONTH
    if period == MONTH:
        return amount
    if period == YEAR:
        return amount / MONTHS_PER_YEAR
    raise ValueError(f"no monthly amount for period {period!r}")


def discount_factor(month_index: int, rate_percent: Decimal) -> Decimal:
    """The weight of money spent in month `month_index` (0 is the first month)."""
    year = month_index // MONTHS_PER_YEAR
    return Decimal(1) / (1 + Decimal(rate_percent) / 100) ** year


def present_value(
    amount: Decimal,
    period: str,
    quantity: Decimal,
    months: int,
    horizon: int,
    rate: Decimal,
    start_month: int = 1,
) -> Decimal:
    first = start_month - 1
    if first >= horizon:
        return Decimal(0)
    if period == ONCE:
        return amount * quantity * discount_factor(first, rate)
    per_month = monthly_amount(amount, period) * quantity
    total = Decimal(0)
    for month in range(first, min(first + months, horizon)):
        total += per_month * discount_factor(month, rate)
    return total


def bounds(item: Item, sensitivity: Decimal) -> tuple[Decimal, Decimal]:
    spread = item.amount * sensitivity / 100
    low = item.low if item.low is not None else max(item.amount - spread, Decimal(0))
    high = item.high if item.high is not None else item.amount + spread
    return low, high


def calculate(analysis: Analysis) -> Result:
    if not 1 <= analysis.horizon_months <= MAX_MONTHS:
        raise ValueError("horizon out of range")
    result = Result(horizon_months=analysis.horizon_months)
    by_party: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for scenario in SCENARIOS:
        result.npv[scenario] = result.npv_low[scenario] = result.npv_high[scenario] = Decimal(0)
    for item in analysis.items:
        if item.scenario not in SCENARIOS or item.period not in PERIODS:
            raise ValueError("unknown scenario or period")
        if not 1 <= item.start_month <= MAX_MONTHS:
            raise ValueError("start month out of range")

        def value(amount: Decimal, item: Item = item) -> Decimal:
            return present_value(
                amount,
                item.period,
                item.quantity,
                item.months,
                analysis.horizon_months,
                analysis.discount_rate,
                item.start_month,
            )

        low, high = bounds(item, analysis.sensitivity)
        npv = value(item.amount)
        result.npv[item.scenario] += npv
        result.npv_low[item.scenario] += value(low)
        result.npv_high[item.scenario] += value(high)
        by_party[item.payer][item.scenario] += npv
    result.by_party = {party: dict(paid) for party, paid in by_party.items()}
    return result


def euros(amount: Decimal | int) -> Decimal:
    """Whole euros, half up: the precision a decision needs. A sum of nothing is the int 0."""
    return Decimal(amount).quantize(EURO, rounding=ROUND_HALF_UP)


def format_euros(amount: Decimal | int) -> str:
    """€20.175 (Dutch thousands separator); negative as -€1.250."""
    whole = euros(amount)
    sign = "-" if whole < 0 else ""
    return f"{sign}€{abs(whole):,.0f}".replace(",", ".")


def join_dutch(parts: Iterable[str], last: str = "en") -> str:
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {last} {parts[-1]}"
