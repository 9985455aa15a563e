"""The guide and the consult: one function per workflow, one transaction, its audit row."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.audit import services as audit
from ketenkaart.community.models import Consult, ConsultMessage, ConsultStatus, GuideEntry, Subject
from ketenkaart.core.errors import DomainError
from ketenkaart.core.text import clean_text
from ketenkaart.organisations.models import District, Professional
from ketenkaart.reports import services as reports
from ketenkaart.reports.models import MeldcodeTrail

MAX_TEXT = 4000
# Nine digits in a row look like a BSN: a consult names no family, so it is refused.
BSN_LIKE = re.compile(r"(?<!\d)\d{9}(?!\d)")


def _in_region(by: Professional, district: District) -> None:
    if district.municipality.region_id != by.organisation.region_id:
        raise DomainError(_("Deze wijk hoort niet bij uw regio."), field="district")


@transaction.atomic
def guide_entry_save(
    *,
    by: Professional,
    district: District,
    subject: str,
    contact_name: str,
    role: str,
    phone: str = "",
    email: str = "",
    where_and_when: str = "",
    entry: GuideEntry | None = None,
) -> GuideEntry:
    """Add an entry for the professional's own organisation, or change one of its own."""
    _in_region(by, district)
    if subject not in Subject.values:
        raise DomainError(_("Kies een onderwerp."), field="subject")
    if entry is not None and entry.organisation_id != by.organisation_id:
        raise DomainError(
            _("Alleen de eigen organisatie wijzigt deze vermelding."), code="forbidden"
        )
    entry = entry or GuideEntry(organisation=by.organisation)
    entry.district = district
    entry.subject = subject
    entry.contact_name = clean_text(contact_name, "contact_name", 200)
    entry.role = clean_text(role, "role", 200)
    entry.phone = clean_text(phone, "phone", 40, required=False)
    entry.email = clean_text(email, "email", 254, required=False)
    entry.where_and_when = clean_text(where_and_when, "where_and_when", 300, required=False)
    if not (entry.phone or entry.email):
        raise DomainError(_("Geef een telefoonnummer of e-mailadres voor het werk."), field="phone")
    entry.updated_at = timezone.now()
    entry.save()
    audit.record(
        user=by.user, action="guide_entry.saved", object_type="guide_entry", object_id=entry.pk
    )
    return entry


def district_contact(district: District) -> Professional | None:
    """The wijkteam's contact for this district, as the guide names them."""
    entry = (
        GuideEntry.objects.filter(
            district=district, subject=Subject.LOCAL_TEAM, professional__isnull=False
        )
        .select_related("professional__user")
        .order_by("updated_at")
        .first()
    )
    return entry.professional if entry else None


def _checked_question(text: str, field: str) -> str:
    text = clean_text(text, field, MAX_TEXT)
    if BSN_LIKE.search(text):
        raise DomainError(
            _("Noem in een consult geen BSN en geen naam: het gezin blijft hier onbekend."),
            field=field,
        )
    return text


@transaction.atomic
def consult_ask(*, by: Professional, district: District, question: str) -> Consult:
    _in_region(by, district)
    question = _checked_question(question, "question")
    contact = district_contact(district)
    if contact is None:
        raise DomainError(
            _("Voor deze wijk staat nog geen contactpersoon van het wijkteam in de wijkgids."),
            field="district",
        )
    if contact.pk == by.pk:
        raise DomainError(_("U bent zelf de contactpersoon van deze wijk."), field="district")
    consult = Consult.objects.create(
        district=district,
        asked_by=by,
        contact=contact,
        question=question,
        created_at=timezone.now(),
    )
    audit.record(user=by.user, action="consult.asked", object_type="consult", object_id=consult.pk)
    return consult


@transaction.atomic
def consult_reply(*, by: Professional, consult: Consult, text: str) -> ConsultMessage:
    if by.pk not in (consult.asked_by_id, consult.contact_id):
        raise DomainError(_("Alleen de vraagsteller en de contactpersoon schrijven hier."))
    if consult.status in (ConsultStatus.CONVERTED, ConsultStatus.SIGNALLED):
        raise DomainError(_("Dit consult is omgezet."), field="text")
    message = ConsultMessage.objects.create(
        consult=consult, author=by, text=_checked_question(text, "text"), sent_at=timezone.now()
    )
    if by.pk == consult.contact_id and consult.status == ConsultStatus.OPEN:
        Consult.objects.filter(pk=consult.pk).update(status=ConsultStatus.ANSWERED)
        consult.status = ConsultStatus.ANSWERED
    audit.record(
        user=by.user, action="consult.answered", object_type="consult", object_id=consult.pk
    )
    return message


def _thread(consult: Consult) -> str:
    return "\n\n".join(
        f"{m.sent_at:%d-%m-%Y} {m.author.display_name}: {m.text}"
        for m in consult.messages.select_related("author__user")
    )


@transaction.atomic
def consult_convert_to_trail(*, by: Professional, consult: Consult, subject: str) -> MeldcodeTrail:
    """The asker turns the consult into their own meldcode trail. The trail carries the
    question (step 1, signals) and the thread (step 2, collegiale consultatie), and the
    `subject` the asker names now; nothing else. Only from here on is a child named."""
    if by.pk != consult.asked_by_id:
        raise DomainError(_("Alleen wie de vraag stelde zet het consult om."), code="forbidden")
    if consult.status in (ConsultStatus.CONVERTED, ConsultStatus.SIGNALLED):
        raise DomainError(_("Dit consult is al omgezet."), field="subject")
    trail = reports.trail_start(by=by, subject=subject)
    thread = _thread(consult)
    reports.trail_record_steps(
        by=by, trail=trail, signals=consult.question, colleague_consulted=thread
    )
    now = timezone.now()
    Consult.objects.filter(pk=consult.pk).update(
        status=ConsultStatus.CONVERTED, trail_id=trail.pk, converted_at=now
    )
    consult.status, consult.trail_id, consult.converted_at = ConsultStatus.CONVERTED, trail.pk, now
    audit.record(
        user=by.user, action="consult.converted", object_type="consult", object_id=consult.pk
    )
    return trail
