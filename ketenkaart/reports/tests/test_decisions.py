"""Issue 11: the pages and API for VT marking a melding acute, VT withdrawing anonymity, and a
signaler stopping a meldcode trail at a step. Every refusal also checks that nothing changed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.reports import services
from ketenkaart.reports.models import MeldcodeTrail, Report, TrailStatus


def _url(name, **kwargs):
    return reverse(name, kwargs=kwargs)


def _state(report):
    report = Report.objects.get(pk=report.pk)
    return (
        report.acute,
        report.assess_by,
        report.anonymity_promised,
        report.anonymity_withdrawal_reason,
    )


# -- acute -------------------------------------------------------------------------------------


def test_vt_marks_a_melding_acute_on_the_web_and_it_is_due_today(client, vt, report):
    assert report.assess_by > timezone.localdate()
    url = _url("reports:mark_acute", report_id=report.pk)
    client.force_login(vt.user)
    assert client.get(url).status_code == 200
    detail = client.get(_url("reports:detail", report_id=report.pk)).content.decode()
    assert url in detail
    response = client.post(url, {"reason": "Politie meldt: vader dreigt vanavond terug te komen."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.acute and report.assess_by == timezone.localdate()
    assert AccessEvent.objects.filter(action="report.marked_acute", object_id=report.pk).exists()
    # One event per change: the allowed attempt is not written beside the change itself.
    assert not AccessEvent.objects.filter(action="report.acute.mark").exists()


def test_acute_without_a_reason_shows_the_error_and_changes_nothing(client, vt, report):
    before = _state(report)
    client.force_login(vt.user)
    response = client.post(_url("reports:mark_acute", report_id=report.pk), {"reason": " "})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert _state(report) == before


def test_only_vt_of_the_region_marks_acute(client, api, report, school, other_vt, outsider):
    before = _state(report)
    url = _url("reports:mark_acute", report_id=report.pk)
    client.force_login(school.user)
    assert client.post(url, {"reason": "Ik vind het acuut"}).status_code == 403
    for who in (other_vt, outsider):
        client.force_login(who.user)
        assert client.post(url, {"reason": "Acuut"}).status_code == 404
    api_url = _url("api:report-acute", melding=report.pk)
    assert api(school).post(api_url, {"reden": "Acuut"}).status_code == 403
    assert api(other_vt).post(api_url, {"reden": "Acuut"}).status_code == 404
    assert _state(report) == before
    assert not AccessEvent.objects.filter(action="report.marked_acute").exists()


def test_the_api_marks_acute_and_names_the_missing_reason(api, vt, report):
    url = _url("api:report-acute", melding=report.pk)
    before = _state(report)
    response = api(vt).post(url, {})
    assert response.status_code == 400
    assert "reden" in str(response.json())
    assert _state(report) == before
    response = api(vt).post(url, {"reden": "Kind durft niet naar huis."})
    assert response.status_code == 200, response.content
    assert response.json()["beoordelenUiterlijk"] == timezone.localdate().isoformat()
    again = api(vt).post(url, {"reden": "Nog eens"})
    assert again.status_code == 409


# -- anonymity withdrawn -----------------------------------------------------------------------


def test_vt_withdraws_anonymity_with_a_reason_on_the_web(client, vt, anonymous_report):
    url = _url("reports:anonymity_withdraw", report_id=anonymous_report.pk)
    client.force_login(vt.user)
    detail = client.get(_url("reports:detail", report_id=anonymous_report.pk)).content.decode()
    assert url in detail
    before = _state(anonymous_report)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert _state(anonymous_report) == before
    response = client.post(url, {"reason": "De melder vraagt het zelf; afgestemd op 1 december."})
    assert response.status_code == 302
    anonymous_report.refresh_from_db()
    assert not anonymous_report.anonymity_promised
    assert anonymous_report.anonymity_withdrawal_reason.startswith("De melder vraagt")
    assert AccessEvent.objects.filter(action="report.anonymity_withdrawn").count() == 1


def test_nobody_but_vt_withdraws_anonymity(client, api, anonymous_report, school, other_vt):
    before = _state(anonymous_report)
    client.force_login(school.user)
    url = _url("reports:anonymity_withdraw", report_id=anonymous_report.pk)
    assert client.post(url, {"reason": "Ik wil het niet meer"}).status_code == 403
    api_url = _url("api:report-anonymity-withdrawal", melding=anonymous_report.pk)
    assert api(school).post(api_url, {"reden": "x"}).status_code == 403
    assert api(other_vt).post(api_url, {"reden": "x"}).status_code == 404
    assert _state(anonymous_report) == before


def test_the_api_withdraws_anonymity_once(api, vt, anonymous_report, report):
    url = _url("api:report-anonymity-withdrawal", melding=anonymous_report.pk)
    response = api(vt).post(url, {"reden": "Toezegging was een vergissing."})
    assert response.status_code == 200, response.content
    assert api(vt).post(url, {"reden": "Nog eens"}).status_code == 409
    # A melding that was never promised anonymity: 409, and nothing recorded on it.
    other = _url("api:report-anonymity-withdrawal", melding=report.pk)
    before = _state(report)
    assert api(vt).post(other, {"reden": "x"}).status_code == 409
    assert _state(report) == before


# -- trail stopped -----------------------------------------------------------------------------


@pytest.fixture
def open_trail(school):
    trail = services.trail_start(by=school, subject="Leerling groep 5")
    services.trail_record_steps(by=school, trail=trail, signals="Stil, ongewassen")
    return services.trail_answer(
        by=school, trail=trail, question=1, answer=True, reasons="Vermoeden"
    )


@pytest.fixture
def must_report_trail(open_trail, school):
    return services.trail_answer(
        by=school, trail=open_trail, question=2, answer=True, reasons="Structureel onveilig"
    )


def _trail_state(trail):
    trail = MeldcodeTrail.objects.get(pk=trail.pk)
    return trail.status, trail.stopped_at_step, trail.stop_reason


def test_the_owner_stops_a_trail_at_a_step_on_the_web(client, school, open_trail):
    url = _url("reports:trail_stop", trail_id=open_trail.pk)
    client.force_login(school.user)
    page = client.get(_url("reports:trail", trail_id=open_trail.pk)).content.decode()
    assert url in page
    before = _trail_state(open_trail)
    response = client.post(url, {"step": "3", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = client.post(url, {"step": "9", "reason": "x"})
    assert "step" in response.context["form"].errors
    assert _trail_state(open_trail) == before
    response = client.post(url, {"step": "3", "reason": "Gesprek met moeder nam zorg weg."})
    assert response.status_code == 302
    assert _trail_state(open_trail) == (
        TrailStatus.STOPPED,
        3,
        "Gesprek met moeder nam zorg weg.",
    )
    assert AccessEvent.objects.filter(action="meldcode_trail.stopped").count() == 1
    page = client.get(_url("reports:trail", trail_id=open_trail.pk)).content.decode()
    assert "Gesprek met moeder nam zorg weg." in page


def test_a_trail_where_melden_is_mandatory_cannot_stop(client, api, school, must_report_trail):
    before = _trail_state(must_report_trail)
    client.force_login(school.user)
    response = client.post(
        _url("reports:trail_stop", trail_id=must_report_trail.pk),
        {"step": "5", "reason": "Toch maar niet"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    response = api(school).post(
        _url("api:trail-stop", traject=must_report_trail.pk), {"stap": 5, "reden": "Toch niet"}
    )
    assert response.status_code == 409
    assert _trail_state(must_report_trail) == before == (TrailStatus.MUST_REPORT, None, "")
    assert not AccessEvent.objects.filter(action="meldcode_trail.stopped").exists()


def test_only_the_owner_stops_a_trail(client, api, open_trail, other_school, vt):
    before = _trail_state(open_trail)
    for who in (other_school, vt):
        client.force_login(who.user)
        url = _url("reports:trail_stop", trail_id=open_trail.pk)
        assert client.post(url, {"step": "1", "reason": "x"}).status_code == 404
        api_url = _url("api:trail-stop", traject=open_trail.pk)
        assert api(who).post(api_url, {"stap": 1, "reden": "x"}).status_code == 404
    assert _trail_state(open_trail) == before


def test_the_api_stops_a_trail_and_names_every_invalid_field(api, school, open_trail):
    url = _url("api:trail-stop", traject=open_trail.pk)
    response = api(school).post(url, {"stap": 7})
    assert response.status_code == 400
    body = str(response.json())
    assert "stap" in body and "reden" in body
    response = api(school).post(url, {"stap": 2, "reden": "Collega ziet geen zorg."})
    assert response.status_code == 200, response.content
    assert response.json()["stand"] == "gestopt"
    assert response.json()["gestoptBijStap"] == 2
    assert response.json()["redenGestopt"] == "Collega ziet geen zorg."
    assert _trail_state(open_trail)[:2] == (TrailStatus.STOPPED, 2)
