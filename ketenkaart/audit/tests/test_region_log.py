"""The privacy officer's toegangslog of the region: filters, paging, CSV export; reading and
exporting it are rows of the log themselves; nobody else reads it."""

import csv
import io

import pytest

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.testing import factories as f

PINNED = 6


@pytest.fixture
def logged(household, involved, outsider):
    """Rows in the region (the regisseur's reads and a refusal) and one of another region."""
    audit.record(user=involved.user, action="household.read", household_id=household.pk)
    audit.record(
        user=involved.user,
        action="safety_map.read",
        household_id=household.pk,
        outcome=Outcome.DENIED,
    )
    elsewhere = f.HouseholdFactory()
    audit.record(user=outsider.user, action="household.read", household_id=elsewhere.pk)
    return elsewhere


def _page(client, privacy_officer, **query):
    client.force_login(privacy_officer.user)
    return client.get("/toegangslog", query)


def test_the_privacy_officer_reads_the_regions_log_and_the_read_is_a_row(
    client, privacy_officer, logged, household
):
    before = AccessEvent.objects.count()
    response = _page(client, privacy_officer)

    assert response.status_code == 200
    actions = [row["event"].action for row in response.context["rows"]]
    assert sorted(actions) == ["household.read", "safety_map.read"]  # not the other region's
    assert logged.pk not in {row["event"].household_id for row in response.context["rows"]}
    assert "no-store" in response["Cache-Control"]
    (read,) = AccessEvent.objects.order_by("pk")[before:]
    assert (read.action, read.outcome, read.actor_user_id) == (
        "access_log.search",
        Outcome.ALLOWED,
        privacy_officer.user.pk,
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"uitkomst": "denied"}, ["safety_map.read"]),
        ({"handeling": "household.read"}, ["household.read"]),
        ({"gebruiker": "wijkcoach-test"}, ["household.read", "safety_map.read"]),
        ({"gebruiker": "iemand-anders"}, []),
        ({"van": "2000-01-01", "tot": "2000-01-31"}, []),
    ],
)
def test_the_filters_narrow_the_rows(client, privacy_officer, logged, query, expected):
    response = _page(client, privacy_officer, **query)

    assert response.status_code == 200
    assert sorted(row["event"].action for row in response.context["rows"]) == expected


def test_the_family_filter_shows_that_family_and_names_it_on_the_read_row(
    client, privacy_officer, logged, household
):
    response = _page(client, privacy_officer, gezin=str(household.pk))

    assert {row["event"].household_id for row in response.context["rows"]} == {household.pk}
    read = AccessEvent.objects.order_by("-pk").first()
    assert read.action == "access_log.search" and read.household_id == household.pk


def test_a_bad_filter_is_a_dutch_error_on_its_field_and_shows_nothing(
    client, privacy_officer, logged
):
    response = _page(client, privacy_officer, van="2026-02-30", gezin="geen-kenmerk")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["van"] and form.errors["gezin"] == ["Vul een geldig kenmerk in."]
    assert response.context["rows"] == []


def test_an_end_before_the_start_is_refused_on_the_end(client, privacy_officer, logged):
    response = _page(client, privacy_officer, van="2026-03-02", tot="2026-03-01")

    assert response.context["form"].errors["tot"] == ["Deze datum ligt vóór de begindatum."]


@pytest.mark.parametrize("path", ["/toegangslog", "/toegangslog.csv"])
def test_anyone_else_is_refused_once_as_a_refusal(client, involved, logged, path):
    before = list(AccessEvent.objects.values_list("pk", flat=True))
    client.force_login(involved.user)

    response = client.get(path)

    assert response.status_code == 403
    new = list(AccessEvent.objects.exclude(pk__in=before))
    assert [(e.action, e.outcome) for e in new] == [
        ("access_log.export" if path.endswith("csv") else "access_log.search", Outcome.DENIED)
    ]


def test_the_csv_export_is_audited_uncached_and_never_a_formula(
    client, privacy_officer, household, involved
):
    involved.user.first_name = "=HYPERLINK(1)"
    involved.user.save()
    audit.record(user=involved.user, action="household.read", household_id=household.pk)
    client.force_login(privacy_officer.user)
    before = AccessEvent.objects.count()

    response = client.get("/toegangslog.csv", {"handeling": "household.read"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="toegangslog-')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert lines[0][:6] == ["tijdstip", "gebruikersnaam", "organisatie", "rol", "handeling", "code"]
    assert [line[5] for line in lines[1:]] == ["household.read"]
    assert lines[1][9] == str(household.pk)
    (export,) = AccessEvent.objects.order_by("pk")[before:]
    assert export.action == "access_log.export"


def test_a_formula_in_a_cell_is_quoted():
    from ketenkaart.audit.log import _cell

    assert _cell("=1+1") == "'=1+1" and _cell("-2") == "'-2" and _cell("Noor") == "Noor"


def test_the_page_costs_the_same_queries_for_few_rows_and_many(
    client, privacy_officer, household, involved, django_assert_num_queries
):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/toegangslog").status_code == 200
        return len(queries)

    audit.record(user=involved.user, action="household.read", household_id=household.pk)
    client.force_login(privacy_officer.user)
    few = count()
    for _ in range(40):
        audit.record(user=involved.user, action="household.read", household_id=household.pk)
    assert count() == few
    # Session, user, professional, organisation, the region's organisations, count, page,
    # the read's own INSERT, the users on the page, the menu's unread count.
    with django_assert_num_queries(PINNED):
        client.get("/toegangslog")


def test_the_privacy_officers_home_links_to_the_regions_log(client, privacy_officer):
    client.force_login(privacy_officer.user)

    assert 'href="/toegangslog"' in client.get("/start").content.decode()


def test_paging_shows_fifty_rows_a_page(client, privacy_officer, household, involved):
    for _ in range(55):
        audit.record(user=involved.user, action="household.read", household_id=household.pk)

    first = _page(client, privacy_officer)
    second = _page(client, privacy_officer, pagina=2)

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 55 + 1 - 50  # the first page's own read row too
