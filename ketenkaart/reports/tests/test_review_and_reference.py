"""A melding is reviewed before it is sent and gets a reference after (issue 13): the reporter
reads back what goes to Veilig Thuis, can change it, and quotes VT-<year>-<nnnnnn> when they
call. Parent names are required together, said in words."""

import datetime
import zoneinfo

from django.urls import reverse

from ketenkaart.reports import services
from ketenkaart.reports.models import Report
from ketenkaart.reports.tests.conftest import REPORTER, child_input

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def melding(child, **extra):
    return {
        "reporter_name": "Lotte Leerkracht",
        "reporter_phone": "06-11112222",
        "summary": "Noor komt al weken ongewassen op school.",
        "child_given_names": child.given_names,
        "child_surname": child.surname,
        "acute": "on",
        **extra,
    }


def test_the_review_shows_what_goes_to_veilig_thuis_and_sends_nothing(client, school, child):
    client.force_login(school.user)
    html = client.post(reverse("reports:report_new"), melding(child)).content.decode()
    assert "Controleer uw melding" in html
    assert "Noor komt al weken ongewassen op school." in html
    assert "Acuut: iemand is nu of de komende dagen in direct gevaar" in html
    assert 'name="stap" value="bevestigen"' in html
    assert not Report.objects.exists()

    back = client.post(reverse("reports:report_new"), {**melding(child), "stap": "wijzigen"})
    assert "Verder naar controleren" in back.content.decode()
    assert "Noor komt al weken ongewassen" in back.content.decode()
    assert not Report.objects.exists()


def test_sending_gives_a_reference_the_reporter_sees(client, school, child):
    client.force_login(school.user)
    response = client.post(
        reverse("reports:report_new"), {**melding(child), "stap": "bevestigen"}, follow=True
    )
    report = Report.objects.get()
    year = report.received_at.astimezone(AMS).year
    assert report.reference == f"VT-{year}-000001"
    html = response.content.decode()
    assert f"Uw kenmerk is {report.reference}." in html
    assert "Noem dit kenmerk als u Veilig Thuis belt." in html
    assert report.reference in client.get(reverse("reports:index")).content.decode()
    listed = client.get(reverse("reports:index"), {"zoek": report.reference})
    assert list(listed.context["page"].object_list) == [report]


def test_references_count_up_per_year(school, child, time_machine):
    def report_at(moment):
        time_machine.move_to(moment, tick=False)
        return services.report_create(
            by=school, reporter=REPORTER, summary="x", persons=[child_input(child)]
        ).reference

    first = report_at(datetime.datetime(2026, 12, 31, 12, 0, tzinfo=AMS))
    second = report_at(datetime.datetime(2026, 12, 31, 13, 0, tzinfo=AMS))
    next_year = report_at(datetime.datetime(2027, 1, 1, 9, 0, tzinfo=AMS))
    assert (first, second, next_year) == ("VT-2026-000001", "VT-2026-000002", "VT-2027-000001")


def test_parent_names_are_required_together_and_said_so(client, school, child):
    client.force_login(school.user)
    empty = client.get(reverse("reports:report_new")).content.decode()
    assert "vul dan de voornamen én de achternaam in" in empty
    parent_label = empty[empty.index('for="id_parent_given_names"') :][:200]
    assert "(niet verplicht)" not in parent_label
    response = client.post(
        reverse("reports:report_new"), {**melding(child), "parent_given_names": "Eva"}
    )
    assert "Vul ook de achternaam van de ouder in." in response.content.decode()
    assert "Controleer uw melding" not in response.content.decode()
    assert not Report.objects.exists()
