"""The gate's M3 functions: who sees which melding, advies, trail and joint visit."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from ketenkaart.access import gate
from ketenkaart.audit.models import AccessEvent
from ketenkaart.organisations.models import Role
from ketenkaart.reports import services
from ketenkaart.testing import factories as f


def request_as(professional):
    request = RequestFactory().get("/")
    request.user = professional.user
    return request


def test_the_regions_vt_team_sees_the_regions_meldingen(vt, report, other_vt):
    assert list(gate.visible_reports(vt.user)) == [report]
    assert not gate.visible_reports(other_vt.user).exists()
    assert gate.report_grant(vt.user, report) == gate.ReportGrant.VT_REGION


def test_a_vt_colleague_who_is_not_a_vt_worker_does_not(vt_org, report):
    privacy = f.ProfessionalFactory(organisation=vt_org, role=Role.PRIVACY_OFFICER)
    assert not gate.visible_reports(privacy.user).exists()


def test_a_reporter_sees_only_their_own(report, school, other_school, police):
    assert list(gate.visible_reports(school.user)) == [report]
    for who in (other_school, police):
        assert not gate.visible_reports(who.user).exists()
        with pytest.raises(Http404):
            gate.access_report(request_as(who), report.pk)


def test_access_report_audits_and_only_vt_writes(vt, school, report):
    assert gate.access_report(request_as(vt), report.pk, write=True).obj == report
    assert gate.access_report(request_as(school), report.pk).obj == report
    with pytest.raises(PermissionDenied):
        gate.access_report(request_as(school), report.pk, write=True)
    with pytest.raises(Http404):
        gate.access_report(request_as(school), "geen-uuid")
    assert AccessEvent.objects.filter(action="report.read", object_id=str(report.pk)).count() == 3


def test_the_reporter_is_hidden_outside_vt_when_anonymity_was_promised(
    vt, school, anonymous_report, involved
):
    assert gate.reporter_shown_to(vt.user, anonymous_report)
    assert gate.reporter_shown_to(school.user, anonymous_report)
    assert not gate.reporter_shown_to(involved.user, anonymous_report)


def test_a_trail_is_its_owners_only_vt_included(school, vt, other_school):
    trail = services.trail_start(by=school, subject="Leerling")
    assert list(gate.visible_trails(school.user)) == [trail]
    for who in (vt, other_school):
        assert not gate.visible_trails(who.user).exists()
        with pytest.raises(Http404):
            gate.access_trail(request_as(who), trail.pk)


def test_an_advies_is_seen_by_its_asker_and_the_regions_vt(school, vt, other_school):
    advice = services.advice_request(by=school, question="Vraag")
    assert gate.access_advice(request_as(vt), advice.pk, write=True).obj == advice
    assert gate.access_advice(request_as(school), advice.pk).obj == advice
    with pytest.raises(Http404):
        gate.access_advice(request_as(other_school), advice.pk)


def test_police_and_signalers_never_see_a_dossier(police, school, household):
    f.InvolvementFactory(household=household, professional=police)
    f.InvolvementFactory(household=household, professional=school)
    for who in (police, school):
        assert not gate.visible_households(who.user).exists()
        with pytest.raises(Http404):
            gate.access_household(request_as(who), household.pk)
