"""Secondary suppression: no small cell can be found back by subtracting shown cells from a
shown total (monitor.suppression), in the job, on the page, in the CSV and in the API."""

import datetime
import random
from fractions import Fraction

import pytest
from django.test import Client

from ketenkaart.monitor import jobs, sources, suppression
from ketenkaart.monitor.models import Cell
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

JAN, FEB, MAR = (datetime.date(2026, m, 1) for m in (1, 2, 3))
Q1 = JAN


def key(code="meldingen", municipality=None, kind="month", start=JAN, series=""):
    return (code, "r", municipality, kind, start, series, series)


def test_one_small_part_beside_its_total_takes_the_smallest_shown_part_with_it():
    cells = {
        key("verwijzingen"): [30, 30],
        key("verwijzingen", series="a"): [9, 9],
        key("verwijzingen", series="b"): [10, 10],
        key("verwijzingen", series="c"): [11, 11],
    }
    assert suppression.protect(cells, 10) == {key("verwijzingen", series="b")}


@pytest.mark.parametrize(("small", "protected"), [(9, 1), (10, 0), (11, 0)])
def test_the_boundary_of_the_threshold(small, protected):
    cells = {
        key("verwijzingen"): [small + 20, 0],
        key("verwijzingen", series="a"): [small, 0],
        key("verwijzingen", series="b"): [20, 0],
    }
    assert len(suppression.protect(cells, 10)) == protected


def test_two_small_parts_protect_each_other():
    cells = {
        key("verwijzingen"): [40, 0],
        key("verwijzingen", series="a"): [3, 0],
        key("verwijzingen", series="b"): [4, 0],
        key("verwijzingen", series="c"): [33, 0],
    }
    assert suppression.protect(cells, 10) == set()


def test_a_small_remainder_of_the_region_counts_as_hidden():
    # 30 in the region, 12 + 13 in its municipalities: 5 without one, found by subtraction
    # unless a municipality is hidden too.
    cells = {key(): [30, 0], key(municipality="a"): [12, 0], key(municipality="b"): [13, 0]}
    assert suppression.protect(cells, 10) == {key(municipality="a")}


def test_a_quarter_and_its_months_for_events_but_not_for_snapshots():
    def quarter(code):
        return {
            key(code, kind="quarter", start=Q1): [33, 0],
            key(code, start=JAN): [3, 0],
            key(code, start=FEB): [15, 0],
            key(code, start=MAR): [15, 0],
        }

    assert suppression.protect(quarter("meldingen"), 10) == {key(start=FEB)}
    # A snapshot of the quarter is the state at its end, not the sum of its months.
    assert suppression.protect(quarter("veel_betrokken_geen_regie"), 10) == set()


def _hypercube(rng: random.Random) -> dict:
    """Counts per municipality, series and month, with every total the job would write."""
    cells: dict = {}
    for municipality in ("a", "b", "c"):
        for series in ("police", "professional", "citizen"):
            for month in (JAN, FEB, MAR):
                n = rng.choice((0, 1, 2, 4, 7, 9, 12, 15, 30))
                if n == 0:
                    continue
                for area in (None, municipality):
                    for kind, start in (("month", month), ("quarter", Q1)):
                        for s in (series, ""):
                            cell = cells.setdefault(
                                key("meldingen_melder", area, kind, start, s), [0, 0]
                            )
                            cell[0] += n
    return cells


def _determined(cells: dict, hidden: set, minimum: int) -> set:
    """Hidden cells whose value follows from the shown ones by the tables' sums: a hidden
    cell is determined when its unit vector lies in the row space of the equations
    (total - parts = remainder) restricted to the hidden cells. Exact, with fractions."""
    order = sorted(hidden, key=str)
    column = {k: i for i, k in enumerate(order)}
    rows = []
    for group in suppression._groups(cells):
        members = [(group.total, 1)] + [(p, -1) for p in group.parts]
        row = [Fraction(0)] * len(order)
        for member, sign in members:
            if member in column:
                row[column[member]] += sign
        # A small remainder is one more unknown, in this equation only: it tells nothing.
        if any(row) and not suppression.is_small(group.remainder, minimum):
            rows.append(row)
    # Reduced row echelon form; a hidden cell is determined iff some row is its unit vector.
    pivot_row = 0
    for col in range(len(order)):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [v / lead for v in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
    return {
        order[i]
        for row in rows
        for i, v in enumerate(row)
        if v != 0 and sum(1 for x in row if x) == 1
    }


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_cell_follows_from_the_shown_ones(seed):
    cells = _hypercube(random.Random(seed))
    small = {k for k, (base, _t) in cells.items() if suppression.is_small(base, 10)}
    protected = suppression.protect(cells, 10)
    assert not protected & small
    assert all(cells[k][0] >= 10 for k in protected)
    assert _determined(cells, small | protected, 10) == set()


def test_without_secondary_suppression_the_check_finds_the_small_cell():
    # The control: the check above is able to fail.
    cells = {key(): [30, 0], key(municipality="a"): [5, 0], key(municipality="b"): [25, 0]}
    assert _determined(cells, {key(municipality="a")}, 10) == {key(municipality="a")}


@pytest.fixture
def policy(db):
    region = f.RegionFactory(name="Regio Afscherm")
    org = f.OrganisationFactory(region=region)
    return f.ProfessionalFactory(
        user__username="beleid-afscherm", organisation=org, role=Role.POLICY
    )


@pytest.fixture
def referrals_by_who(policy, monkeypatch, time_machine):
    """Through the job: 9 referrals by the wijkteam, 12 by the GI, 30 by the court."""
    time_machine.move_to(datetime.datetime(2026, 2, 10, 12), tick=False)
    region = policy.organisation.region.pk
    day = datetime.date(2026, 1, 14)

    def source(since):
        for who, n in (("wijkteam", 9), ("gi", 12), ("rechter", 30)):
            yield ("verwijzingen", region, None, day, who, who, n, n)

    monkeypatch.setattr(sources, "ALL", (source,))
    monkeypatch.setattr(jobs.snapshots, "ALL", ())
    jobs.refresh()
    client = Client()
    client.force_login(policy.user)
    return client


def test_the_job_stores_it_and_every_view_hides_the_protected_cell(referrals_by_who):
    stored = {
        c.series: (c.base, c.protected)
        for c in Cell.objects.filter(indicator="verwijzingen", period="month", period_start=JAN)
    }
    assert stored == {
        "": (51, False),
        "wijkteam": (9, False),
        "gi": (12, True),
        "rechter": (30, False),
    }
    query = {"van": "2026-01-01", "tot": "2026-01-31"}
    body = referrals_by_who.get("/api/v1/monitor/indicatoren/verwijzingen", query).json()
    statuses = {s["reeks"]: s["waarden"][0]["status"] for s in body["reeksen"]}
    assert statuses == {"": "ok", "wijkteam": "onderdrukt", "gi": "afgeschermd", "rechter": "ok"}
    assert all(
        s["waarden"][0]["waarde"] is None
        for s in body["reeksen"]
        if s["reeks"] in ("wijkteam", "gi")
    )
    page = referrals_by_who.get("/monitor", query).content.decode()
    table = page.split('id="indicator-verwijzingen"')[1].split("</table>")[0]
    assert "×</abbr>" in table and ">12<" not in table and ">9<" not in table
    csv = referrals_by_who.get("/monitor/export/verwijzingen", query).content.decode()
    assert ",<10,x," in csv or ",x,<10," in csv or csv.count(",x") == 1
    assert "12" not in csv.splitlines()[1]
