"""The monitor at volume: how long the aggregation job runs, and how fast the dashboard renders
from its aggregates, on a database that already holds `ketenkaart generate` households.

    scripts/with-postgres sh -c '.venv/bin/ketenkaart migrate -v0 &&
        .venv/bin/ketenkaart generate --households 100000 --seed 1 &&
        .venv/bin/python bench/monitor.py'

It first adds the chain's events in proportion to the households (the national 127,340
meldingen and about as many adviezen a year at 500,000 households; BENCH_YEARS, default 3):
meldingen with their veiligheidsbeoordeling, 15% with an investigation, 6% with a joint
visit, referrals and toetsen. Then it times `jobs.refresh(full=True)` (every period of the
history) and `jobs.refresh()` (the nightly run: the previous and the current quarter), and
renders the dashboard of the busiest region BENCH_RENDERS times (default 20) per kind of
period through Django's test client (session, gate, audit row and template included).
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenkaart.settings")
os.environ.pop("KETENKAART_DEMO", None)

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from ketenkaart.households.models import Household  # noqa: E402
from ketenkaart.monitor import jobs  # noqa: E402
from ketenkaart.monitor.models import Cell  # noqa: E402
from ketenkaart.organisations.models import Organisation, Professional, Region, Role  # noqa: E402
from ketenkaart.referrals.models import Referral  # noqa: E402
from ketenkaart.reports.models import (  # noqa: E402
    AdviceRequest,
    Investigation,
    JointVisit,
    Report,
    SafetyAssessment,
)
from ketenkaart.safety_teams.models import BoardCheck  # noqa: E402
from ketenkaart.testing import factories as f  # noqa: E402

YEARS = int(os.environ.get("BENCH_YEARS", "3"))
RENDERS = int(os.environ.get("BENCH_RENDERS", "20"))
AUDIT_ROWS = int(os.environ.get("BENCH_AUDIT_ROWS", "0"))
NATIONAL_MELDINGEN, NATIONAL_HOUSEHOLDS = 127_340, 500_000
BATCH = 5000
rng = random.Random(7)  # noqa: S311 - synthetic load


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def events() -> dict[str, int]:
    households = list(Household.objects.values_list("pk", "region_id", "municipality_id"))
    per_year = round(NATIONAL_MELDINGEN * len(households) / NATIONAL_HOUSEHOLDS)
    vt = Professional.objects.filter(user__username="bench-vt").first() or f.ProfessionalFactory(
        role=Role.VEILIG_THUIS, user__username="bench-vt", organisation=Organisation.objects.first()
    )
    today = timezone.localdate()
    first = today - datetime.timedelta(days=365 * YEARS)
    span = (today - first).days
    made = dict.fromkeys(
        (
            "meldingen",
            "beoordelingen",
            "onderzoeken",
            "adviezen",
            "huisbezoeken",
            "verwijzingen",
            "toetsen",
        ),
        0,
    )
    total = per_year * YEARS
    for offset in range(0, total, BATCH):
        reports, assessments, investigations, advice, visits, referrals, checks = (
            [] for _ in range(7)
        )
        for _n in range(min(BATCH, total - offset)):
            household, region, municipality = rng.choice(households)
            day = first + datetime.timedelta(days=rng.randrange(span))
            report = Report(
                region_id=region,
                source=rng.choice(("police",) * 7 + ("professional",) * 2 + ("citizen",)),
                reporter_name="Bench",
                reporter_phone="0800",
                anonymity_promised=False,
                summary="bench",
                received_at=_aware(day, 10),
                assess_by=day + datetime.timedelta(days=7),
                radar=rng.choice(("first", "repeat", "while_involved")),
                household_id=household,
                status="closed",
            )
            reports.append(report)
            assessed = day + datetime.timedelta(days=rng.randint(1, 9))
            outcome = rng.choice(("investigation",) + ("local_team",) * 3 + ("close",) * 3)
            assessments.append(
                SafetyAssessment(
                    report=report,
                    assessed_by=vt,
                    assessed_at=_aware(assessed, 14),
                    acute_unsafety=False,
                    structural_unsafety=False,
                    multi_problem=False,
                    outcome=outcome,
                    reasoning="bench",
                    within_deadline=assessed <= report.assess_by,
                )
            )
            if outcome == "investigation":
                investigations.append(
                    Investigation(
                        report=report,
                        started_on=assessed,
                        due_on=assessed + datetime.timedelta(weeks=10),
                        completed_at=_aware(
                            assessed + datetime.timedelta(days=rng.randint(40, 80)), 12
                        ),
                    )
                )
            if rng.random() < 0.06:
                visits.append(
                    JointVisit(
                        household_id=household,
                        report=report,
                        region_id=region,
                        vt_professional=vt,
                        partner=vt,
                        reason="bench",
                        planned_for=_aware(assessed, 11),
                        status="done",
                        planned_by=vt,
                    )
                )
            advice.append(
                AdviceRequest(region_id=region, question="bench", received_at=_aware(day, 9))
            )
            if rng.random() < 0.3:
                referrals.append(
                    Referral(
                        household_id=household,
                        region_id=region,
                        municipality_id=municipality,
                        care_kind="foster_care",
                        referred_by=rng.choice(("local_team", "certified_institution", "court")),
                        referred_on=day,
                        recorded_by=vt,
                        recorded_at=_aware(day, 10),
                    )
                )
            if rng.random() < 0.05:
                checks.append(
                    BoardCheck(
                        household_id=household,
                        region_id=region,
                        requested_by=vt,
                        created_at=_aware(day, 9),
                        map_version=1,
                        package={},
                        outcome=rng.choice(("check_sufficed", "full_investigation")),
                        outcome_by=vt,
                        outcome_at=_aware(assessed, 9),
                    )
                )
        Report.objects.bulk_create(reports)
        SafetyAssessment.objects.bulk_create(assessments)
        Investigation.objects.bulk_create(investigations)
        AdviceRequest.objects.bulk_create(advice)
        JointVisit.objects.bulk_create(visits)
        Referral.objects.bulk_create(referrals)
        BoardCheck.objects.bulk_create(checks)
        for key, rows in zip(
            made,
            (reports, assessments, investigations, advice, visits, referrals, checks),
            strict=True,
        ):
            made[key] += len(rows)
    return made


def timed(label: str, run) -> float:
    began = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - began
    print(f"{label}: {seconds:.1f} s ({result.cells} cellen vanaf {result.since})")
    return seconds


def render() -> None:
    busiest = (
        Cell.objects.filter(indicator="meldingen", municipality__isnull=True)
        .values("region_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    region = Region.objects.get(pk=busiest["region_id"])
    organisation = Organisation.objects.filter(region=region).first()
    policy = Professional.objects.filter(
        user__username="bench-beleid"
    ).first() or f.ProfessionalFactory(
        user__username="bench-beleid", organisation=organisation, role=Role.POLICY
    )
    client = Client()
    client.force_login(policy.user)
    municipality = region.municipalities.first()
    for label, url in (
        ("maand, regio", "/monitor"),
        ("week, regio", "/monitor?per=week"),
        ("kwartaal, regio", "/monitor?per=kwartaal"),
        ("maand, gemeente", f"/monitor?gemeente={municipality.pk}"),
        ("API meldingen per week", "/api/v1/monitor/indicatoren/meldingen?per=week"),
    ):
        assert client.get(url).status_code == 200, url  # warm the templates
        times = []
        for _run in range(RENDERS):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(
            f"dashboard {label}: mediaan {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
            f"{len(queries)} queries, {len(response.content) // 1024} kB"
        )


def audit_rows() -> None:
    """BENCH_AUDIT_ROWS audit rows spread over the history, made in SQL (PostgreSQL only).
    The job never reads the audit table; every dashboard render writes one row into it, so
    the rows are there to show the render does not slow down with a national-size log."""
    if not AUDIT_ROWS or connection.vendor != "postgresql":
        return
    began = time.perf_counter()
    step = 1_000_000
    with connection.cursor() as cursor:
        for start in range(0, AUDIT_ROWS, step):
            cursor.execute(
                "INSERT INTO audit_accessevent (uid, occurred_at, actor_user_id, actor_username,"
                " actor_role, on_behalf_of, action, object_type, object_id, household_id,"
                ' person_ids, household_ids, legal_basis, "grant", emergency, outcome,'
                " request_id, traceparent, mac)"
                " SELECT gen_random_uuid(), now() - (i %% (%s * 365 * 24)) * interval '1 hour',"
                " i %% 5000, 'bench', 'regisseur', '', 'household.read', 'household', '',"
                " NULL, '[]', '[]', '', '', false, 'allowed', '', '', 'x'"
                " FROM generate_series(%s, %s) AS i",
                [YEARS, start, min(start + step, AUDIT_ROWS) - 1],
            )
        cursor.execute("ANALYZE audit_accessevent")
    print(f"auditregels toegevoegd in {time.perf_counter() - began:.1f} s: {AUDIT_ROWS}")


def main() -> None:
    print(f"database: {connection.vendor}; gezinnen: {Household.objects.count()}; jaren: {YEARS}")
    began = time.perf_counter()
    made = events()
    print(f"gebeurtenissen toegevoegd in {time.perf_counter() - began:.1f} s: {made}")
    audit_rows()
    timed("refresh(full=True)", lambda: jobs.refresh(full=True))
    timed("refresh() (vorig en huidig kwartaal)", jobs.refresh)
    print(f"cellen in de tabel: {Cell.objects.count()}")
    render()


if __name__ == "__main__":
    main()
