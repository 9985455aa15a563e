"""Advies: requested, answered, converted into a melding."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access.gate import is_vt_team
from ketenkaart.core.errors import DomainError
from ketenkaart.organisations.models import Professional, Role
from ketenkaart.reports.inputs import PersonInput, ReporterInput
from ketenkaart.reports.models import (
    AdviceRequest,
    MeldcodeTrail,
    Report,
)
from ketenkaart.reports.services.common import _audit, _require_vt, _required
from ketenkaart.reports.services.reports import report_create


@transaction.atomic
def advice_request(
    *,
    by: Professional,
    question: str,
    anonymous: bool = False,
    asker_name: str = "",
    asker_organisation: str = "",
    asker_phone: str = "",
    trail: MeldcodeTrail | None = None,
) -> AdviceRequest:
    """An advies: a signaler asks it (possibly anonymously), or VT registers one it took by
    phone. An anonymous advies keeps no asker details."""
    question = _required(question, "question", _("Stel uw vraag aan Veilig Thuis."))
    if trail is not None and trail.owner_id != by.pk:
        raise DomainError(_("Dit meldcodetraject is niet van u."), field="trail")
    if anonymous:
        asker_name = asker_organisation = asker_phone = ""
    elif not is_vt_team(by):
        asker_name = asker_name.strip() or by.display_name
        asker_organisation = asker_organisation.strip() or by.organisation.name
        asker_phone = asker_phone.strip() or by.phone or by.organisation.phone
    advice = AdviceRequest.objects.create(
        region_id=by.organisation.region_id,
        requested_by=None if is_vt_team(by) else by,
        anonymous=anonymous,
        asker_name=asker_name.strip()[:200],
        asker_organisation=asker_organisation.strip()[:200],
        asker_phone=asker_phone.strip()[:40],
        question=question,
        trail=trail,
        received_at=timezone.now(),
    )
    _audit(by, "advice.requested", advice)
    return advice


@transaction.atomic
def advice_answer(*, by: Professional, advice: AdviceRequest, answer: str) -> AdviceRequest:
    _require_vt(by, advice.region_id)
    advice.answer = _required(answer, "answer", _("Schrijf het advies."))
    advice.answered_by = by
    advice.answered_at = timezone.now()
    advice.save(update_fields=["answer", "answered_by", "answered_at"])
    _audit(by, "advice.answered", advice)
    return advice


@transaction.atomic
def advice_convert(
    *,
    by: Professional,
    advice: AdviceRequest,
    reporter: ReporterInput,
    summary: str,
    persons: Sequence[PersonInput],
    acute: bool = False,
    anonymity_promised: bool = False,
) -> Report:
    """An advies becomes a melding; from then on the reporter must be identified.

    Only the region's Veilig Thuis team converts: with a melding the responsibility for
    keeping sight of safety moves to VT (DOMAIN.md), so VT decides that an advies it gave
    has become a melding. The signaler who asked is a reporter: they make a melding of their
    own (the meldcode trail leads there), they do not turn VT's advies into one."""
    if not (is_vt_team(by) and by.organisation.region_id == advice.region_id):
        raise DomainError(
            _(
                "Alleen Veilig Thuis zet een advies om in een melding. Wilt u melden? Doe dan "
                "zelf een melding."
            ),
            code="forbidden",
        )
    if hasattr(advice, "converted_to"):
        raise DomainError(_("Dit advies is al een melding geworden."), code="conflict")
    submitter = advice.requested_by or by

    report = report_create(
        by=submitter if submitter.role != Role.POLICE else by,
        reporter=reporter,
        summary=summary,
        persons=persons,
        acute=acute,
        anonymity_promised=anonymity_promised,
        trail=advice.trail if advice.trail and advice.trail.owner_id == submitter.pk else None,
        from_advice=advice,
    )
    _audit(by, "advice.converted", advice, household_id=report.household_id)
    return report
