"""The meldcode trail (stappenplan): its questions, steps, answers, stop and restart."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.core.errors import DomainError
from ketenkaart.organisations.models import Professional, Role
from ketenkaart.reports.models import (
    MUST_END_IN_A_MELDING,
    Answer,
    MeldcodeTrail,
    TrailAnswer,
    TrailFindings,
    TrailStatus,
)
from ketenkaart.reports.services.common import _audit, _required


def trail_next_question(trail: MeldcodeTrail, answers: Sequence[TrailAnswer]) -> int | None:
    """The afwegingskader question to answer now, from this round's answers (in order)."""
    if trail.status not in (TrailStatus.OPEN, TrailStatus.HELP):
        return None
    if not answers:
        return 1
    last = answers[-1]
    following: dict[tuple[int, str], int] = {
        (1, Answer.YES): 2,
        (2, Answer.NO): 3,
        (3, Answer.YES): 4,
        (4, Answer.YES): 5,
    }
    return following.get((last.question, last.answer))


def _round_answers(trail: MeldcodeTrail) -> list[TrailAnswer]:
    return list(trail.answers.filter(round=trail.round).order_by("answered_at", "question"))


@transaction.atomic
def trail_start(*, by: Professional, subject: str) -> MeldcodeTrail:
    subject = (subject or "").strip()
    if not subject:
        raise DomainError(_("Beschrijf over wie het gaat."), field="subject")
    if len(subject) > 200:
        raise DomainError(_("Gebruik hoogstens 200 tekens."), field="subject")
    if by.role == Role.POLICE:
        raise DomainError(
            _("De politie meldt met een zorgmelding, niet met de meldcode."), code="forbidden"
        )
    now = timezone.now()
    trail = MeldcodeTrail.objects.create(
        owner=by,
        organisation=by.organisation,
        region_id=by.organisation.region_id,
        subject=subject,
        started_at=now,
        updated_at=now,
    )
    _audit(by, "meldcode_trail.started", trail)
    return trail


@transaction.atomic
def trail_record_steps(
    *,
    by: Professional,
    trail: MeldcodeTrail,
    signals: str,
    colleague_consulted: str = "",
    conversation: str = "",
    weighing: str = "",
) -> MeldcodeTrail:
    """Steps 1–4: findings are always recorded; the trail may stop and go on later. Every save
    is kept as a new row of its round; once the melding is made the findings are frozen."""
    trail = MeldcodeTrail.objects.select_for_update().get(pk=trail.pk)
    if trail.owner_id != by.pk:
        raise DomainError(_("Dit meldcodetraject is niet van u."), code="forbidden")
    if trail.status == TrailStatus.REPORTED:
        raise DomainError(
            _(
                "De melding is gedaan: de bevindingen van deze ronde liggen vast. Start een "
                "nieuwe ronde bij nieuwe signalen."
            ),
            code="conflict",
        )
    trail.signals = _required(signals, "signals", _("Beschrijf de signalen (stap 1)."))
    trail.colleague_consulted = (colleague_consulted or "").strip()
    trail.conversation = (conversation or "").strip()
    trail.weighing = (weighing or "").strip()
    trail.updated_at = timezone.now()
    trail.save()
    TrailFindings.objects.create(
        trail=trail,
        round=trail.round,
        signals=trail.signals,
        colleague_consulted=trail.colleague_consulted,
        conversation=trail.conversation,
        weighing=trail.weighing,
        recorded_by=by,
        recorded_at=trail.updated_at,
    )
    _audit(by, "meldcode_trail.steps_recorded", trail)
    return trail


@transaction.atomic
def trail_stop(*, by: Professional, trail: MeldcodeTrail, step: int, reason: str) -> MeldcodeTrail:
    """Stop at a step of the meldcode, explicitly and with a reason. A trail whose weighing
    says "report" cannot be stopped: it ends only in a melding."""
    trail = MeldcodeTrail.objects.select_for_update().get(pk=trail.pk)
    if trail.owner_id != by.pk:
        raise DomainError(_("Dit meldcodetraject is niet van u."), code="forbidden")
    if trail.status in MUST_END_IN_A_MELDING:
        raise DomainError(
            _("Melden is de uitkomst van de afweging: dit traject eindigt in een melding."),
            code="conflict",
        )
    if trail.status not in (TrailStatus.OPEN, TrailStatus.HELP):
        raise DomainError(_("Dit traject loopt niet meer."), code="conflict")
    if step not in (1, 2, 3, 4, 5):
        raise DomainError(_("Kies de stap (1 tot en met 5)."), field="step")
    trail.stop_reason = _required(reason, "reason", _("Geef de reden om te stoppen."))
    trail.stopped_at_step = step
    trail.status = TrailStatus.STOPPED
    trail.updated_at = timezone.now()
    trail.save()
    _audit(by, "meldcode_trail.stopped", trail)
    return trail


