"""The hot reads take an index path on PostgreSQL: no sequential scan of the big tables.

A few thousand generated households (about three persons each) and ANALYZE give the planner
real statistics; with them a sequential scan of household, person, member, involvement,
melding or ventieltafel request in the caseload, the person search, the dossier read, the Veilig
Thuis queue, the ventieltafel queue or the radar means its cost grows with the data (the
generator adds meldingen and requests at a region's rate, see demo/volume_chain.py).
enable_seqscan stays on: the planner is free to choose, and we check what it chose; only
random_page_cost is set to the solid-state value production runs with.
"""

import datetime
import json

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenkaart.access.models import EmergencyAccess
from ketenkaart.demo.volume import generate
from ketenkaart.exemptions.models import ExemptionRequest, Status
from ketenkaart.households import search, selectors
from ketenkaart.households.models import Involvement, Member

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="query plans are PostgreSQL's own"
    ),
]

BIG_TABLES = {
    "access_emergencyaccess",
    "households_household",
    "households_person",
    "households_member",
    "households_involvement",
    "reports_report",
    "reports_reportperson",
    "exemptions_exemptionrequest",
}
DAY = datetime.date(2026, 12, 1)


def seq_scans(plan: dict) -> list[str]:
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in BIG_TABLES:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found += seq_scans(child)
    return found


SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Index Scan", "Bitmap Heap Scan"}
# No hot read's statement reads more rows than this of the 4,000 households (12,000 persons,
# a region's 2,000 families and 300 meldingen): an index path that still walks a region, a
# table's every decided request or a whole municipality grows with the data.
MOST_ROWS = 300


def rows_read(plan: dict) -> int:
    """The rows an EXPLAIN ANALYZE plan's scans read, those their filters threw away included."""
    read = 0
    if plan.get("Node Type") in SCANS:
        kept = plan.get("Actual Rows", 0) + plan.get("Rows Removed by Filter", 0)
        read += kept * plan.get("Actual Loops", 1)
    return read + sum(rows_read(child) for child in plan.get("Plans", []))


def households_reached_by(plan: dict) -> set[str]:
    """The indexes (or "Seq Scan") through which a plan reads households_household."""
    found = set()
    if plan.get("Relation Name") == "households_household":
        found.add(plan.get("Index Name", plan["Node Type"]))
    for child in plan.get("Plans", []):
        found |= households_reached_by(child)
    return found


def explained(run) -> list[tuple[str, str, dict]]:
    """Run `run` and EXPLAIN ANALYZE every SELECT it sent: (SQL, plan cache mode, plan). A
    prepared statement (core/precompiled.py) is explained as PostgreSQL may run it after its
    first executions too: with the generic plan, made without the values."""
    with CaptureQueriesContext(connection) as captured:
        run()
    selects = [
        q["sql"] for q in captured.captured_queries if q["sql"].startswith(("SELECT", "EXECUTE"))
    ]
    assert selects
    plans = []
    with connection.cursor() as cursor:
        for sql in selects:
            modes = ["auto", "force_generic_plan"] if sql.startswith("EXECUTE") else ["auto"]
            for mode in modes:
                cursor.execute(f"SET LOCAL plan_cache_mode = {mode}")
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                plans.append((sql, mode, plan[0]["Plan"]))
    return plans


