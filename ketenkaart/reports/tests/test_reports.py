"""Advies and melding, the radar, police zorgmeldingen and the veiligheidsbeoordeling."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Involvement, LegalBasis
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.reports import selectors, services
from ketenkaart.reports.inputs import PersonInput, ReporterInput
from ketenkaart.reports.models import (
    AdviceRequest,
    FeedbackMoment,
    Investigation,
    Outcome,
    PersonRole,
    PoliceReport,
    RadarClass,
    Report,
    ReportSource,
    ReportStatus,
)
from ketenkaart.reports.tests.conftest import REPORTER, child_input, police_message
from ketenkaart.safety_maps.models import SafetyMapVersion
from ketenkaart.testing import factories as f

# -- advies and melding ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reporter, field",
    [
        (ReporterInput(name="", phone="06-1"), "reporter_name"),
        (ReporterInput(name="Lotte", phone=""), "reporter_phone"),
    ],
)
def test_a_melding_without_reporter_identity_is_refused(school, child, reporter, field):
    with pytest.raises(DomainError) as error:
        services.report_create(
            by=school, reporter=reporter, summary="Zorgen", persons=[child_input(child)]
        )
    assert error.value.field == field
    assert not Report.objects.exists()


def test_an_advies_may_be_anonymous_and_keeps_no_asker(school):
    advice = services.advice_request(
        by=school, question="Moet ik dit melden?", anonymous=True, asker_name="Lotte"
    )
    assert (advice.asker_name, advice.asker_phone, advice.asker_organisation) == ("", "", "")
    assert advice.requested_by == school


def test_an_anonymous_advies_becomes_a_melding_only_with_an_identified_reporter(school, vt, child):
    advice = services.advice_request(by=school, question="Moet ik dit melden?", anonymous=True)
    with pytest.raises(DomainError):
        services.advice_convert(
            by=vt,
            advice=advice,
            reporter=ReporterInput(name="", phone=""),
            summary="x",
            persons=[child_input(child)],
        )
    report = services.advice_convert(
        by=vt, advice=advice, reporter=REPORTER, summary="Zorgen", persons=[child_input(child)]
    )
    assert report.from_advice == advice
    assert report.submitted_by == school


def test_vt_reports_on_its_own_account(vt, child):
    report = services.report_create(
        by=vt,
        reporter=ReporterInput(
            name="Vera Triagist", phone="088-1234567", organisation="Veilig Thuis"
        ),
        summary="Eigen melding na adviesgesprek",
        persons=[child_input(child)],
    )
    assert report.source == ReportSource.VEILIG_THUIS


@time_machine.travel(datetime.datetime(2026, 5, 1, 10, 0, tzinfo=datetime.UTC))
def test_the_deadline_is_5_working_days_and_skips_5_may_in_a_non_lustrum_year(school, child):
    report = services.report_create(
        by=school, reporter=REPORTER, summary="Zorgen", persons=[child_input(child)]
    )
    assert report.assess_by == datetime.date(2026, 5, 11)


@time_machine.travel(datetime.datetime(2026, 5, 1, 10, 0, tzinfo=datetime.UTC))
def test_an_acute_melding_is_due_at_once(school, child):
    report = services.report_create(
        by=school, reporter=REPORTER, summary="Acuut", persons=[child_input(child)], acute=True
    )
    assert report.assess_by == datetime.date(2026, 5, 1)


# -- radar -------------------------------------------------------------------------------------


def test_the_radar_matches_on_bsn_and_classifies_a_first_report(report, household, child):
    assert report.household == household
    assert report.radar == RadarClass.FIRST
    assert report.persons.get().person == child


def test_the_radar_matches_on_surname_and_birth_date_without_bsn(school, household, child):
    person = PersonInput(
        role=PersonRole.CHILD,
        given_names="Noor",
        surname=child.surname.upper(),
        birth_date=child.birth_date,
    )
    report = services.report_create(by=school, reporter=REPORTER, summary="x", persons=[person])
    assert report.household == household


def test_a_second_melding_while_the_first_is_open_is_while_involved(report, school, child):
    second = services.report_create(
        by=school, reporter=REPORTER, summary="Weer", persons=[child_input(child)]
    )
    assert second.radar == RadarClass.WHILE_INVOLVED


def test_a_melding_while_vt_is_involved_and_after_it_ended(school, household, child, colleague):
    assert (
        services.report_create(
            by=school, reporter=REPORTER, summary="x", persons=[child_input(child)]
        ).radar
        == RadarClass.WHILE_INVOLVED
    )
    Report.objects.update(status=ReportStatus.CLOSED)
    Involvement.objects.filter(professional=colleague).update(ended_on=timezone.localdate())
    again = services.report_create(
        by=school, reporter=REPORTER, summary="y", persons=[child_input(child)]
    )
    assert again.radar == RadarClass.REPEAT


def test_an_unknown_child_is_a_first_report_without_household(school):
    person = PersonInput(role=PersonRole.CHILD, given_names="Onbekend", surname="Kind")
    report = services.report_create(by=school, reporter=REPORTER, summary="x", persons=[person])
    assert report.household is None
    assert report.radar == RadarClass.FIRST


# -- police ------------------------------------------------------------------------------------


def test_the_same_police_message_twice_is_one_melding(police):
    first = services.police_messages_receive(by=police, messages=[police_message()])
    second = services.police_messages_receive(by=police, messages=[police_message()])
    assert len(first.created) == 1
    assert len(second.unchanged) == 1 and not second.created
    assert Report.objects.count() == 1
    assert PoliceReport.objects.count() == 1


def test_several_police_forms_about_one_incident_are_one_melding(police):
    services.police_messages_receive(by=police, messages=[police_message(forms=("F1",))])
    receipt = services.police_messages_receive(
        by=police, messages=[police_message(forms=("F1", "F2"))]
    )
    assert len(receipt.extended) == 1
    report = Report.objects.get()
    assert sorted(report.police_forms.values_list("form_reference", flat=True)) == ["F1", "F2"]
    assert "Formulier F2" in report.summary
    # Two forms in one batch, sent as two messages, also make one melding.
    services.police_messages_receive(
        by=police,
        messages=[police_message("PL-2", forms=("A",)), police_message("PL-2", forms=("B",))],
    )
    assert Report.objects.filter(police_reference="PL-2").get().police_forms.count() == 2


def test_only_the_police_sends_zorgmeldingen(school):
    with pytest.raises(DomainError):
        services.police_messages_receive(by=school, messages=[police_message()])


def test_a_police_melding_about_a_known_child_is_audited_in_the_family_stream(
    police, household, child
):
    services.police_messages_receive(
        by=police, messages=[police_message(persons=[child_input(child)])]
    )
    report = Report.objects.get()
    assert report.household == household
    assert AccessEvent.objects.filter(
        action="report.received", household_id=household.pk, object_id=str(report.pk)
    ).exists()


# -- veiligheidsbeoordeling --------------------------------------------------------------------


def assess(vt, report, outcome, **kwargs):
    defaults = {
        "acute_unsafety": False,
        "structural_unsafety": False,
        "multi_problem": True,
        "outcome": outcome,
        "reasoning": "Onderbouwing",
    }
    return services.assessment_record(by=vt, report=report, **{**defaults, **kwargs})


def test_close_records_the_outcome_and_owes_the_reporter_feedback(vt, report):
    assessment = assess(vt, report, Outcome.CLOSE)
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert assessment.screening == ["C"]
    assert report.feedback.get().moment == FeedbackMoment.AFTER_ASSESSMENT
    assert AccessEvent.objects.filter(action="report.assessed").exists()


def test_convert_to_advice(vt, report):
    assess(vt, report, Outcome.CONVERT_TO_ADVICE)
    report.refresh_from_db()
    assert report.status == ReportStatus.ADVICE
    assert AdviceRequest.objects.get().question == report.summary


def test_hand_to_local_team_creates_the_involvement_and_tells_the_receiver(
    vt, report, household, local_team
):
    receiver = f.ProfessionalFactory(organisation=local_team)
    assess(vt, report, Outcome.LOCAL_TEAM, handed_to=receiver)
    involvement = Involvement.objects.get(household=household, professional=receiver)
    # Wmo 2015 art. 5.2.6 covers sharing towards VT; VT hands over on its own task of informing
    # an organisation that can give fitting help (Wmo 2015 art. 4.1.1 lid 2).
    assert involvement.legal_basis == LegalBasis.VT_HANDOVER_WMO_4_1_1
    event = AccessEvent.objects.get(action="household.involvement.added", object_id=involvement.pk)
    assert event.legal_basis == LegalBasis.VT_HANDOVER_WMO_4_1_1
    assert Notification.objects.get(kind=Kind.HANDOVER).recipient == receiver
    report.refresh_from_db()
    assert report.status == ReportStatus.HANDED_OVER


def test_hand_to_local_team_refuses_someone_outside_it(vt, report, jeugdbeschermer):
    with pytest.raises(DomainError) as error:
        assess(vt, report, Outcome.LOCAL_TEAM, handed_to=jeugdbeschermer)
    assert error.value.field == "handed_to"


def test_hand_to_an_involved_professional(vt, report, involved, outsider):
    with pytest.raises(DomainError):
        assess(vt, report, Outcome.INVOLVED_PROFESSIONAL, handed_to=outsider)
    assess(vt, report, Outcome.INVOLVED_PROFESSIONAL, handed_to=involved)
    assert Notification.objects.get(kind=Kind.HANDOVER).recipient == involved


def test_conditions_go_into_the_family_map_and_vt_monitors(vt, report, household):
    assessment = assess(
        vt,
        report,
        Outcome.CONDITIONS,
        safety_conditions=["Geen geweld waar de kinderen bij zijn", "Overdracht op school"],
        monitoring="Wekelijks contact met school",
        monitor_until=timezone.localdate() + datetime.timedelta(days=90),
    )
    version = SafetyMapVersion.objects.get(pk=assessment.safety_map_version)
    assert version.content["safetyConditions"] == [
        "Geen geweld waar de kinderen bij zijn",
        "Overdracht op school",
    ]
    assert any("Wekelijks contact" in a["what"] for a in version.content["agreements"])
    assert Involvement.objects.filter(household=household, professional=vt).exists()
    report.refresh_from_db()
    assert report.status == ReportStatus.CONDITIONS


def test_conditions_need_at_least_one_condition_and_monitoring(vt, report):
    with pytest.raises(DomainError) as error:
        assess(vt, report, Outcome.CONDITIONS, monitoring="x")
    assert error.value.field == "safety_conditions"
    with pytest.raises(DomainError) as error:
        assess(vt, report, Outcome.CONDITIONS, safety_conditions=["x"])
    assert error.value.field == "monitoring"


def test_an_investigation_carries_its_10_week_norm_and_feedback_follows_it(vt, report):
    assess(vt, report, Outcome.INVESTIGATION, investigation_reasons=["refuses_help"])
    investigation = Investigation.objects.get()
    assert investigation.due_on - investigation.started_on == datetime.timedelta(weeks=10)
    services.investigation_complete(
        by=vt, investigation=investigation, conclusion="Vastgesteld", follow_up="Hulp via wijkteam"
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.INVESTIGATED
    assert set(report.feedback.values_list("moment", flat=True)) == {
        FeedbackMoment.AFTER_ASSESSMENT,
        FeedbackMoment.AFTER_INVESTIGATION,
    }


def test_promised_anonymity_forces_an_investigation(vt, anonymous_report, local_team):
    receiver = f.ProfessionalFactory(organisation=local_team)
    for outcome, extra in [
        (Outcome.CLOSE, {}),
        (Outcome.LOCAL_TEAM, {"handed_to": receiver}),
        (Outcome.CONDITIONS, {"safety_conditions": ["x"], "monitoring": "y"}),
    ]:
        with pytest.raises(DomainError) as error:
            assess(vt, anonymous_report, outcome, **extra)
        assert error.value.field == "outcome"
    assess(vt, anonymous_report, Outcome.INVESTIGATION)
    assert Investigation.objects.get().report == anonymous_report
    assert "anonymity" in anonymous_report.assessment.investigation_reasons


def test_only_the_regions_vt_team_assesses(report, other_vt, school):
    for who in (other_vt, school):
        with pytest.raises(DomainError):
            assess(who, report, Outcome.CLOSE)


def test_a_melding_is_assessed_once(vt, report):
    assess(vt, report, Outcome.CLOSE)
    with pytest.raises(DomainError) as error:
        assess(vt, report, Outcome.CLOSE)
    assert error.value.code == "conflict"


def test_feedback_with_a_role_shares_the_conditions(vt, report):
    assess(vt, report, Outcome.CLOSE)
    feedback = report.feedback.get()
    with pytest.raises(DomainError) as error:
        services.feedback_give(by=vt, feedback=feedback, follow_up_started=True)
    assert error.value.field == "taken_over_by"
    with pytest.raises(DomainError) as error:
        services.feedback_give(
            by=vt, feedback=feedback, follow_up_started=False, reporter_has_role=True
        )
    assert error.value.field == "conditions_and_monitoring"
    feedback = services.feedback_give(
        by=vt, feedback=feedback, follow_up_started=False, message="Afgesloten na gesprek."
    )
    assert feedback.given_at is not None
    assert not selectors.feedback_due(vt.user).exists()


# -- queue -------------------------------------------------------------------------------------


def add_reports(police, count, start):
    services.police_messages_receive(
        by=police,
        messages=[police_message(f"Q-{start + n}", forms=("F",)) for n in range(count)],
    )


def test_the_queue_is_ordered_by_deadline_and_marks_overdue_and_due_soon(vt, police, school, child):
    with time_machine.travel(datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)):
        old = services.report_create(
            by=school, reporter=REPORTER, summary="oud", persons=[child_input(child)]
        )
    with time_machine.travel(datetime.datetime(2025, 3, 7, 9, 0, tzinfo=datetime.UTC)):
        due_today = services.report_create(
            by=school, reporter=REPORTER, summary="vandaag", persons=[child_input(child)]
        )
    with time_machine.travel(datetime.datetime(2025, 3, 14, 9, 0, tzinfo=datetime.UTC)):
        acute = services.report_create(
            by=school, reporter=REPORTER, summary="acuut", persons=[child_input(child)], acute=True
        )
        queue = selectors.queue_rows(selectors.assessment_queue(vt.user), day=timezone.localdate())
    # On the same deadline the acute melding comes first.
    assert [r.pk for r in queue] == [old.pk, acute.pk, due_today.pk]
    assert queue[0].overdue and not queue[0].due_today
    assert queue[2].due_today and not queue[2].overdue
    assert queue[1].due_today


def test_the_queue_costs_the_same_queries_for_10_and_500_meldingen(vt, police):
    def count():
        with CaptureQueriesContext(connection) as context:
            rows = selectors.queue_rows(
                selectors.assessment_queue(vt.user)[:50], day=timezone.localdate()
            )
            for row in rows:
                _ = row.household, row.working_days_left
        return len(context.captured_queries)

    add_reports(police, 10, 0)
    with_10 = count()
    add_reports(police, 490, 100)
    assert count() == with_10


@time_machine.travel(datetime.datetime(2029, 5, 7, 10, 0, tzinfo=datetime.UTC))
def test_a_calendar_change_recomputes_the_deadline_of_open_meldingen(settings, school, child):
    from django.core.management import call_command

    report = services.report_create(
        by=school, reporter=REPORTER, summary="Zorgen", persons=[child_input(child)]
    )
    # Monday 7 May 2029 + 5: Tue 8, Wed 9, (Thu 10 Ascension), Fri 11, Mon 14, Tue 15.
    assert report.assess_by == datetime.date(2029, 5, 15)
    settings.KETENKAART = {**settings.KETENKAART, "EXTRA_NON_WORKING_DAYS": ["2029-05-11"]}
    call_command("recompute_deadlines", stdout=io.StringIO())
    report.refresh_from_db()
    assert report.assess_by == datetime.date(2029, 5, 16)
