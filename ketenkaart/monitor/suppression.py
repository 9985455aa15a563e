"""Secondary (complementary) suppression: a cell under the threshold must not be recoverable
by subtraction from the cells that are shown.

A small cell is hidden at read time (`selectors.shown`, primary suppression). But the monitor
also shows totals beside their parts, and the parts of a total are each a cell:

- the total series ("") of an indicator with `with_total` is the sum of its series;
- a region's cell is the sum of its municipalities' cells plus what has no municipality;
- a quarter's cell is the sum of its three months' (only for indicators counted per event,
  `Indicator.additive_in_time`; a snapshot of a quarter is not the sum of its months).

In every such group (a total and its parts, one linear equation) a single hidden member would
be determined by the others. So, as statistical offices do ("secondary suppression" in the ESSnet Handbook on
Statistical Disclosure Control, Hundepool et al., the chapter on tabular data; tau-Argus's
hypercube method is its full form), wherever a group has exactly one hidden member, the smallest
shown part of that group is hidden as well, and this is repeated until no group has a lone
hidden member. What a group cannot see is its remainder (a region's rows without a
municipality): it counts as hidden when it is small, and as known otherwise.

Some patterns give a cell away only through several equations at once; an exact audit of each
set of connected equations finds them (`_determined`) and hides one more part there.

Limits, said plainly: weeks do not nest in months, so no equation joins them; the bases of two
indicators that count the same units (e.g. `meldingen` and the base of `aandeel_politie`) are
not linked here; and a hidden cell is protected against exact recovery, not against a narrow
interval (a hidden cell is known to lie between 1 and the threshold), which only a
linear-programming audit (tau-Argus) bounds.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ketenkaart.monitor import periods
from ketenkaart.monitor.indicators import BY_CODE
from ketenkaart.monitor.models import PeriodKind

# (code, region, municipality, kind, start, series, label) -> [base, total], as jobs.compute.
Key = tuple
Cells = dict[Key, list[float]]


@dataclass(frozen=True)
class Group:
    total: Key
    parts: tuple[Key, ...]
    remainder: float  # the total's base minus its parts': what no shown cell holds


def is_small(base: float, minimum: int) -> bool:
    """Primary suppression, the same rule as `selectors.shown`."""
    return 0 < base < minimum


def _groups(cells: Cells) -> Iterator[Group]:
    by_series: dict[tuple, list[Key]] = {}
    by_area: dict[tuple, list[Key]] = {}
    by_quarter: dict[tuple, list[Key]] = {}
    totals: dict[tuple, Key] = {}
    for key in cells:
        code, region, municipality, kind, start, series, _label = key
        indicator = BY_CODE[code]
        if indicator.with_total:
            group = ("series", code, region, municipality, kind, start)
            if series == "":
                totals[group] = key
            else:
                by_series.setdefault(group, []).append(key)
        group = ("area", code, region, kind, start, series)
        if municipality is None:
            totals[group] = key
        else:
            by_area.setdefault(group, []).append(key)
        if indicator.additive_in_time and kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
            quarter = periods.start_of(start, PeriodKind.QUARTER)
            group = ("time", code, region, municipality, quarter, series)
            if kind == PeriodKind.QUARTER:
                totals[group] = key
            else:
                by_quarter.setdefault(group, []).append(key)
    for members in (by_series, by_area, by_quarter):
        for group, parts in members.items():
            total = totals.get(group)
            if total is None:
                continue
            rest = cells[total][0] - sum(cells[p][0] for p in parts)
            yield Group(total, tuple(parts), rest)


def protect(cells: Cells, minimum: int) -> set[Key]:
    """The cells to hide besides the small ones, so that no hidden cell follows from the
    shown ones by the tables' sums. Deterministic: the smallest shown part goes first, ties
    by key. First group by group (a lone hidden member takes the smallest shown part of its
    group with it), then an audit of each set of connected groups, which finds what only a
    combination of equations gives away and hides one more part there, until nothing does."""
    groups = list(_groups(cells))
    components = _components(groups)
    hidden = {key for key, (base, _total) in cells.items() if is_small(base, minimum)}
    primary = set(hidden)
    while True:
        _per_group(groups, cells, hidden, minimum)
        added = 0
        for component in components:
            determined = _determined(component, hidden, minimum)
            if determined:
                first = min(determined, key=str)
                added += _hide_beside(first, component, cells, hidden) is not None
        if not added:
            return hidden - primary


def _hide_beside(key: Key, component: list[Group], cells: Cells, hidden: set[Key]) -> Key | None:
    """Hide the smallest shown cell that shares an equation with `key` (parts before totals),
    or else the smallest shown cell of its component: a determined cell needs shown ones."""
    near = [g for g in component if key in (g.total, *g.parts)]
    for candidates in (
        [p for g in near for p in g.parts],
        [g.total for g in near],
        [k for g in component for k in (g.total, *g.parts)],
    ):
        choice = _smallest(candidates, cells, hidden)
        if choice is not None:
            hidden.add(choice)
            return choice
    return None


def _per_group(groups: list[Group], cells: Cells, hidden: set[Key], minimum: int) -> None:
    changed = True
    while changed:
        changed = False
        for group in groups:
            if _lone(group, hidden, minimum):
                choice = _smallest(group.parts, cells, hidden) or _smallest(
                    (group.total,), cells, hidden
                )
                if choice is not None:
                    hidden.add(choice)
                    changed = True


def _components(groups: list[Group]) -> list[list[Group]]:
    """Groups that share a cell, joined (union-find): per indicator, region and quarter for
    months and quarters, per week for weeks; small, so each is audited on its own."""
    parent: dict[Key, Key] = {}

    def root(key: Key) -> Key:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for group in groups:
        for part in group.parts:
            parent[root(part)] = root(group.total)
    joined: dict[Key, list[Group]] = {}
    for group in groups:
        joined.setdefault(root(group.total), []).append(group)
    return list(joined.values())


PRIME = 2**61 - 1  # rank over a large prime field: the equations' coefficients are 0 and ±1


def _determined(component: list[Group], hidden: set[Key], minimum: int) -> set[Key]:
    """The hidden cells whose value the shown ones give away: a cell is determined when its
    unit vector lies in the row space of the equations (total - parts = remainder) restricted
    to the hidden cells, i.e. when a reduced row of that system has it as its only entry. A
    small remainder is one more unknown in its own equation, which then tells nothing."""
    columns: dict[Key, int] = {}
    rows: list[dict[int, int]] = []
    for group in component:
        if is_small(group.remainder, minimum):
            continue
        row: dict[int, int] = {}
        for key, sign in ((group.total, 1), *((p, -1) for p in group.parts)):
            if key in hidden:
                column = columns.setdefault(key, len(columns))
                row[column] = (row.get(column, 0) + sign) % PRIME
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, int]] = {}  # pivot column -> its reduced row
    for row in rows:
        for column, pivot in pivots.items():
            if column in row:
                _subtract(row, pivot, row[column])
        if not row:
            continue
        column = min(row)
        inverse = pow(row[column], PRIME - 2, PRIME)
        row = {c: v * inverse % PRIME for c, v in row.items()}
        for other in pivots.values():
            if column in other:
                _subtract(other, row, other[column])
        pivots[column] = row
    by_column = {c: k for k, c in columns.items()}
    return {by_column[c] for c, row in pivots.items() if len(row) == 1}


def _subtract(row: dict[int, int], pivot: dict[int, int], factor: int) -> None:
    for column, value in pivot.items():
        result = (row.get(column, 0) - factor * value) % PRIME
        if result:
            row[column] = result
        else:
            row.pop(column, None)


def _lone(group: Group, hidden: set[Key], minimum: int) -> bool:
    unknown = sum(1 for key in (group.total, *group.parts) if key in hidden)
    return unknown + is_small(group.remainder, minimum) == 1


def _smallest(keys: Iterable[Key], cells: Cells, hidden: set[Key]) -> Key | None:
    shown = [key for key in keys if key not in hidden and cells[key][0] > 0]
    return min(shown, key=lambda key: (cells[key][0], str(key)), default=None)