def assert_index_paths(run, most_rows: int | None = MOST_ROWS) -> int:
    """Run `run`, EXPLAIN ANALYZE every SELECT it sent (see explained), and fail on a
    sequential scan of a big table or on a statement that reads more than `most_rows` rows."""
    plans = explained(run)
    with connection.cursor() as cursor:
        for sql, mode, plan in plans:
            scans, read = seq_scans(plan), rows_read(plan)
            if scans or (most_rows is not None and read > most_rows):
                cursor.execute(f"SET LOCAL plan_cache_mode = {mode}")
                cursor.execute("EXPLAIN ANALYZE " + sql)
                text = "\n".join(row[0] for row in cursor.fetchall())
                what = "sequential scan of a big table" if scans else f"{read} rows read"
                pytest.fail(f"{what} ({mode}):\n{sql}\n{text}")
    return sum(mode == "auto" for _, mode, _ in plans)


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
    # The same for the ventieltafel: a few thousand households make a handful of open
    # requests, where years of a region's use leave hundreds decided beside them (without
    # them the planner reads the six rows, and the test's outcome depends on the tests before
    # it, whose rolled-back rows still fill the table's pages).
    decided = []
    for number, request in enumerate(ExemptionRequest.objects.order_by("pk")):
        for copy in range(100):
            decided.append(
                ExemptionRequest(
                    **{
                        field.attname: getattr(request, field.attname)
                        for field in ExemptionRequest._meta.concrete_fields
                        if field.attname not in {"id", "pseudonym", "status", "asked_at"}
                    },
                    pseudonym=f"OUD-{number}-{copy}",
                    status=Status.DECIDED,
                    asked_at=then,
                )
            )
    ExemptionRequest.objects.bulk_create(decided)
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

    name = lead.household.name[:3]

    counts = []

    def precompiled():  # as Mijn gezinnen reads it: prepared, explained with the generic plan
        for query, frame in (("", ""), (name, ""), ("", "gedwongen")):
            page = Paginator(selectors.caseload_page(user, day=DAY, query=query, frame=frame), 20)
            found = {h.pk for h in page.get_page(1)}
            counts.append(page.count)
            assert frame or lead.household_id in found
        selectors.caseload_page(user, day=DAY, warned=True)[:8]  # the home's warnings

    # Each list its count, and its page where the count found any (an empty list does not read
    # its page); the home's families with a warning.
    paths = assert_index_paths(precompiled)
    assert paths == 3 + sum(1 for count in counts if count) + 1

    def searched():
        for query in (name, lead.household.name):  # a fragment all share, and one name
            page = Paginator(selectors.caseload_page(user, day=DAY, query=query), 20)
            assert lead.household_id in {h.pk for h in page.get_page(1)}

    # Searched, the count and the page reach households by the caseload's ids, never through
    # the region list's name index: with a generic plan (the fragment unknown) that index once
    # looked cheaper and read every family whose name holds "Gez". No index serves the
    # caseload's search now (households/selectors.py), so no statistics can choose it.
    for _, _, plan in explained(searched):
        assert households_reached_by(plan) == {"households_household_pkey"}


def test_the_regisseurs_home(lead):
    from ketenkaart.core import home

    def run():
        page = home.casework_home(lead.professional.user, lead.professional)
        assert page.households_total >= 1

    # The professional's organisation (does it work as a team?), then all prepared: offers,
    # handovers, tasks and the overdue count, the warned families and the caseload's count,
    # meetings.
    assert assert_index_paths(run) == 8


def test_person_search_by_bsn(lead, stranger):
    def run():
        matches = search.household_matches(lead.professional.user, bsn=stranger.person.bsn)
        assert [m.household.pk for m in matches] == [stranger.household_id]
        assert matches[0].visible is False

    assert_index_paths(run)


def test_person_search_by_surname_and_birth_date(lead, stranger):
    person = stranger.person

    def run():
        matches = search.household_matches(
            lead.professional.user, surname=person.surname.upper(), birth_date=person.birth_date
        )
        assert stranger.household_id in {m.household.pk for m in matches}

    assert_index_paths(run)


def test_dossier_read(lead):
    def run():
        dossier = selectors.dossier(lead.household, day=DAY)
        assert dossier.lead is not None

    # The four lists in one UNION ALL (four statements before): each branch its own index path.
    assert assert_index_paths(run) == 1


