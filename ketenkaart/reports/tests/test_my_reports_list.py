"""A reporter's own meldingen as a list that scales: search in what they wrote, filter on the
stand, sort, paging that keeps it, and the same queries for five meldingen or fifty."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.reports.models import Report, ReportStatus


def copies(report, count, *, summary=None, status=None):
    """More meldingen like `report` by the same reporter, without running the intake."""
    rows = []
    for n in range(count):
        row = Report.objects.get(pk=report.pk)
        row.pk = uuid.uuid4()
        row.summary = f"{summary or report.summary} {n}"
        row.status = status or report.status
        row.police_reference = ""
        row.reference = ""
        rows.append(row)
    Report.objects.bulk_create(rows)


def summaries(client, **params) -> list[str]:
    response = client.get(reverse("reports:index"), params)
    assert response.status_code == 200
    return [r.summary for r in response.context["page"].object_list]


def test_my_reports_are_searched_and_filtered(client, school, report):
    copies(report, 2, summary="Jongen met blauwe plekken", status=ReportStatus.CLOSED)
    client.force_login(school.user)

    assert len(summaries(client)) == 3
    assert sorted(summaries(client, zoek="blauwe")) == [
        "Jongen met blauwe plekken 0",
        "Jongen met blauwe plekken 1",
    ]
    assert summaries(client, stand="received") == [report.summary]
    assert len(summaries(client, terugkoppeling="nog-niet")) == 3
    html = client.get(reverse("reports:index"), {"zoek": "Pietersen"}).content.decode()
    assert "Geen meldingen gevonden met deze zoekterm of filters." in html


def test_a_reporter_never_finds_another_reporters_meldingen(client, other_school, report):
    client.force_login(other_school.user)
    assert summaries(client, zoek="ongewassen") == []


def test_my_reports_cost_the_same_queries_for_5_or_50(client, school, report):
    client.force_login(school.user)

    def count():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("reports:index"), {"zoek": "school", "stand": "received"})
        return len(context.captured_queries)

    copies(report, 4)
    five = count()
    copies(report, 45)
    assert count() == five
