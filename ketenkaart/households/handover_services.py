"""Handover of regie as a conversation: the regisseur asks, the receiver accepts or declines.
Regie moves at acceptance, not at the question, so the family keeps its regisseur until someone
has taken it over (one family, one plan, one regisseur: DESIGN.md; Jeugdwet art. 2.3 and the
werkwijze 'Eén gezin, één plan, één regisseur'). Who may be asked is one rule, `eligible_leads`,
that both the form's list and the service use, so the two cannot disagree."""

import datetime
import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ketenkaart.access import writing as grants
from ketenkaart.core.errors import DomainError
from ketenkaart.households import services
from ketenkaart.households.models import (
    Handover,
    HandoverOffer,
    Household,
    Involvement,
    Member,
    MemberRole,
    OfferState,
)
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import (
    CASEWORK_ROLES,
    LOCAL_TEAM_TYPES,
    OrganisationType,
    Professional,
)


def eligible_leads(
    household: Household, *, day: datetime.date | None = None
) -> QuerySet[Professional]:
    """Who may hold this family's regie today: a professional who works with families in its
    region; during a child-protection measure one of a gecertificeerde instelling (Jeugdwet
    art. 3.1, BW 1:255), otherwise one of the local team (Jeugdwet art. 2.3)."""
    measure = services.has_active_measure(household, day)
    types = {OrganisationType.CERTIFIED_INSTITUTION} if measure else set(LOCAL_TEAM_TYPES)
    return (
        Professional.objects.filter(
            role__in=CASEWORK_ROLES,
            organisation__region_id=household.region_id,
            organisation__type__in=types,
        )
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def current_lead(household: Household) -> Involvement | None:
    return (
        Involvement.objects.filter(household=household, is_lead=True)
        .select_related("professional__user", "organisation")
        .first()
    )


def may_offer(by: Professional | None, household: Household) -> bool:
    """Regie is handed over by whoever holds it, or taken by a writer when nobody does; a
    former regisseur no longer may."""
    if by is None or grants.write_grant(by, household) is None:
        return False
    lead = current_lead(household)
    return lead is None or lead.professional_id == by.pk


def _check_eligible(household: Household, to: Professional, day: datetime.date) -> None:
    if eligible_leads(household, day=day).filter(pk=to.pk).exists():
        return
    # Not eligible: the law's own reason, worded for the professional.
    services._check_lead_allowed(household, to, services.has_active_measure(household, day))
    raise DomainError(_("Deze professional kan geen regisseur worden."), field="professional")


def _place(household: Household) -> str:
    if household.district is not None:
        return _("%(municipality)s, wijk %(district)s") % {
            "municipality": household.municipality.name,
            "district": household.district.name,
        }
    return household.municipality.name


def _children(ages: list[int | None]) -> str:
    if not ages:
        return _("geen kinderen")
    known = sorted(age for age in ages if age is not None)
    told = [ngettext("%(age)d jaar", "%(age)d jaar", age) % {"age": age} for age in known]
    told += [_("leeftijd onbekend")] * (len(ages) - len(known))
    return ngettext("%(count)d kind (%(ages)s)", "%(count)d kinderen (%(ages)s)", len(ages)) % {
        "count": len(ages),
        "ages": ", ".join(told),
    }


def family_outlines(
    households: Iterable[Household], *, day: datetime.date | None = None
) -> dict[uuid.UUID, str]:
    """What a receiver needs to decide on a handover before they hold any grant on the family:
    where it lives and its children's number and ages; never its name, a member's name or a
    BSN (need-to-know: the dossier opens at acceptance). One query for any number of families;
    the caller selects `municipality` and `district` with the households."""
    day = day or timezone.localdate()
    households = list(households)
    ages: dict[uuid.UUID, list[int | None]] = {household.pk: [] for household in households}
    for household_id, birth_date in Member.objects.filter(
        household_id__in=ages, role=MemberRole.CHILD
    ).values_list("household_id", "person__birth_date"):
        age = None
        if birth_date is not None:
            age = (
                day.year
                - birth_date.year
                - ((day.month, day.day) < (birth_date.month, birth_date.day))
            )
        ages[household_id].append(age)
    return {
        household.pk: _("een gezin in %(place)s, %(children)s")
        % {"place": _place(household), "children": _children(ages[household.pk])}
        for household in households
    }


def _offer_link(offer: HandoverOffer) -> str:
    return reverse("households:offer", kwargs={"offer_id": offer.pk})


@transaction.atomic
def handover_offer(
    *,
    by: Professional,
    household: Household,
    to: Professional,
    reason: str,
    day: datetime.date | None = None,
    leaving: bool = False,
) -> HandoverOffer:
    """Ask `to` to take over regie. Nothing moves yet; `to` is told at once. Asking oneself (when
    nobody holds regie) takes it at once: there is nobody else to agree. `leaving`: the
    regisseur also ends their own involvement, at acceptance (services.involvement_end)."""
    grants.require_write(by, household)
    day = day or timezone.localdate()
    if not may_offer(by, household):
        raise DomainError(
            _("Alleen de regisseur van dit gezin kan de regie overdragen."), code="forbidden"
        )
    if not reason.strip():
        raise DomainError(_("Geef een reden voor de overdracht."), field="reason")
    if not household.is_open:
        raise DomainError(_("Dit dossier is gesloten."), code="conflict")
    lead = current_lead(household)
    if lead is not None and lead.professional_id == to.pk:
        raise DomainError(_("Deze professional heeft de regie al."), field="professional")
    if leaving and (lead is None or lead.professional_id != by.pk):
        raise DomainError(
            _("Alleen de regisseur stopt bij het gezin met een overdracht."), code="forbidden"
        )
    _check_eligible(household, to, day)
    now = timezone.now()
    try:
        with transaction.atomic():
            offer = HandoverOffer.objects.create(
                household=household,
                from_professional_id=lead.professional_id if lead else None,
                to_professional=to,
                reason=reason.strip(),
                offered_by=by,
                offered_at=now,
                leaves_on_acceptance=leaving,
            )
    except IntegrityError as error:
        raise DomainError(
            _(
                "Er staat al een overdracht voor dit gezin klaar. Trek die eerst in of wacht "
                "op het antwoord."
            ),
            code="conflict",
        ) from error
    services._audit(by, "household.lead.offered", household, offer)
    if to.pk == by.pk:
        return _accept(offer, by=by, day=day)
    # The receiver holds no grant on the family yet: no name in the message (its inbox and
    # the API's berichten show it), only what they need to decide.
    outline = family_outlines([household], day=day)[household.pk]
    notify(
        recipient=to,
        kind=Kind.HANDOVER,
        title=_("U wordt gevraagd de regie over te nemen over %(family)s") % {"family": outline},
        body=_(
            "%(name)s (%(organisation)s) vraagt dit. Reden: %(reason)s Open het verzoek om te "
            "aanvaarden of af te wijzen; na aanvaarden opent het dossier."
        )
        % {
            "name": by.display_name,
            "organisation": by.organisation.name,
            "reason": offer.reason,
        }
        + (
            " " + _("%(name)s stopt bij het gezin zodra u aanvaardt.") % {"name": by.display_name}
            if leaving
            else ""
        ),
        link=_offer_link(offer),
    )
    return offer


def _pending(offer: HandoverOffer) -> HandoverOffer:
    offer = HandoverOffer.objects.select_for_update().get(pk=offer.pk)
    if not offer.is_pending:
        raise DomainError(_("Dit verzoek is al beantwoord of ingetrokken."), code="conflict")
    return offer


def _decide(offer: HandoverOffer, *, by: Professional, state: str, answer: str = "") -> None:
    offer.state = state
    offer.decided_by = by
    offer.decided_at = timezone.now()
    offer.answer = answer.strip()
    offer.save(update_fields=["state", "decided_by", "decided_at", "answer", "handover"])


def _accept(offer: HandoverOffer, *, by: Professional, day: datetime.date) -> HandoverOffer:
    household = offer.household
    if not household.is_open:
        raise DomainError(_("Dit dossier is gesloten."), code="conflict")
    # The frame may have changed since the question (a measure imposed or ended): ask the law
    # again, at acceptance.
    _check_eligible(household, offer.to_professional, day)
    handover: Handover = services.move_lead(
        by=by,
        household=household,
        to=offer.to_professional,
        reason=offer.reason,
        day=day,
        tell=False,
    )
    offer.handover = handover
    _decide(offer, by=by, state=OfferState.ACCEPTED)
    services._audit(by, "household.lead.offer_accepted", household, offer)
    if offer.leaves_on_acceptance:
        _end_former_lead(offer, by=by, day=day)
    return offer


def _end_former_lead(offer: HandoverOffer, *, by: Professional, day: datetime.date) -> None:
    """The regisseur who asked to stop stops now, in the transaction that gave regie away."""
    if offer.from_professional_id is None:  # nobody held regie: nobody leaves
        return
    leaving = (
        Involvement.objects.select_for_update()
        .filter(
            household_id=offer.household_id,
            professional_id=offer.from_professional_id,
            ended_on__isnull=True,
        )
        .first()
    )
    if leaving is None:  # ended meanwhile by another path
        return
    leaving.ended_on = max(day, leaving.started_on)
    leaving.save(update_fields=["ended_on"])
    services._audit(by, "household.involvement.ended", offer.household, leaving)


@transaction.atomic
def handover_accept(
    *, by: Professional, offer: HandoverOffer, day: datetime.date | None = None
) -> HandoverOffer:
    """The receiver takes regie: from now on they are the regisseur and the former one is not."""
    if by.pk != offer.to_professional_id:
        raise DomainError(_("Alleen wie gevraagd is kan de regie aanvaarden."), code="forbidden")
    offer = _pending(offer)
    offer = _accept(offer, by=by, day=day or timezone.localdate())
    link = reverse("households:detail", kwargs={"household_id": offer.household_id})
    told = {offer.offered_by_id, offer.from_professional_id}
    for recipient_id in {pk for pk in told if pk is not None and pk != by.pk}:
        notify(
            recipient=Professional.objects.select_related("user").get(pk=recipient_id),
            kind=Kind.HANDOVER,
            title=_("%(name)s heeft de regie over %(family)s aanvaard")
            % {"name": by.display_name, "family": offer.household.name},
            link=link,
        )
    return offer


@transaction.atomic
def handover_decline(*, by: Professional, offer: HandoverOffer, answer: str) -> HandoverOffer:
    """The receiver says no, with a reason; regie stays where it was."""
    if by.pk != offer.to_professional_id:
        raise DomainError(_("Alleen wie gevraagd is kan het verzoek afwijzen."), code="forbidden")
    if not answer.strip():
        raise DomainError(_("Geef aan waarom u de regie niet overneemt."), field="answer")
    offer = _pending(offer)
    _decide(offer, by=by, state=OfferState.DECLINED, answer=answer)
    services._audit(by, "household.lead.offer_declined", offer.household, offer)
    notify(
        recipient=offer.offered_by,
        kind=Kind.HANDOVER,
        title=_("%(name)s neemt de regie over %(family)s niet over")
        % {"name": by.display_name, "family": offer.household.name},
        body=_("Toelichting: %(answer)s") % {"answer": offer.answer},
        link=reverse("households:detail", kwargs={"household_id": offer.household_id}),
    )
    return offer


@transaction.atomic
def handover_withdraw(*, by: Professional, offer: HandoverOffer) -> HandoverOffer:
    """Who asked takes the question back (or another who may hand over now)."""
    if not may_offer(by, offer.household):
        raise DomainError(_("U kunt dit verzoek niet intrekken."), code="forbidden")
    offer = _pending(offer)
    _decide(offer, by=by, state=OfferState.WITHDRAWN)
    services._audit(by, "household.lead.offer_withdrawn", offer.household, offer)
    notify(
        recipient=offer.to_professional,
        kind=Kind.HANDOVER,
        title=_("Het verzoek om de regie over te nemen is ingetrokken"),
        link="",
    )
    return offer
