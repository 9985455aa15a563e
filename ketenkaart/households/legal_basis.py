"""The one module with the rules on the legal basis of a share and on who gives consent.

Which basis fits which receiver (DOMAIN.md, consent and sharing):
- Wmo 2015 art. 5.2.6: sharing without consent towards Veilig Thuis;
- Wmo 2015 art. 4.1.1 lid 2: Veilig Thuis itself informing an organisation that can give fitting
  help (its handover after the veiligheidsbeoordeling): a basis of the *sender* VT, towards any
  receiver but VT;
- BW 1:240: towards the Raad voor de Kinderbescherming;
- Jeugdwet art. 7.3.11 lid 4: towards the GI while a (voorlopige) OTS runs;
- a court measure: the GI that carries out a measure in force (BW 1:254 ff., 1:302);
- a legal duty: the municipality's own youth and social-support task (Jeugdwet art. 2.1 ff.,
  Wmo 2015 art. 2.3.2) for the local team and the municipality, and the police task
  (Politiewet 2012 art. 3) for the police;
- consent otherwise, given by the persons `consent_givers` names.
"""

import datetime
from enum import StrEnum

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import (
    SUPERVISION_TYPES,
    CourtMeasure,
    Household,
    LegalBasis,
    active_measures_q,
)
from ketenkaart.organisations.models import LOCAL_TEAM_TYPES, Organisation, OrganisationType

T = OrganisationType


def allowed_bases(
    receiver: Organisation,
    household: Household | None,
    day: datetime.date | None = None,
    sender: Organisation | None = None,
) -> set[str]:
    """The bases on which `receiver` may get the family's data on `day` (from `sender`, when
    the share is made by another organisation)."""
    day = day or timezone.localdate()
    allowed = {LegalBasis.CONSENT.value}
    if receiver.type == T.VEILIG_THUIS:
        allowed.add(LegalBasis.VT_WMO_5_2_6)
    elif sender is not None and sender.type == T.VEILIG_THUIS:
        allowed.add(LegalBasis.VT_HANDOVER_WMO_4_1_1)
    if receiver.type == T.CHILD_PROTECTION_BOARD:
        allowed.add(LegalBasis.BOARD_BW_1_240)
    if receiver.type in LOCAL_TEAM_TYPES or receiver.type == T.POLICE:
        allowed.add(LegalBasis.LEGAL_DUTY)
    if receiver.type == T.CERTIFIED_INSTITUTION and household is not None:
        measures = CourtMeasure.objects.filter(active_measures_q(day), household=household)
        types = set(measures.values_list("type", flat=True))
        if types:
            allowed.add(LegalBasis.COURT_MEASURE)
        if types & set(SUPERVISION_TYPES):
            allowed.add(LegalBasis.GI_JEUGDWET_7_3_11)
    return allowed


def check_basis(
    *,
    receiver: Organisation,
    household: Household | None,
    basis: str,
    day: datetime.date | None = None,
    field: str = "legal_basis",
    sender: Organisation | None = None,
) -> str:
    """The basis, or a Dutch refusal naming the bases that do fit."""
    if basis not in LegalBasis.values:
        raise DomainError(_("Kies een grondslag."), field=field)
    allowed = allowed_bases(receiver, household, day, sender=sender)
    if basis not in allowed:
        names = ", ".join(str(LegalBasis(b).label) for b in LegalBasis.values if b in allowed)
        raise DomainError(
            _("Deze grondslag past niet bij %(receiver)s. Wat hier past: %(allowed)s.")
            % {"receiver": receiver.get_type_display(), "allowed": names},
            field=field,
        )
    return basis


class ConsentBy(StrEnum):
    PARENTS = "parents"
    CHILD_AND_PARENTS = "child_and_parents"
    CHILD = "child"


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return relativedelta(day, birth_date).years