@transaction.atomic
def trail_answer(
    *,
    by: Professional,
    trail: MeldcodeTrail,
    question: int,
    answer: bool,
    reasons: str,
    monitoring_agreements: str = "",
) -> MeldcodeTrail:
    """Answer one afwegingskader question with reasons; the table in DOMAIN.md decides what
    follows. A yes on question 2 makes reporting mandatory and marks 3–5 as answered with VT."""
    trail = MeldcodeTrail.objects.select_for_update().get(pk=trail.pk)
    reasons = _required(reasons, "reasons", _("Geef de redenen voor dit antwoord."))
    expected = trail_next_question(trail, _round_answers(trail))
    if expected is None:
        raise DomainError(
            _(
                "Dit traject wacht niet op een antwoord. Start het opnieuw om de vragen weer te "
                "beantwoorden."
            ),
            code="conflict",
        )
    if question != expected:
        raise DomainError(_("Beantwoord eerst vraag %(n)s.") % {"n": expected}, field="question")
    if question == 1 and not trail.signals:
        raise DomainError(
            _("Leg eerst de signalen vast (stap 1) voordat u vraag 1 beantwoordt."),
            field="question",
        )
    now = timezone.now()
    value = Answer.YES if answer else Answer.NO
    TrailAnswer.objects.create(
        trail=trail,
        round=trail.round,
        question=question,
        answer=value,
        reasons=reasons,
        answered_by=by,
        answered_at=now,
    )
    if question == 1:
        trail.status = TrailStatus.OPEN if answer else TrailStatus.CLOSED
    elif question == 2 and answer:
        trail.status = TrailStatus.MUST_REPORT
        TrailAnswer.objects.bulk_create(
            TrailAnswer(
                trail=trail,
                round=trail.round,
                question=later,
                answer=Answer.WITH_VT,
                reasons=_(
                    "Acute of structurele onveiligheid: melden is verplicht. Deze vraag wordt "
                    "samen met Veilig Thuis beantwoord."
                ),
                answered_by=by,
                answered_at=now,
            )
            for later in (3, 4, 5)
        )
    elif question in (3, 4) and not answer:
        trail.status = TrailStatus.REPORT
    elif question == 4 and answer:
        trail.status = TrailStatus.HELP
    elif question == 5:
        if answer:
            trail.monitoring_agreements = _required(
                monitoring_agreements,
                "monitoring_agreements",
                _("Leg de afspraken over monitoring vast voordat u de hulp afsluit."),
            )
            trail.status = TrailStatus.HELP_CLOSED
        else:
            trail.status = TrailStatus.REPORT
    trail.updated_at = now
    trail.save()
    _audit(by, "meldcode_trail.answered", trail)
    return trail


@transaction.atomic
def trail_restart(*, by: Professional, trail: MeldcodeTrail) -> MeldcodeTrail:
    """New signals: the questions start again; earlier answers and findings stay as the log.
    A trail whose weighing said "report" (question 2 yes, or no on 3, 4 or 5) cannot restart
    before the melding is made: a mandatory melding never vanishes (Wet verplichte meldcode)."""
    trail = MeldcodeTrail.objects.select_for_update().get(pk=trail.pk)
    if trail.status in MUST_END_IN_A_MELDING:
        raise DomainError(
            _(
                "De afweging zegt melden bij Veilig Thuis. Doe eerst de melding; daarna kunt u "
                "bij nieuwe signalen opnieuw beginnen."
            ),
            code="conflict",
        )
    trail.round += 1
    trail.stopped_at_step = None
    trail.stop_reason = ""
    trail.status = TrailStatus.OPEN
    trail.updated_at = timezone.now()
    trail.save()
    _audit(by, "meldcode_trail.restarted", trail)
    return trail
