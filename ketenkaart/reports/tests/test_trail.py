"""The afwegingskader as a guided, logged trail: every branch of the table in DOMAIN.md."""

import pytest

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.reports import services
from ketenkaart.reports.models import Answer, TrailStatus


@pytest.fixture
def trail(school):
    trail = services.trail_start(by=school, subject="Leerling groep 5")
    return services.trail_record_steps(
        by=school,
        trail=trail,
        signals="Teruggetrokken, ongewassen kleding, vaak honger.",
        colleague_consulted="Besproken met de aandachtsfunctionaris.",
        conversation="Gesprek met moeder: zij herkent het niet.",
        weighing="Zorgen over basiszorg.",
    )


def walk(trail, by, *answers, monitoring=""):
    for question, answer in enumerate(answers, start=1):
        trail = services.trail_answer(
            by=by,
            trail=trail,
            question=question,
            answer=answer,
            reasons=f"Reden bij vraag {question}",
            monitoring_agreements=monitoring,
        )
    return trail


def answers(trail):
    return [(a.question, a.answer) for a in trail.answers.order_by("answered_at", "question")]


def test_q1_no_closes_the_trail_and_records_it(trail, school):
    trail = walk(trail, school, False)
    assert trail.status == TrailStatus.CLOSED
    assert answers(trail) == [(1, Answer.NO)]
    assert services.trail_next_question(trail, list(trail.answers.all())) is None
    assert AccessEvent.objects.filter(action="meldcode_trail.answered").count() == 1


def test_q2_yes_forces_a_melding_and_marks_3_to_5_answered_with_vt(trail, school):
    trail = walk(trail, school, True, True)
    assert trail.status == TrailStatus.MUST_REPORT
    assert answers(trail) == [
        (1, Answer.YES),
        (2, Answer.YES),
        (3, Answer.WITH_VT),
        (4, Answer.WITH_VT),
        (5, Answer.WITH_VT),
    ]
    with pytest.raises(DomainError):
        services.trail_answer(by=school, trail=trail, question=3, answer=True, reasons="x")


def test_q3_no_leads_to_a_melding(trail, school):
    assert walk(trail, school, True, False, False).status == TrailStatus.REPORT


def test_q4_no_leads_to_a_melding(trail, school):
    assert walk(trail, school, True, False, True, False).status == TrailStatus.REPORT


def test_q4_yes_means_help_and_waits_for_q5(trail, school):
    trail = walk(trail, school, True, False, True, True)
    assert trail.status == TrailStatus.HELP
    assert services.trail_next_question(trail, list(trail.answers.all())) == 5


def test_q5_no_leads_to_a_new_melding(trail, school):
    assert walk(trail, school, True, False, True, True, False).status == TrailStatus.REPORT


def test_q5_yes_closes_the_help_with_monitoring_agreements(trail, school):
    trail = walk(trail, school, True, False, True, True)
    with pytest.raises(DomainError) as error:
        services.trail_answer(by=school, trail=trail, question=5, answer=True, reasons="Gaat goed")
    assert error.value.field == "monitoring_agreements"
    trail = services.trail_answer(
        by=school,
        trail=trail,
        question=5,
        answer=True,
        reasons="Gaat goed",
        monitoring_agreements="Mentor kijkt wekelijks mee.",
    )
    assert trail.status == TrailStatus.HELP_CLOSED


def test_every_answer_needs_reasons_and_the_right_order(trail, school):
    with pytest.raises(DomainError) as error:
        services.trail_answer(by=school, trail=trail, question=1, answer=True, reasons=" ")
    assert error.value.field == "reasons"
    with pytest.raises(DomainError) as error:
        services.trail_answer(by=school, trail=trail, question=2, answer=True, reasons="x")
    assert error.value.field == "question"


def test_question_1_needs_the_signals_of_step_1(school):
    trail = services.trail_start(by=school, subject="Leerling")
    with pytest.raises(DomainError):
        services.trail_answer(by=school, trail=trail, question=1, answer=True, reasons="x")