def consent_givers(birth_date: datetime.date | None, day: datetime.date | None = None) -> ConsentBy:
    """Who gives consent for a child (BW 7:450 WGBO, Jeugdwet art. 7.3.4 and 7.3.8): under 12
    the parents with authority; 12 to 15 the child and the parents; 16 and over the youth
    alone. Unknown age: the parents and the child, the safe side."""
    if birth_date is None:
        return ConsentBy.CHILD_AND_PARENTS
    age = age_on(birth_date, day or timezone.localdate())
    if age < 12:
        return ConsentBy.PARENTS
    if age < 16:
        return ConsentBy.CHILD_AND_PARENTS
    return ConsentBy.CHILD


def check_consent(
    *,
    birth_date: datetime.date | None,
    parents_consent: bool,
    child_consent: bool,
    day: datetime.date | None = None,
) -> ConsentBy:
    """Refuses a consent that lacks whom the age rule names."""
    needed = consent_givers(birth_date, day)
    if needed in (ConsentBy.PARENTS, ConsentBy.CHILD_AND_PARENTS) and not parents_consent:
        raise DomainError(
            _("Toestemming van de ouders met gezag is nodig."), field="parents_consent"
        )
    if needed in (ConsentBy.CHILD, ConsentBy.CHILD_AND_PARENTS) and not child_consent:
        raise DomainError(_("Toestemming van de jongere zelf is nodig."), field="child_consent")
    return needed


# -- the consent record (issue 16) -------------------------------------------------------------


def consent_record(
    *,
    by,
    household: Household,
    subject,
    purpose: str,
    parents=(),
    by_subject: bool = False,
    involvement=None,
    day: datetime.date | None = None,
):
    """Record who consented, refusing a consent that lacks whom the age rule names. `parents`
    must be members of the household with authority; `subject` a member of the household."""
    from django.db import transaction

    from ketenkaart.audit import services as audit
    from ketenkaart.households.models import Consent, Member

    day = day or timezone.localdate()
    members = {m.person_id: m for m in Member.objects.filter(household=household)}
    if subject.pk not in members:
        raise DomainError(_("Kies een gezinslid."), field="subject")
    parents = list(parents)
    if any(p.pk not in members or not members[p.pk].has_custody for p in parents):
        raise DomainError(_("Alleen ouders met gezag geven toestemming."), field="parents")
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError(_("Schrijf waarvoor de toestemming is."), field="purpose")
    is_child = members[subject.pk].role == "child"
    if is_child:
        needed = check_consent(
            birth_date=subject.birth_date,
            parents_consent=bool(parents),
            child_consent=by_subject,
            day=day,
        )
    else:
        # An adult consents for themselves.
        if not by_subject:
            raise DomainError(_("Toestemming van de persoon zelf is nodig."), field="by_subject")
        needed = ConsentBy.CHILD
    with transaction.atomic():
        consent = Consent.objects.create(
            household=household,
            involvement=involvement,
            subject=subject,
            purpose=purpose,
            needed_from=needed,
            by_subject=by_subject,
            given_on=day,
            recorded_by=by,
        )
        if needed != ConsentBy.CHILD and parents:
            consent.parents.set(parents)
        audit.record(
            user=by.user,
            action="household.consent.recorded",
            household_id=household.pk,
            object_type="consent",
            object_id=consent.pk,
            person_ids=[subject.pk, *(p.pk for p in parents)],
            legal_basis=LegalBasis.CONSENT,
        )
    return consent


def may_withdraw(consent, person) -> bool:
    """Whoever's consent was needed may withdraw it: the subject (12 and over, or an adult)
    and, where the parents consented, each of them."""
    if consent.withdrawn_at is not None:
        return False
    if person.pk == consent.subject_id and consent.needed_from != ConsentBy.PARENTS:
        return True
    return consent.needed_from != ConsentBy.CHILD and consent.parents.filter(pk=person.pk).exists()


def consent_withdraw(*, consent, person, user):
    """Withdraw a consent (AVG art. 7 lid 3: as easy as giving it). The regisseur is told."""
    from django.db import transaction

    from ketenkaart.audit import services as audit

    if not may_withdraw(consent, person):
        raise DomainError(_("U kunt deze toestemming niet intrekken."))
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = person
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit.record(
            user=user,
            action="household.consent.withdrawn",
            household_id=consent.household_id,
            object_type="consent",
            object_id=consent.pk,
            person_ids=[person.pk],
            legal_basis=LegalBasis.CONSENT,
        )
    return consent


