"""Each indicator counted by hand on the small world (conftest.py), through the job itself."""

import datetime

import pytest

from ketenkaart.monitor import jobs
from ketenkaart.monitor.indicators import BY_CODE, REGISTRY
from ketenkaart.monitor.models import Cell, Refresh

JAN, FEB, MAR = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)


@pytest.fixture
def cells(world):
    jobs.refresh(since=datetime.date(2026, 1, 1))

    def cell(code, start, *, series="", municipality=None, period="month"):
        row = Cell.objects.filter(
            indicator=code,
            region=world.region,
            municipality=municipality,
            period=period,
            period_start=start,
            series=series,
        ).first()
        if row is None:
            return None
        return row.base, row.total, BY_CODE[code].value(row.base, row.total)

    return cell


def test_meldingen_adviezen_and_reporter_kinds(cells, world):
    assert cells("meldingen", JAN) == (3, 3, 3.0)
    assert cells("meldingen", FEB) == (1, 1, 1.0)
    # Only Aadorp's two have a household there; the third has no household: region only.
    assert cells("meldingen", JAN, municipality=world.a) == (2, 2, 2.0)
    assert cells("meldingen", JAN, municipality=world.b) is None
    assert cells("meldingen_melder", JAN, series="police")[0] == 2
    assert cells("meldingen_melder", JAN, series="professional")[0] == 1
    assert cells("meldingen_melder", JAN)[0] == 3  # the total series
    assert cells("aandeel_politie", JAN) == (3, 2, 66.7)
    assert cells("aandeel_politie", FEB) == (1, 0, 0.0)
    assert cells("adviezen", JAN) is None


def test_first_repeat_and_while_involved_shares(cells):
    assert cells("meldingen_radar", JAN, series="first")[2] == 33.3
    assert cells("meldingen_radar", JAN, series="repeat")[2] == 33.3
    assert cells("meldingen_radar", JAN, series="while_involved")[2] == 33.3
    assert cells("meldingen_radar", FEB, series="first")[2] == 100.0


def test_weekly_cells_start_on_monday(cells):
    # 5-7 January 2026 are in ISO week 2, which starts on Monday 5 January.
    assert cells("meldingen", datetime.date(2026, 1, 5), period="week") == (3, 3, 3.0)
    assert cells("meldingen", JAN, period="quarter") == (4, 4, 4.0)


def test_assessments_in_time_and_to_investigation(cells):
    assert cells("beoordeling_tijdig", JAN) == (3, 2, 66.7)
    assert cells("naar_onderzoek", JAN) == (3, 1, 33.3)
    # Completed 20 March, due 25 March: within the 10 weeks, counted in March.
    assert cells("onderzoek_tijdig", MAR) == (1, 1, 100.0)
    assert cells("onderzoek_tijdig", JAN) is None


def test_time_to_first_help_and_joint_visits(cells):
    # Melding 1: handed to the local team 4 days after receipt; melding 2: joint visit after 14.
    assert cells("tijd_tot_hulp", JAN) == (2, 18, 9.0)
    assert cells("huisbezoeken", JAN) == (1, 1, 1.0)


def test_professionals_per_family_and_regie(cells, world):
    assert cells("professionals_per_gezin", JAN) == (1, 3, 3.0)
    assert cells("professionals_per_gezin", FEB) == (2, 4, 2.0)
    assert cells("professionals_per_gezin", MAR) == (2, 5, 2.5)
    assert cells("professionals_per_gezin", MAR, municipality=world.b) == (1, 2, 2.0)
    # The first regie does not count as a change; the change on 5 March does.
    assert cells("regiewisselingen", FEB) == (2, 0, 0.0)
    assert cells("regiewisselingen", MAR) == (2, 1, 50.0)  # per 100 families
    # HA: three involved, no regie, every month; HB never has three.
    assert cells("veel_betrokken_geen_regie", JAN)[0] == 1
    assert cells("veel_betrokken_geen_regie", MAR)[0] == 1
    assert cells("veel_betrokken_geen_regie", MAR, municipality=world.b) is None


