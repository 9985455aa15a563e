"""The Veilig Thuis queue as a list: family by name and linked, search, filter and sort in the
URL, and the same queries however many meldingen match."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.reports import services
from ketenkaart.reports.models import ReportSource
from ketenkaart.reports.tests.conftest import police_message


def queue(client, **params):
    response = client.get(reverse("reports:index"), params)
    assert response.status_code == 200
    return response


def test_a_queue_row_names_the_family_and_links_its_dossier(client, vt, report, household):
    client.force_login(vt.user)

    html = queue(client).content.decode()

    assert "Melding over Gezin De Vries" in html
    assert reverse("households:detail", kwargs={"household_id": household.pk}) in html


def test_the_queue_is_searched_filtered_and_sorted_from_the_url(client, vt, report, police):
    services.police_messages_receive(by=police, messages=[police_message("P-1", acute=True)])
    client.force_login(vt.user)

    everything = queue(client).context["page"].object_list
    acute = queue(client, urgentie="acuut").context["page"].object_list
    from_police = queue(client, bron=ReportSource.POLICE).context["page"].object_list
    by_name = queue(client, zoek="de vries").context["page"].object_list
    nobody = queue(client, zoek="Pietersen")

    assert len(everything) == 2
    assert [r.acute for r in acute] == [True]
    assert [r.source for r in from_police] == [ReportSource.POLICE]
    assert [r.pk for r in by_name] == [report.pk]
    assert "Geen meldingen gevonden met deze zoekterm of filters." in nobody.content.decode()
    # The form shows the state it was given, so the page can be bookmarked and shared.
    html = queue(client, zoek="de vries", sorteer="ontvangen").content.decode()
    assert 'value="de vries"' in html and '<option value="ontvangen" selected>' in html


def test_an_unknown_sort_or_filter_falls_back_instead_of_failing(client, vt, report):
    client.force_login(vt.user)
    response = queue(client, sorteer="; drop table", bron="nep", urgentie="x")
    assert [r.pk for r in response.context["page"].object_list] == [report.pk]
    assert response.context["state"].sort == "termijn"


def test_a_filtered_queue_costs_the_same_queries_for_few_and_many_matches(client, vt, police):
    client.force_login(vt.user)

    def count():
        with CaptureQueriesContext(connection) as context:
            queue(client, bron=ReportSource.POLICE, sorteer="ontvangen", pagina=1)
        return len(context.captured_queries)

    services.police_messages_receive(by=police, messages=[police_message("A-0")])
    few = count()
    services.police_messages_receive(
        by=police, messages=[police_message(f"B-{n}") for n in range(80)]
    )
    assert count() == few


# The session with its user, professional, organisation and unread count (core/sessions.py),
# the inbox's handover notices;
# the queue's count and page; feedback owed, investigations, advice and visits; the two sector
# norms; the audit row.
QUEUE_PAGE_QUERIES = 11


def test_the_queue_page_costs_11_queries_for_one_or_eighty_meldingen(
    client, vt, police, django_assert_num_queries
):
    client.force_login(vt.user)
    services.police_messages_receive(by=police, messages=[police_message("A-0")])
    queue(client)
    with django_assert_num_queries(QUEUE_PAGE_QUERIES):
        assert len(queue(client).context["page"].object_list) == 1
    services.police_messages_receive(
        by=police, messages=[police_message(f"B-{n}") for n in range(80)]
    )
    with django_assert_num_queries(QUEUE_PAGE_QUERIES):
        response = queue(client)
    assert len(response.context["page"].object_list) == 50
    assert "81 meldingen wachten op beoordeling" in response.content.decode()
