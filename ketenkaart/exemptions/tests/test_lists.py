"""The ventieltafel's start page as a list that scales: the convener's queue searched on the
pseudonym and rule (never the family's name), a requester's own requests by the family's name
too, linked to its dossier; the same queries for five requests or fifty."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.exemptions import lists, selectors
from ketenkaart.exemptions.models import Domain, ExemptionRequest, Urgency
from ketenkaart.testing import factories as f


def copies(exemption, count, **changes):
    rows = []
    for n in range(count):
        row = ExemptionRequest.objects.get(pk=exemption.pk)
        row.pk = uuid.uuid4()
        row.pseudonym = f"K{uuid.uuid4().hex[:8]}"
        row.rule = f"{changes.get('rule', exemption.rule)} {n}"
        row.domain = changes.get("domain", exemption.domain)
        row.urgency = changes.get("urgency", exemption.urgency)
        rows.append(row)
    ExemptionRequest.objects.bulk_create(rows)


def rules(client, **params) -> list[str]:
    response = client.get(reverse("exemptions:index"), params)
    assert response.status_code == 200
    return [r.rule for r in response.context["page"].object_list]


def test_the_convener_searches_and_filters_the_queue_but_not_by_family_name(
    client, convener, exemption
):
    copies(exemption, 2, rule="Leerlingenvervoer pas na 6 km", domain=Domain.PUPIL_TRANSPORT)
    copies(exemption, 1, rule="Schuldhulp wacht op stabiel inkomen", urgency=Urgency.URGENT)
    client.force_login(convener.user)

    assert len(rules(client)) == 4
    assert len(rules(client, zoek="leerlingenvervoer")) == 2
    assert len(rules(client, domein="pupil_transport")) == 2
    assert rules(client, urgentie="spoed") == ["Schuldhulp wacht op stabiel inkomen 0"]
    assert rules(client, zoek=exemption.pseudonym) == [exemption.rule]
    assert rules(client, zoek="De Vries") == []  # the table never sees the family's name
    html = client.get(reverse("exemptions:index")).content.decode()
    assert "Gezin De Vries" not in html
    assert "U ziet elk gezin onder een kenmerk" in html
    assert "Dan vraagt u de ventieltafel" not in html


def test_a_requester_finds_their_request_by_the_familys_name_and_reaches_its_dossier(
    client, involved, exemption, household
):
    client.force_login(involved.user)

    assert rules(client, zoek="de vries") == [exemption.rule]
    assert rules(client, stand="decided") == []
    html = client.get(reverse("exemptions:index")).content.decode()
    assert "Aanvraag voor Gezin De Vries" in html
    assert reverse("households:detail", kwargs={"household_id": household.pk}) in html


def test_an_outsider_finds_no_request(client, outsider, exemption):
    client.force_login(outsider.user)
    assert rules(client, zoek="urgentie") == []


def test_the_queue_costs_the_same_queries_for_5_or_50_requests(client, convener, exemption):
    client.force_login(convener.user)

    def count():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("exemptions:index"), {"zoek": "urgentie", "domein": "housing"})
        return len(context.captured_queries)

    copies(exemption, 4)
    five = count()
    copies(exemption, 45)
    assert count() == five


def test_own_requests_cost_the_same_queries_for_5_or_50(client, involved, exemption):
    client.force_login(involved.user)

    def count():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("exemptions:index"), {"zoek": "urgentie", "stand": "submitted"})
        return len(context.captured_queries)

    copies(exemption, 4)
    five = count()
    copies(exemption, 45)
    assert count() == five


def test_no_reference_cost_names_a_path_in_the_repository(db):
    from ketenkaart.exemptions.models import ReferenceCost

    assert ReferenceCost.objects.exists()
    assert not ReferenceCost.objects.filter(source__contains="docs/").exists()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"zoek": "leerlingenvervoer"},
        {"zoek": "%"},
        {"zoek": "_"},
        {"domein": "pupil_transport", "sorteer": "nieuwste"},
        {"urgentie": "spoed", "zoek": "schuld"},
        {"domein": "onbekend", "sorteer": "[]"},
    ],
)
def test_the_prepared_queue_gives_the_ordinary_pages(rf, convener, exemption, params):
    copies(exemption, 3, rule="Leerlingenvervoer pas na 6 km", domain=Domain.PUPIL_TRANSPORT)
    copies(exemption, 2, rule="Schuldhulp wacht op 50%_inkomen", urgency=Urgency.URGENT)
    ExemptionRequest.objects.create(
        **{
            f.attname: getattr(exemption, f.attname)
            for f in ExemptionRequest._meta.concrete_fields
            if f.attname not in {"id", "pseudonym", "municipality_id"}
        },
        pseudonym="K-elders",
        municipality=f.MunicipalityFactory(),  # another table's: in no page
    )

    def pages(run) -> list[list]:
        first = run(1)
        return [[r.pk for r in run(n).page.object_list] for n in first.page.paginator.page_range]

    def ordinary(n):
        request = rf.get("/ventieltafel", {**params, "pagina": n})
        request.user = convener.user
        return lists.QUEUE.run(request, selectors.queue(convener.user), per_page=2)

    def prepared(n):
        request = rf.get("/ventieltafel", {**params, "pagina": n})
        values = {"organisation": convener.organisation_id}
        return lists.QUEUE.run_prepared(request, selectors.prepared_queue, values, per_page=2)

    assert pages(prepared) == pages(ordinary)
    assert prepared(1).page.paginator.count == ordinary(1).page.paginator.count
    if not params:
        assert prepared(1).page.paginator.count == 6


def test_a_row_shows_the_labels_links_and_lateness_of_its_request(
    client, convener, involved, exemption, household
):
    ExemptionRequest.objects.filter(pk=exemption.pk).update(
        deadline=datetime.date(2025, 1, 6), domain=Domain.PUPIL_TRANSPORT
    )
    exemption.refresh_from_db()
    detail = reverse("exemptions:detail", kwargs={"request_id": exemption.pk})
    dossier = reverse("households:detail", kwargs={"household_id": household.pk})
    shown = f'<td class="utrecht-table__cell">{exemption.get_domain_display()}</td>'

    client.force_login(convener.user)
    table = client.get(reverse("exemptions:index")).content.decode()
    assert f'href="{detail}"' in table and shown in table
    assert exemption.get_status_display() in table and "06-01-2025" in table
    assert "Te laat" in table  # the table's queue shows a request past its deadline
    assert dossier not in table and household.name not in table

    client.force_login(involved.user)
    own = client.get(reverse("exemptions:index")).content.decode()
    assert f'href="{detail}"' in own and f'href="{dossier}"' in own and shown in own
    assert f"Aanvraag voor {household.name}" in own
    assert "Te laat" not in own  # as before: lateness is the table's column
