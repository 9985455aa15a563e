"""The M3 pages end to end, and the promise of anonymity: a protected reporter's name and phone
never reach a page, an API answer or an export for anyone outside Veilig Thuis."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.reports import services
from ketenkaart.reports.models import MeldcodeTrail, Outcome, Report, ReportStatus, TrailStatus
from ketenkaart.reports.tests.conftest import REPORTER, child_input, police_message
from ketenkaart.testing import factories as f


def get(client, who, url):
    client.force_login(who.user)
    return client.get(url)


def test_a_teacher_walks_the_meldcode_and_reports(client, school, child, vt):
    client.force_login(school.user)
    response = client.post(reverse("reports:trail_create"), {"subject": "Leerling groep 5"})
    trail = MeldcodeTrail.objects.get()
    assert response.status_code == 302
    url = reverse("reports:trail", kwargs={"trail_id": trail.pk})
    client.post(url, {"formulier": "stappen", "stappen-signals": "Ongewassen, stil"})
    for answer in ("ja", "ja"):
        client.post(url, {"formulier": "vraag", "vraag-answer": answer, "vraag-reasons": "x"})
    trail.refresh_from_db()
    assert trail.status == TrailStatus.MUST_REPORT
    page = client.get(url).content.decode()
    assert "Nu melden bij Veilig Thuis" in page and "Samen met Veilig Thuis" in page

    melding = {
        "reporter_name": "Lotte Leerkracht",
        "reporter_phone": "06-11112222",
        "summary": "Stil en ongewassen",
        "child_given_names": child.given_names,
        "child_surname": child.surname,
        "child_bsn": child.bsn,
    }
    new = f"{reverse('reports:report_new')}?traject={trail.pk}"
    assert "Controleer uw melding" in client.post(new, melding).content.decode()
    assert not Report.objects.exists()  # the review sends nothing
    response = client.post(new, {**melding, "stap": "bevestigen"})
    report = Report.objects.get()
    assert response.status_code == 302
    assert report.trail == trail
    status_page = get(client, school, reverse("reports:detail", kwargs={"report_id": report.pk}))
    assert "Ontvangen, veiligheidsbeoordeling loopt" in status_page.content.decode()


def test_a_melding_without_phone_shows_the_error_and_stores_nothing(client, school, child):
    client.force_login(school.user)
    response = client.post(
        reverse("reports:report_new"),
        {"reporter_name": "Lotte", "summary": "x", "child_given_names": "a", "child_surname": "b"},
    )
    assert response.status_code == 200
    assert "Controleer wat u hebt ingevuld" in response.content.decode()
    assert not Report.objects.exists()


def test_vt_assesses_from_the_queue(client, vt, report, household, local_team):
    receiver = f.ProfessionalFactory(organisation=local_team)
    queue = get(client, vt, reverse("reports:index")).content.decode()
    assert reverse("reports:detail", kwargs={"report_id": report.pk}) in queue
    response = client.post(
        reverse("reports:assess", kwargs={"report_id": report.pk}),
        {
            "multi_problem": "on",
            "outcome": Outcome.LOCAL_TEAM,
            "reasoning": "Wijkteam kan dit oppakken.",
            "handed_to": str(receiver.pk),
        },
    )
    assert response.status_code == 302, response.content
    report.refresh_from_db()
    assert report.status == ReportStatus.HANDED_OVER
    # The receiver is told, and sees the melding; the dossier opens through the involvement.
    page = get(client, receiver, reverse("reports:index")).content.decode()
    assert "Door Veilig Thuis aan u overgedragen" in page
    assert (
        get(
            client, receiver, reverse("reports:detail", kwargs={"report_id": report.pk})
        ).status_code
        == 200
    )
    # Feedback owed to the reporter is a task for VT.
    feedback = report.feedback.get()
    assert str(feedback.pk) in get(client, vt, reverse("reports:index")).content.decode()


def test_outsiders_get_404_and_reporters_cannot_assess(
    client, report, other_school, school, outsider, police
):
    url = reverse("reports:detail", kwargs={"report_id": report.pk})
    for who in (other_school, outsider, police):
        assert get(client, who, url).status_code == 404
    assert AccessEvent.objects.filter(action="report.read", outcome="denied").count() == 3
    assess = reverse("reports:assess", kwargs={"report_id": report.pk})
    assert get(client, school, assess).status_code == 403


def test_police_and_signalers_get_404_on_the_dossier_page(client, police, school, household):
    f.InvolvementFactory(household=household, professional=police)
    url = reverse("households:detail", kwargs={"household_id": household.pk})
    for who in (police, school):
        assert get(client, who, url).status_code == 404


def test_the_queue_page_costs_the_same_queries_for_10_and_300_meldingen(client, vt, police):
    client.force_login(vt.user)

    def count():
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("reports:index"))
        assert response.status_code == 200
        return len(context.captured_queries)

    services.police_messages_receive(
        by=police, messages=[police_message(f"A-{n}") for n in range(10)]
    )
    with_10 = count()
    services.police_messages_receive(
        by=police, messages=[police_message(f"B-{n}") for n in range(290)]
    )
    assert count() == with_10


def test_a_joint_visit_is_planned_and_recorded_by_the_wijkcoach(client, vt, report, involved):
    client.force_login(vt.user)
    when = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("reports:visit_plan", kwargs={"report_id": report.pk}),
        {"partner": str(involved.pk), "planned_for": when, "reason": "Gezin houdt de deur dicht"},
    )
    assert response.status_code == 302, response.content
    visit = report.joint_visits.get()
    client.force_login(involved.user)
    response = client.post(
        reverse("reports:visit_record", kwargs={"visit_id": visit.pk}),
        {"took_place": "ja", "how_it_went": "Goed gesprek", "family_open_to_help": "ja"},
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.family_open_to_help is True


# -- anonymity ---------------------------------------------------------------------------------

SECRET_NAME = "Geheime Melder"
SECRET_PHONE = "06-99998888"


def test_a_protected_reporter_never_reaches_anyone_outside_vt(
    client, vt, anonymous_report, household, involved, local_team, police, other_school, api
):
    services.assessment_record(
        by=vt,
        report=anonymous_report,
        acute_unsafety=True,
        structural_unsafety=False,
        multi_problem=False,
        outcome=Outcome.INVESTIGATION,
        reasoning="Anonimiteit toegezegd",
    )
    investigation = anonymous_report.investigation
    receiver = f.ProfessionalFactory(organisation=local_team, user__username="ontvanger")
    services.investigation_complete(
        by=vt,
        investigation=investigation,
        conclusion="Vastgesteld",
        follow_up="Hulp via het wijkteam",
        handed_to=receiver,
    )
    report_id = anonymous_report.pk
    pages = [
        reverse("reports:index"),
        reverse("reports:detail", kwargs={"report_id": report_id}),
        reverse("reports:export", kwargs={"report_id": report_id}),
        reverse("households:mine"),
        reverse("households:detail", kwargs={"household_id": household.pk}),
        f"/gezinnen/{household.pk}/veiligheidskaart",
        "/api/v1/meldingen",
        f"/api/v1/meldingen/{report_id}",
        f"/api/v1/meldingen/{report_id}/veiligheidsbeoordeling",
        f"/api/v1/gezinnen/{household.pk}",
        f"/api/v1/gezinnen/{household.pk}/betrokkenen",
    ]
    seen_by_someone = False
    for who in (receiver, involved, police, other_school):
        client.force_login(who.user)
        for url in pages:
            response = client.get(url)
            body = response.content.decode()
            assert SECRET_NAME not in body, (who, url)
            assert SECRET_PHONE not in body, (who, url)
            seen_by_someone |= response.status_code == 200 and url.startswith("/meldingen/")
    assert seen_by_someone  # the receiver did read the melding, without its reporter
    # Veilig Thuis sees the reporter; its own export still leaves them out.
    client.force_login(vt.user)
    assert SECRET_NAME in client.get(pages[1]).content.decode()
    assert SECRET_NAME not in client.get(pages[2]).content.decode()


def test_an_unprotected_reporter_is_shown_to_whom_it_was_handed(client, vt, report, local_team):
    receiver = f.ProfessionalFactory(organisation=local_team)
    services.assessment_record(
        by=vt,
        report=report,
        acute_unsafety=False,
        structural_unsafety=False,
        multi_problem=True,
        outcome=Outcome.LOCAL_TEAM,
        reasoning="x",
        handed_to=receiver,
    )
    page = get(client, receiver, reverse("reports:detail", kwargs={"report_id": report.pk}))
    assert REPORTER.name in page.content.decode()


@pytest.mark.parametrize("role_fixture", ["school", "police"])
def test_pages_never_link_with_a_bsn_or_name(client, request, role_fixture, vt, report, child):
    for who in (vt, request.getfixturevalue(role_fixture)):
        body = get(client, who, reverse("reports:index")).content.decode()
        body += get(
            client, who, reverse("reports:detail", kwargs={"report_id": report.pk})
        ).content.decode()
        hrefs = [part.split('"')[0] for part in body.split('href="')[1:]]
        for href in hrefs:
            assert child.bsn not in href
            assert child.surname.lower() not in href.lower()
    _ = child_input
