"""Police zorgmeldingen get their kenmerk from the same sequence as every melding (issue 13):
the police read it after their intake and in the import's result, and an import takes its
numbers in one step per batch, unique alongside meldingen made meanwhile."""

import json

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.api.tests.conftest import Api
from ketenkaart.reports import services
from ketenkaart.reports.importer import import_messages
from ketenkaart.reports.models import Report
from ketenkaart.reports.tests.conftest import REPORTER, child_input
from ketenkaart.reports.tests.test_api import police_body


def test_the_police_intake_answers_with_the_kenmerk(police, client):
    response = Api(police.user).post("/api/v1/meldingen", police_body("PL-1"))
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert report.reference.startswith("VT-") and len(report.reference) == len("VT-2026-000001")
    assert response.json()["kenmerk"] == report.reference
    # Sent again: the same melding, the same kenmerk.
    again = Api(police.user).post("/api/v1/meldingen", police_body("PL-1"))
    assert again.status_code == 200 and again.json()["kenmerk"] == report.reference
    client.force_login(police.user)
    status_page = client.get(reverse("reports:detail", kwargs={"report_id": report.pk}))
    assert report.reference in status_page.content.decode()
    assert report.reference in client.get(reverse("reports:index")).content.decode()


def test_an_import_takes_one_sequence_step_per_batch_and_numbers_stay_unique(police, school, child):
    first = services.report_create(
        by=school, reporter=REPORTER, summary="x", persons=[child_input(child)]
    )
    with CaptureQueriesContext(connection) as queries:
        result = import_messages(
            [police_body(f"PL-{n:03d}") for n in range(25)], by=police, batch_size=10
        )
    # The sequence's step: the last kenmerk of the year, read once per batch.
    steps = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and "'VT-" in q["sql"] and "LIKE" in q["sql"]
    ]
    assert len(steps) == result.batches == 3
    between = services.report_create(
        by=school, reporter=REPORTER, summary="y", persons=[child_input(child)]
    )
    more = import_messages([police_body(f"PL-{n:03d}") for n in range(25, 30)], by=police)
    references = list(Report.objects.values_list("reference", flat=True))
    assert len(references) == 32 and len(set(references)) == 32 and "" not in references
    prefix = first.reference[: -len("000001")]
    numbers = sorted(int(r.removeprefix(prefix)) for r in references)
    assert numbers == list(range(1, 33))
    assert result.references == [(f"{prefix}000002", f"{prefix}000026")]
    assert between.reference == f"{prefix}000027"
    assert more.references == [(f"{prefix}000028", f"{prefix}000032")]


def test_the_import_command_names_the_kenmerken(police, tmp_path, capsys):
    path = tmp_path / "zorgmeldingen.json"
    path.write_text(json.dumps([police_body(f"PL-{n}") for n in range(3)]))
    call_command("import_zorgmeldingen", str(path), "--user", police.user.username)
    out = capsys.readouterr().out
    low, high = sorted(Report.objects.values_list("reference", flat=True))[::2]
    assert f"kenmerken van de nieuwe meldingen: {low} t/m {high}" in out
