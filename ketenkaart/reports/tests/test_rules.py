"""Issue 11: acute comes at once, the receipt time of police messages, and anonymity that only
Veilig Thuis promises. Each test failed before its fix."""

import datetime
import json

import pytest
import time_machine

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.reports import services
from ketenkaart.reports.importer import import_messages
from ketenkaart.reports.inputs import ReporterInput
from ketenkaart.reports.models import Outcome, Report, ReportStatus
from ketenkaart.reports.tests.conftest import REPORTER, child_input, police_message
from ketenkaart.reports.tests.test_api import police_body
from ketenkaart.reports.tests.test_reports import assess

FRIDAY = datetime.datetime(2026, 6, 5, 9, 0, tzinfo=datetime.UTC)


# -- acute -------------------------------------------------------------------------------------


@time_machine.travel(FRIDAY, tick=False)
def test_a_later_police_form_that_makes_it_acute_moves_the_deadline_to_at_once(police):
    receipt = services.police_messages_receive(by=police, messages=[police_message()])
    report = receipt.created[0]
    assert report.assess_by == datetime.date(2026, 6, 12)
    with time_machine.travel(datetime.datetime(2026, 6, 8, 9, 0, tzinfo=datetime.UTC)):
        services.police_messages_receive(
            by=police, messages=[police_message(forms=("F1", "F2"), acute=True)]
        )
    report.refresh_from_db()
    assert report.acute
    assert report.assess_by == datetime.date(2026, 6, 8)
    assert report.acute_since.date() == datetime.date(2026, 6, 8)


@time_machine.travel(FRIDAY, tick=False)
def test_veilig_thuis_can_judge_a_melding_acute_after_receipt(vt, school, report):
    with pytest.raises(DomainError) as error:
        services.report_mark_acute(by=school, report=report, reason="Kind vertelt")
    assert error.value.code == "forbidden"
    with pytest.raises(DomainError) as error:
        services.report_mark_acute(by=vt, report=report, reason=" ")
    assert error.value.field == "reason"
    report.refresh_from_db()
    assert not report.acute
    report = services.report_mark_acute(by=vt, report=report, reason="Kind vertelt over slaan")
    assert report.acute and report.assess_by == datetime.date(2026, 6, 5)
    assert AccessEvent.objects.filter(action="report.marked_acute").count() == 1


@pytest.mark.parametrize("outcome", [Outcome.CLOSE, Outcome.CONVERT_TO_ADVICE])
def test_acute_screening_cannot_simply_be_closed(vt, report, outcome):
    with pytest.raises(DomainError) as error:
        assess(vt, report, outcome, acute_unsafety=True)
    assert error.value.field == "outcome"
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED
    assert not AccessEvent.objects.filter(action="report.assessed").exists()


# -- receipt time ------------------------------------------------------------------------------


@time_machine.travel(FRIDAY, tick=False)
def test_the_api_keeps_the_polices_registration_time_and_counts_from_receipt(api, police):
    body = {
        **police_body("PL-LATE-1"),
        "geregistreerdOp": "2026-05-29T22:10:00+02:00",
        "ontvangen": "2026-05-29T23:00:00+02:00",
    }
    response = api(police).post("/api/v1/meldingen", body)
    assert response.status_code == 201, response.content
    report = Report.objects.get(police_reference="PL-LATE-1")
    assert report.registered_at == datetime.datetime(2026, 5, 29, 20, 10, tzinfo=datetime.UTC)
    assert report.received_at == datetime.datetime(2026, 5, 29, 21, 0, tzinfo=datetime.UTC)
    # Friday 29 May 2026 + 5 working days: Mon 1 … Fri 5 June (not the import day + 5).
    assert report.assess_by == datetime.date(2026, 6, 5)
    assert response.json()["geregistreerdOp"].startswith("2026-05-29T")


@time_machine.travel(FRIDAY, tick=False)
def test_a_bad_or_future_receipt_time_names_the_field_and_stores_nothing(api, police):
    body = {**police_body("PL-BAD"), "ontvangen": "morgen", "geregistreerdOp": "2030-01-01T00:00Z"}
    response = api(police).post("/api/v1/meldingen", body)
    assert response.status_code == 400
    names = json.dumps(response.json())
    assert "ontvangen" in names and "geregistreerdOp" in names
    assert not Report.objects.exists()