def test_a_restart_keeps_the_earlier_answers_as_the_log(trail, school):
    trail = walk(trail, school, False)
    trail = services.trail_restart(by=school, trail=trail)
    trail = walk(trail, school, True, True)
    assert trail.status == TrailStatus.MUST_REPORT
    assert trail.answers.filter(round=1).count() == 1
    assert trail.answers.filter(round=2).count() == 5


def test_a_melding_from_the_trail_marks_it_reported(trail, school, child):
    from ketenkaart.reports.tests.conftest import REPORTER, child_input

    trail = walk(trail, school, True, True)
    services.report_create(
        by=school,
        reporter=REPORTER,
        summary="Zie traject",
        persons=[child_input(child)],
        trail=trail,
    )
    trail.refresh_from_db()
    assert trail.status == TrailStatus.REPORTED


# -- a mandatory melding never vanishes (issue 11, finding 1) ---------------------------------


@pytest.mark.parametrize(
    "walked",
    [
        (True, True),
        (True, False, False),
        (True, False, True, False),
        (True, False, True, True, False),
    ],
)
def test_a_trail_that_says_report_cannot_restart_before_the_melding(trail, school, walked):
    trail = walk(trail, school, *walked)
    status = trail.status
    with pytest.raises(DomainError) as error:
        services.trail_restart(by=school, trail=trail)
    assert error.value.code == "conflict"
    trail.refresh_from_db()
    assert (trail.round, trail.status) == (1, status)
    assert not AccessEvent.objects.filter(action="meldcode_trail.restarted").exists()


def test_a_trail_that_says_report_cannot_be_stopped(trail, school):
    trail = walk(trail, school, True, True)
    with pytest.raises(DomainError):
        services.trail_stop(by=school, trail=trail, step=5, reason="Toch niet")
    trail.refresh_from_db()
    assert trail.status == TrailStatus.MUST_REPORT
    assert trail.stop_reason == ""


def test_stopping_at_a_step_is_explicit_and_recorded_with_a_reason(trail, school):
    with pytest.raises(DomainError) as error:
        services.trail_stop(by=school, trail=trail, step=2, reason=" ")
    assert error.value.field == "reason"
    trail = services.trail_stop(by=school, trail=trail, step=2, reason="Signalen verklaard")
    assert (trail.status, trail.stopped_at_step) == (TrailStatus.STOPPED, 2)
    assert trail.stop_reason == "Signalen verklaard"
    assert AccessEvent.objects.filter(action="meldcode_trail.stopped").count() == 1


def test_findings_of_every_round_are_kept_not_overwritten(trail, school):
    trail = walk(trail, school, False)
    trail = services.trail_restart(by=school, trail=trail)
    trail = services.trail_record_steps(by=school, trail=trail, signals="Nieuwe signalen")
    rounds = [(f.round, f.signals) for f in trail.findings.order_by("recorded_at")]
    assert rounds == [
        (1, "Teruggetrokken, ongewassen kleding, vaak honger."),
        (2, "Nieuwe signalen"),
    ]


def test_findings_are_frozen_once_the_melding_is_made(trail, school, child):
    from ketenkaart.reports.tests.conftest import REPORTER, child_input

    trail = walk(trail, school, True, True)
    services.report_create(
        by=school,
        reporter=REPORTER,
        summary="Zie traject",
        persons=[child_input(child)],
        trail=trail,
    )
    trail.refresh_from_db()
    with pytest.raises(DomainError):
        services.trail_record_steps(by=school, trail=trail, signals="Achteraf anders")
    trail.refresh_from_db()
    assert trail.signals == "Teruggetrokken, ongewassen kleding, vaak honger."
    assert trail.findings.count() == 1
    # After the melding, new signals may open a new round; the melding stays.
    trail = services.trail_restart(by=school, trail=trail)
    assert trail.round == 2
    assert trail.reports.count() == 1


def test_earlier_answers_are_shown_with_their_question(client, trail, school):
    from django.urls import reverse

    walk(trail, school, True)
    client.force_login(school.user)
    html = client.get(reverse("reports:trail", kwargs={"trail_id": trail.pk})).content.decode()
    answered = html[html.index("Reden bij vraag 1") - 600 : html.index("Reden bij vraag 1")]
    assert "Geven stap 1 tot en met 4 een vermoeden van" in answered
