"""A consult turned into a signal (signaal, GLOSSARY): the asker names the family to the
district's wijkteam contact. Until now the consult held no family; from here on the family's
data is recorded — only what the asker names now — and audited as such, with the basis of the
share checked by the one rules module (households/legal_basis.py)."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.audit import services as audit
from ketenkaart.community.models import Consult, ConsultStatus, Signal
from ketenkaart.community.services import _thread
from ketenkaart.core.errors import DomainError
from ketenkaart.core.text import clean_text
from ketenkaart.households import legal_basis as legal_basis_rules
from ketenkaart.households.models import LegalBasis
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Professional


@transaction.atomic
def consult_convert_to_signal(
    *,
    by: Professional,
    consult: Consult,
    child_given_names: str,
    child_surname: str,
    child_birth_date: datetime.date | None = None,
    parent_name: str = "",
    legal_basis: str = LegalBasis.CONSENT,
) -> Signal:
    """Only the asker, once. The signal carries the consult's question and thread and the
    names the asker gives now; nothing else (no BSN, no address, no dossier is opened)."""
    consult = (
        Consult.objects.select_for_update()
        .select_related("contact__organisation")
        .get(pk=consult.pk)
    )
    if by.pk != consult.asked_by_id:
        raise DomainError(_("Alleen wie de vraag stelde zet het consult om."), code="forbidden")
    if consult.status in (ConsultStatus.CONVERTED, ConsultStatus.SIGNALLED):
        raise DomainError(_("Dit consult is al omgezet."), code="conflict")
    given = clean_text(child_given_names, "child_given_names", 200)
    surname = clean_text(child_surname, "child_surname", 200)
    if child_birth_date is not None and child_birth_date > timezone.localdate():
        raise DomainError(_("De geboortedatum ligt in de toekomst."), field="child_birth_date")
    basis = legal_basis_rules.check_basis(
        receiver=consult.contact.organisation,
        household=None,
        basis=legal_basis,
        sender=by.organisation,
    )
    now = timezone.now()
    signal = Signal.objects.create(
        consult=consult,
        raised_by=by,
        contact=consult.contact,
        child_given_names=given,
        child_surname=surname,
        child_birth_date=child_birth_date,
        parent_name=clean_text(parent_name, "parent_name", 200, required=False),
        worry=consult.question,
        thread=_thread(consult),
        legal_basis=basis,
        raised_at=now,
    )
    Consult.objects.filter(pk=consult.pk).update(status=ConsultStatus.SIGNALLED, converted_at=now)
    consult.status, consult.converted_at = ConsultStatus.SIGNALLED, now
    audit.record(
        user=by.user, action="consult.signalled", object_type="consult", object_id=consult.pk
    )
    # From here on family data: the row names the signal and the basis of the share.
    audit.record(
        user=by.user,
        action="signal.raised",
        object_type="signal",
        object_id=signal.pk,
        legal_basis=basis,
    )
    notify(
        recipient=consult.contact,
        kind=Kind.ACTION,
        title=_("Een consult is een signaal geworden"),
        body=_("De vraagsteller noemt nu het gezin. Open het signaal in Ketenkaart."),
        link=reverse("community:signal", kwargs={"signal_id": signal.pk}),
    )
    return signal