@time_machine.travel(FRIDAY, tick=False)
def test_a_delayed_file_import_keeps_each_messages_receipt_time(police):
    raw = {**police_body("PL-IMP-1"), "ontvangen": "2026-06-01T08:00:00+00:00"}
    result = import_messages([raw, police_body("PL-IMP-2")], by=police)
    assert result.created == 2 and not result.invalid
    early = Report.objects.get(police_reference="PL-IMP-1")
    now = Report.objects.get(police_reference="PL-IMP-2")
    assert early.received_at == datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)
    assert early.assess_by == datetime.date(2026, 6, 8)
    assert now.received_at.date() == FRIDAY.date()
    assert now.assess_by == datetime.date(2026, 6, 12)


# -- anonymity ---------------------------------------------------------------------------------


def test_a_reporter_can_ask_for_anonymity_but_not_promise_it(school, child):
    with pytest.raises(DomainError) as error:
        services.report_create(
            by=school,
            reporter=REPORTER,
            summary="Zorgen",
            persons=[child_input(child)],
            anonymity_promised=True,
        )
    assert error.value.field == "anonymity_promised"
    assert not Report.objects.exists()
    report = services.report_create(
        by=school,
        reporter=REPORTER,
        summary="Zorgen",
        persons=[child_input(child)],
        anonymity_requested=True,
    )
    assert report.anonymity_requested and not report.anonymity_promised


def test_only_veilig_thuis_withdraws_anonymity_with_a_reason(vt, school, anonymous_report):
    with pytest.raises(DomainError):
        services.report_withdraw_anonymity(by=school, report=anonymous_report, reason="x")
    with pytest.raises(DomainError) as error:
        services.report_withdraw_anonymity(by=vt, report=anonymous_report, reason="")
    assert error.value.field == "reason"
    anonymous_report.refresh_from_db()
    assert anonymous_report.anonymity_promised
    report = services.report_withdraw_anonymity(
        by=vt, report=anonymous_report, reason="Melder ziet er zelf van af"
    )
    assert not report.anonymity_promised
    assert report.anonymity_withdrawal_reason == "Melder ziet er zelf van af"
    assert AccessEvent.objects.filter(action="report.anonymity_withdrawn").count() == 1


@pytest.mark.parametrize("phone", ["x", "12", "06-abc", "1234567890123456"])
def test_a_phone_number_must_be_callable(school, child, phone):
    with pytest.raises(DomainError) as error:
        services.report_create(
            by=school,
            reporter=ReporterInput(name="Lotte", phone=phone),
            summary="Zorgen",
            persons=[child_input(child)],
        )
    assert error.value.field == "reporter_phone"
    assert not Report.objects.exists()


# -- norms -------------------------------------------------------------------------------------


@time_machine.travel(FRIDAY, tick=False)
def test_the_sector_norms_count_this_months_share_met(vt, report):
    from ketenkaart.reports import norms

    before = norms.sector_norms(vt.user)
    assert before[0].share is None and before[0].target == 90
    assess(vt, report, Outcome.CLOSE)
    shares = norms.sector_norms(vt.user)
    assert (shares[0].done, shares[0].met, shares[0].share) == (1, 1, 100)
    assert shares[1].target == 80


@time_machine.travel(FRIDAY, tick=False)
def test_the_sector_norms_of_others_count_only_what_they_sent(vt, report, school, other_school):
    """The norms' prepared statements follow gate.visible_reports: the VT team its region's
    meldingen, a reporter only their own."""
    from ketenkaart.reports import norms

    assess(vt, report, Outcome.CLOSE)
    done = {who: norms.sector_norms(who.user)[0].done for who in (vt, school, other_school)}
    assert done == {vt: 1, school: 1, other_school: 0}


def test_the_raads_start_norm_is_10_days():
    from ketenkaart.reports.norms import board_start_deadline

    assert board_start_deadline(datetime.date(2026, 6, 5)) == datetime.date(2026, 6, 15)