# -- a share on consent (issue 16) --------------------------------------------------------------

CONSENT_FIELD = "consented_by"


def _consent_refusal(needed: ConsentBy, age: int | None) -> str:
    if needed == ConsentBy.PARENTS:
        return _(
            "Voor een kind onder de 12 is toestemming van een ouder met gezag nodig. "
            "Kies wie toestemming gaf."
        )
    if needed == ConsentBy.CHILD:
        return _(
            "Een jongere van %(age)s jaar geeft zelf toestemming. Kies de jongere bij wie "
            "toestemming gaf."
        ) % {"age": age}
    return _(
        "Voor een kind van 12 tot 16 jaar is toestemming nodig van het kind zelf én van een "
        "ouder met gezag. Kies wie toestemming gaf."
    )


def share_consents(
    *,
    by,
    household: Household,
    consented_by,
    purpose: str,
    involvement=None,
    day: datetime.date | None = None,
) -> list:
    """Record the consent behind a share whose basis is consent: one Consent per child of the
    family, given by whom the age rule names (`consent_givers`; BW 7:450, Jeugdwet art. 7.3.4
    and 7.3.8), or, in a family without children, by each adult member who consented for
    themselves (AVG art. 6 lid 1 sub a, art. 7). `consented_by` are the persons (or their ids)
    who consented; a consent that lacks whom the rule names refuses the whole share on the field
    `consented_by`. Call inside the share's transaction: a refusal leaves nothing behind."""
    from ketenkaart.households.models import Member, MemberRole

    day = day or timezone.localdate()
    members = list(Member.objects.filter(household=household).select_related("person"))
    by_person = {str(m.person_id): m for m in members}
    given = {str(getattr(p, "pk", p)) for p in consented_by or ()}
    if not given:
        raise DomainError(
            _("Bij de grondslag toestemming: kies wie toestemming gaf."), field=CONSENT_FIELD
        )
    if not members:
        raise DomainError(
            _("Voeg eerst de gezinsleden toe: toestemming geeft een gezinslid."),
            field=CONSENT_FIELD,
        )
    if given - by_person.keys():
        raise DomainError(_("Kies alleen leden van dit gezin."), field=CONSENT_FIELD)
    givers = [by_person[pk] for pk in given]
    children = [m for m in members if m.role == MemberRole.CHILD]
    if children and any(m.role != MemberRole.CHILD and not m.has_custody for m in givers):
        raise DomainError(
            _("Alleen ouders met gezag geven toestemming voor hun kind."), field=CONSENT_FIELD
        )
    parents = [m.person for m in givers if m.role != MemberRole.CHILD]
    plan = []
    for member in children:
        person = member.person
        needed = consent_givers(person.birth_date, day)
        has_parent = bool(parents)
        has_child = str(person.pk) in given
        if (needed != ConsentBy.CHILD and not has_parent) or (
            needed != ConsentBy.PARENTS and not has_child
        ):
            age = age_on(person.birth_date, day) if person.birth_date else None
            raise DomainError(_consent_refusal(needed, age), field=CONSENT_FIELD)
        plan.append((person, needed))
    if any(m.role == MemberRole.CHILD and (m.person, ConsentBy.PARENTS) in plan for m in givers):
        raise DomainError(
            _("Een kind onder de 12 geeft zelf geen toestemming; dat doen de ouders met gezag."),
            field=CONSENT_FIELD,
        )
    if not children:
        # Adults consent for themselves.
        plan = [(m.person, ConsentBy.CHILD) for m in givers]
    return [
        consent_record(
            by=by,
            household=household,
            subject=person,
            purpose=purpose,
            parents=parents if needed != ConsentBy.CHILD else (),
            by_subject=needed != ConsentBy.PARENTS,
            involvement=involvement,
            day=day,
        )
        for person, needed in plan
    ]