def test_referrals_raad_and_ventieltafel(cells, world):
    assert cells("verwijzingen", FEB)[0] == 2
    assert cells("verwijzingen", FEB, series="court")[0] == 1
    assert cells("verwijzingen", FEB, series="local_team", municipality=world.b)[0] == 1
    assert cells("raad_toets", MAR) == (2, 1, 50.0)
    assert cells("ventieltafel_aanvragen", JAN, series="housing")[0] == 1
    assert cells("ventieltafel_besluiten", FEB, series="granted")[0] == 1
    assert cells("ventieltafel_besparing", FEB) == (1, 1500.0, 1500.0)
    assert cells("beleidssignalen", FEB)[0] == 1


def test_buffers_moments_consults_and_questionnaires(cells, world):
    # January: one view per area only; February: network better, none worse; March: safety
    # went from carries to growing, so not improved.
    assert cells("buffers_vooruit", JAN) is None
    assert cells("buffers_vooruit", FEB) == (1, 1, 100.0)
    assert cells("buffers_vooruit", MAR) == (1, 0, 0.0)
    assert cells("goede_momenten", JAN, series="Noord")[0] == 1
    assert cells("consulten", FEB, series="Noord")[0] == 1
    assert cells("vragenlijsten", FEB, series=str(world.q1.pk)) == (2, 1, 50.0)


def test_every_indicator_has_a_definition_and_cells_in_the_world(cells):
    assert {c.indicator for c in Cell.objects.all()} == set(BY_CODE) - {"adviezen"}
    for indicator in REGISTRY:
        assert len(str(indicator.definition)) > 40, indicator.code


def test_an_incremental_refresh_keeps_older_periods_and_a_second_run_changes_nothing(world):
    jobs.refresh(since=datetime.date(2026, 1, 1))
    before = sorted(
        Cell.objects.values_list("indicator", "period", "period_start", "series", "base", "total")
    )
    result = jobs.refresh()  # default: from the previous quarter (1 January 2026)
    assert result.since == datetime.date(2025, 10, 1)
    after = sorted(
        Cell.objects.values_list("indicator", "period", "period_start", "series", "base", "total")
    )
    assert after == before
    assert Refresh.objects.count() == 2


def test_the_cells_hold_no_identifier_of_a_family_or_person(cells, world):
    ids = {str(world.ha.pk), str(world.hb.pk)}
    for row in Cell.objects.values_list("series", "series_label"):
        assert not ids & set(row)


def test_a_week_that_began_before_the_recomputed_quarter_is_recomputed_whole(world):
    from ketenkaart.reports.models import Report

    from .conftest import at

    # Tuesday 30 September 2025: its week starts on Monday 29 September, before the default
    # run's first day (1 October 2025); the month of September is left as it was.
    for day in ("2025-09-30", "2025-10-02"):
        Report.objects.create(
            region=world.region,
            source="police",
            reporter_name="M",
            reporter_phone="0800",
            anonymity_promised=False,
            summary="x",
            received_at=at(day),
            assess_by=datetime.date(2025, 10, 9),
            radar="first",
        )
    jobs.refresh(full=True)
    jobs.refresh()

    def base(period, start):
        return Cell.objects.get(
            indicator="meldingen",
            region=world.region,
            municipality=None,
            period=period,
            period_start=start,
            series="",
        ).base

    assert base("week", datetime.date(2025, 9, 29)) == 2
    assert base("month", datetime.date(2025, 9, 1)) == 1
    assert base("month", datetime.date(2025, 10, 1)) == 1


def test_involvements_that_ended_count_until_their_end_and_not_before_the_window(world):
    from ketenkaart.testing import factories as f

    p1 = world.pros[0]
    f.InvolvementFactory(
        household=world.hb,
        professional=p1,
        started_on=datetime.date(2025, 11, 1),
        ended_on=datetime.date(2026, 2, 15),
    )
    f.InvolvementFactory(
        household=world.hb,
        professional=world.pros[1],
        started_on=datetime.date(2025, 6, 1),
        ended_on=datetime.date(2025, 12, 20),
    )
    jobs.refresh(since=datetime.date(2026, 1, 1))

    def ppg(start):
        row = Cell.objects.get(
            indicator="professionals_per_gezin",
            region=world.region,
            municipality=None,
            period="month",
            period_start=start,
        )
        return row.base, row.total

    assert ppg(JAN) == (2, 4)  # HA's three and HB's one until 15 February
    assert ppg(FEB) == (2, 4)  # HB: p1 ended, p4 began on 10 February
