"""The hot reads take an index path on PostgreSQL: no sequential scan of the big tables.

A few thousand generated households (about three persons each) and ANALYZE give the planner
real statistics; with them a sequential scan of household, person, member or involvement in
the caseload, the person search or the dossier read means its cost grows with the data.
enable_seqscan stays on: the planner is free to choose, and we check what it chose; only
random_page_cost is set to the solid-state value production runs with.
"""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenkaart.access.models import EmergencyAccess
from ketenkaart.demo.volume import generate
from ketenkaart.households import selectors
from ketenkaart.households.models import Involvement, Member

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="query plans are PostgreSQL's own"
    ),
]

BIG_TABLES = {
    "households_household",
    "households_person",
    "households_member",
    "households_involvement",
}
DAY = datetime.date(2026, 12, 1)


def seq_scans(plan: dict) -> list[str]:
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in BIG_TABLES:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found += seq_scans(child)
    return found


def assert_index_paths(run) -> int:
    """Run `run`, EXPLAIN every SELECT it sent, and fail on a sequential scan of a big table."""
    with CaptureQueriesContext(connection) as captured:
        run()
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert selects
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            if seq_scans(plan[0]["Plan"]):
                cursor.execute("EXPLAIN " + sql)
                text = "\n".join(row[0] for row in cursor.fetchall())
                pytest.fail(f"sequential scan of a big table:\n{sql}\n{text}")
    return len(selects)


@pytest.fixture
def volume(db):
    # Inside the test's transaction: ANALYZE counts the rows this transaction inserted.
    generate(households=4_000, seed=7)
    # PostgreSQL plans a never-filled table as if it held ten pages of rows, which no national
    # instance has: expired emergency grants, as years of use leave behind, give it real numbers.
    then = timezone.make_aware(datetime.datetime(2025, 1, 1))
    EmergencyAccess.objects.bulk_create(
        EmergencyAccess(
            household_id=involvement.household_id,
            professional_id=involvement.professional_id,
            reason="synthetisch",
            granted_at=then,
            expires_at=then + datetime.timedelta(hours=72),
        )
        for involvement in Involvement.objects.order_by("pk")[:2_000]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # Solid-state storage, as docs/operations.md asks of production: at 4,000 households a
        # whole table is still so small that the default (4, spinning disks) prefers reading it.
        cursor.execute("SET LOCAL random_page_cost = 1.1")


@pytest.fixture
def lead(volume):
    return (
        Involvement.objects.filter(is_lead=True, household__closed_at__isnull=True)
        .select_related("professional__user", "household")
        .order_by("household_id")
        .first()
    )


@pytest.fixture
def stranger(lead):
    """A member of another household, with a BSN and a birth date."""
    return (
        Member.objects.exclude(household_id=lead.household_id)
        .filter(person__birth_date__isnull=False)
        .exclude(person__bsn="")
        .select_related("person")
        .last()
    )


def test_caseload_count_and_page(lead):
    user = lead.professional.user

    def run():
        households = selectors.caseload(user, day=DAY)
        assert households.count() >= 1
        assert lead.household_id in {h.pk for h in households[:20]}

    # The acting professional's organisation (does it work as a team?), the count, the page.
    assert assert_index_paths(run) == 3


def test_person_search_by_bsn(lead, stranger):
    def run():
        matches = selectors.household_matches(lead.professional.user, bsn=stranger.person.bsn)
        assert [m.household.pk for m in matches] == [stranger.household_id]
        assert matches[0].visible is False

    assert_index_paths(run)


def test_person_search_by_surname_and_birth_date(lead, stranger):
    person = stranger.person

    def run():
        matches = selectors.household_matches(
            lead.professional.user, surname=person.surname.upper(), birth_date=person.birth_date
        )
        assert stranger.household_id in {m.household.pk for m in matches}

    assert_index_paths(run)


def test_dossier_read(lead):
    def run():
        dossier = selectors.dossier(lead.household, day=DAY)
        assert dossier.lead is not None

    assert assert_index_paths(run) == 4
