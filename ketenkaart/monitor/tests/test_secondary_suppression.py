"""Secondary suppression: no hidden cell can be found by subtracting shown cells from a shown
total, in the page's tables, the CSV, the API, the Veilig Thuis export and across the pages of
a region's municipalities."""

import datetime

import pytest
from django.test import Client

from ketenkaart.monitor import selectors
from ketenkaart.monitor.models import Cell
from ketenkaart.monitor.suppression import hidden
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db
JAN = datetime.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([9, 10, 11], (False, {0, 1})),  # 9 hidden: 10, the next smallest, goes with it
        ([10, 10, 11], (False, set())),  # at the threshold: all shown
        ([11, 12, 13], (False, set())),
        ([9, 8, 20], (False, {0, 1})),  # two hidden already: nothing more
        ([9, 0, 0], (True, {0})),  # only zeros beside it: the total goes
        ([0, 30, 11], (False, set())),  # a zero reveals nothing
    ],
)
def test_one_hidden_part_takes_the_next_smallest_with_it(parts, expected):
    assert hidden(sum(parts), parts, 10) == expected


@pytest.fixture
def region_with_two_towns(db, time_machine):
    time_machine.move_to(datetime.datetime(2026, 2, 15, 12), tick=False)
    region = f.RegionFactory(name="Regio Aftrek")
    towns = [f.MunicipalityFactory(region=region, name=n) for n in ("Aftrekdorp", "Somstad")]
    org = f.OrganisationFactory(region=region)
    policy = f.ProfessionalFactory(
        user__username="beleid-aftrek", organisation=org, role=Role.POLICY
    )
    client = Client()
    client.force_login(policy.user)
    return region, towns, client


def _cells(region, municipality, parts: dict[str, int]):
    Cell.objects.create(
        indicator="meldingen_melder",
        region=region,
        municipality=municipality,
        period="month",
        period_start=JAN,
        base=sum(parts.values()),
        total=sum(parts.values()),
    )
    for series, base in parts.items():
        Cell.objects.create(
            indicator="meldingen_melder",
            region=region,
            municipality=municipality,
            period="month",
            period_start=JAN,
            series=series,
            series_label=series,
            base=base,
            total=base,
        )


def _no_subtraction_reveals(data, minimum):
    """Per row: the total shown and exactly one part hidden would give that part away."""
    for _label, points in data.rows:
        total, *parts = points
        unknown = [p for p in parts if p.status == "suppressed"]
        assert not (total.status == "ok" and len(unknown) == 1)


@pytest.mark.parametrize(
    ("police", "shown_police", "shown_professional"),
    [(9, False, False), (10, True, True), (11, True, True)],
)
def test_the_table_hides_the_next_smallest_part_beside_one_under_the_threshold(
    region_with_two_towns, police, shown_police, shown_professional
):
    region, _towns, client = region_with_two_towns
    _cells(region, None, {"police": police, "professional": 12, "citizen": 40})
    (data,) = selectors.dashboard(
        region_id=region.pk, period="month", first=JAN, last=JAN, codes=["meldingen_melder"]
    )
    by_key = {s.key: s.points[0] for s in data.series}
    assert (by_key["police"].status == "ok") is shown_police
    assert (by_key["professional"].status == "ok") is shown_professional
    assert by_key["citizen"].value == 40 and by_key[""].value == police + 52
    _no_subtraction_reveals(data, 10)
    csv = client.get("/monitor/export/meldingen_melder?van=2026-01-01&tot=2026-01-31")
    if not shown_police:
        assert f",{police}," not in csv.content.decode() and ",12," not in csv.content.decode()
        body = client.get(
            "/api/v1/monitor/indicatoren/meldingen_melder?van=2026-01-01&tot=2026-01-31"
        ).json()
        shown_values = [
            w["basis"] for r in body["reeksen"] for w in r["waarden"] if w["status"] == "ok"
        ]
        assert police not in shown_values and 12 not in shown_values


def test_the_veilig_thuis_export_hides_the_next_smallest_reporter(region_with_two_towns):
    region, _towns, _client = region_with_two_towns
    Cell.objects.create(
        indicator="meldingen_melder",
        region=region,
        period="quarter",
        period_start=JAN,
        base=61,
        total=61,
    )
    for series, base in {"police": 9, "professional": 12, "citizen": 40}.items():
        Cell.objects.create(
            indicator="meldingen_melder",
            region=region,
            period="quarter",
            period_start=JAN,
            series=series,
            base=base,
            total=base,
        )
    from ketenkaart.monitor.exports import veilig_thuis_csv

    body = veilig_thuis_csv(region_id=region.pk, by="kwartaal", minimum=10)
    row = next(line for line in body.splitlines() if line.startswith("2026KW01"))
    assert row.split(",")[3:6] == ["<10", "<10", "40"]


def test_a_municipality_page_hides_what_the_region_total_minus_the_others_would_reveal(
    region_with_two_towns,
):
    region, (small, big), _client = region_with_two_towns
    _cells(region, None, {"police": 9 + 30, "professional": 0, "citizen": 0})
    _cells(region, small, {"police": 9, "professional": 0, "citizen": 0})
    _cells(region, big, {"police": 30, "professional": 0, "citizen": 0})

    def police(town):
        (data,) = selectors.dashboard(
            region_id=region.pk,
            municipality_id=town.pk,
            period="month",
            first=JAN,
            last=JAN,
            codes=["meldingen_melder"],
        )
        return next(s for s in data.series if s.key == "police").points[0]

    assert police(small).status == "suppressed"
    # Region 39 minus Somstad's 30 would give Aftrekdorp's 9: Somstad's is hidden too.
    assert police(big).status == "suppressed"