def test_veilig_thuis_queue(volume):
    from django.core.paginator import Paginator

    from ketenkaart.organisations.models import Professional, Role
    from ketenkaart.reports import norms
    from ketenkaart.reports import selectors as reports

    vt = Professional.objects.filter(role=Role.VEILIG_THUIS).select_related("user").first()

    def run():
        page = Paginator(reports.filter_queue(reports.assessment_queue(vt.user)), 50).get_page(1)
        assert page.paginator.count >= 1
        assert reports.queue_rows(page.object_list, day=DAY)
        list(reports.feedback_due(vt.user)[:50])
        list(reports.open_investigations(vt.user)[:50])
        norms.sector_norms(vt.user, DAY)

    # The VT team's organisation and region, the count and the page, feedback, investigations,
    # the two norms.
    assert assert_index_paths(run) >= 6

    from ketenkaart.reports import queue

    found = []

    def precompiled():  # as /meldingen reads it: prepared, explained with the generic plan
        for kind in ({}, {"query": "e", "sort": "ontvangen"}, {"urgency": "acuut"}):
            page = Paginator(queue.queue(vt, **kind), 50).get_page(1)
            found.append(page.paginator.count)
        queue.team_lists(vt)

    # Three kinds of queue (a count each, and a page where the count found any: an empty list
    # does not read its page) and the five side lists.
    paths = assert_index_paths(precompiled)
    assert found[0] and found[1], "the whole queue and the searched one both have a page to plan"
    assert paths == 3 + sum(1 for count in found if count) + 5


def test_ventieltafel_queue(volume):
    from ketenkaart.exemptions import selectors as exemptions
    from ketenkaart.organisations.models import Professional, Role

    convener = Professional.objects.filter(role=Role.EXEMPTION_TABLE).select_related("user")[0]

    def run():
        requests = exemptions.queue(convener.user)
        assert requests.count() >= 1
        assert list(requests[:50])

    assert_index_paths(run)

    from django.test import RequestFactory

    from ketenkaart.exemptions import lists

    counts = []

    def prepared():  # as the start page reads it: prepared, explained with the generic plan
        for params in ({}, {"zoek": "a", "urgentie": "spoed", "sorteer": "nieuwste"}):
            request = RequestFactory().get("/ventieltafel", params)
            values = {"organisation": convener.organisation_id}
            listing = lists.QUEUE.run_prepared(
                request, exemptions.prepared_queue, values, per_page=50
            )
            counts.append(listing.page.paginator.count)
            assert params or listing.page.object_list
        exemptions.open_invitations(convener)  # the page's requests one was invited to

    # Each kind its count, and its page where the count found any (an empty list does not read
    # its page: whether the generated requests hold an urgent one varies); the invitations.
    assert assert_index_paths(prepared) == 2 + sum(1 for count in counts if count) + 1


def test_the_privacy_officers_home(lead, monkeypatch):
    """A region's families listed by name, searched by name and counted up to a bound, and the
    emergency grants still to review: each through an index, not the region's every row."""
    from ketenkaart.core import home
    from ketenkaart.households.models import Household
    from ketenkaart.organisations.models import Role
    from ketenkaart.testing import factories as f

    officer = f.ProfessionalFactory(
        organisation=lead.professional.organisation, role=Role.PRIVACY_OFFICER
    )
    monkeypatch.setattr(home, "COUNTED_UP_TO", 50)
    region = Household.objects.filter(region_id=lead.household.region_id)
    # A rare name in the region: the first part of one family's surname ("Gezin " left off).
    surname = lead.household.name.removeprefix("Gezin ")
    rare = next(
        surname[:length]
        for length in range(4, len(surname) + 1)
        if region.filter(name__icontains=surname[:length]).count() <= 25
    )

    # The region holds far more families than a statement reads: the reviews, the page and
    # the count (which stops at 51).
    assert region.count() > 400
    assert assert_index_paths(lambda: home.privacy_home(officer.user), most_rows=100) == 3

    # A search may read the region's names from an index (the planner's choice at this size;
    # at 500,000 households it takes the trigrams for a rare name, bench/README.md).
    def searched():
        assert home.privacy_home(officer.user, query=rare).households

    assert assert_index_paths(searched, most_rows=None) == 3


def test_radar_name_match(stranger):
    from ketenkaart.reports import radar

    person = stranger.person
    key = (person.surname.upper(), person.birth_date)

    def run():
        assert person.pk in radar._name_matches({key})[key]

    assert assert_index_paths(run) == 1
