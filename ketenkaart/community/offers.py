"""Help offered around a case (issue 14): in a case discussion partners offer help (childcare
that can accompany the mother, the community worker's group, the sports club); the regisseur
and the family each accept or decline it. One transaction per workflow, with its audit row.

Who: a participant of the meeting offers (they read the family for that meeting only); the
family's regisseur records both answers — the family's in its own words — because the family
answers to its regisseur (the family portal is another issue)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import writing as grants
from ketenkaart.audit import services as audit
from ketenkaart.community.models import HelpOffer, OfferAnswer, OfferKind
from ketenkaart.core.errors import DomainError
from ketenkaart.core.text import clean_text
from ketenkaart.households.models import Involvement
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Professional
from ketenkaart.safety_teams.models import AgendaItem

MAX_TEXT = 2000


def _audit(by: Professional, action: str, offer: HelpOffer) -> None:
    audit.record(
        user=by.user,
        action=action,
        household_id=offer.household_id,
        object_type="help_offer",
        object_id=offer.pk,
    )


def regisseur_of(household_id) -> Professional | None:
    lead = (
        Involvement.objects.filter(household_id=household_id, is_lead=True, ended_on__isnull=True)
        .select_related("professional__user")
        .first()
    )
    return lead.professional if lead else None


@transaction.atomic
def help_offer_make(
    *, by: Professional, item: AgendaItem, kind: str, description: str
) -> HelpOffer:
    if not item.meeting.participants.filter(pk=by.pk).exists():
        raise DomainError(
            _("Alleen deelnemers aan dit casusoverleg bieden hier hulp aan."), code="forbidden"
        )
    if kind not in OfferKind.values:
        raise DomainError(_("Kies de soort hulp."), field="kind")
    offer = HelpOffer.objects.create(
        item=item,
        household_id=item.household_id,
        offered_by=by,
        organisation=by.organisation,
        kind=kind,
        description=clean_text(
            description, "description", MAX_TEXT, missing=_("Beschrijf wat u aanbiedt.")
        ),
        offered_at=timezone.now(),
    )
    _audit(by, "help_offer.created", offer)
    regisseur = regisseur_of(item.household_id)
    if regisseur is not None and regisseur.pk != by.pk:
        # The title names no family; the page behind the link goes through the gate again.
        notify(
            recipient=regisseur,
            kind=Kind.ACTION,
            title=_("Nieuw hulpaanbod uit een casusoverleg"),
            body=str(OfferKind(kind).label),
            link=reverse("community:household_offers", kwargs={"household_id": item.household_id}),
        )
    return offer


@transaction.atomic
def help_offer_answer(
    *,
    by: Professional,
    offer: HelpOffer,
    regisseur_answer: str,
    family_answer: str,
    family_words: str = "",
) -> HelpOffer:
    """The regisseur records their own answer and the family's; once both are given the
    offer is settled and does not change any more."""
    grants.require_write(by, offer.household)
    offer = HelpOffer.objects.select_for_update().get(pk=offer.pk)
    regisseur = regisseur_of(offer.household_id)
    if regisseur is None or regisseur.pk != by.pk:
        raise DomainError(
            _("Alleen de regisseur van het gezin legt de antwoorden vast."), code="forbidden"
        )
    if OfferAnswer.PENDING not in (offer.regisseur_answer, offer.family_answer):
        raise DomainError(_("Op dit aanbod is al geantwoord."), code="conflict")
    for field, value in (("regisseur_answer", regisseur_answer), ("family_answer", family_answer)):
        if value not in OfferAnswer.values:
            raise DomainError(_("Kies een antwoord."), field=field)
    offer.regisseur_answer = regisseur_answer
    offer.family_answer = family_answer
    offer.family_words = clean_text(family_words, "family_words", MAX_TEXT, required=False)
    offer.answered_by = by
    offer.answered_at = timezone.now()
    offer.save()
    _audit(by, "help_offer.answered", offer)
    return offer
