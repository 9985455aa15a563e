"""Workflows on the family dossier. Each runs in one transaction and writes its audit event."""

import datetime
import uuid
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import bsn as bsn_number

from ketenkaart.access import writing as grants
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households import duplicates, measure_rules
from ketenkaart.households import legal_basis as legal_basis_rules
from ketenkaart.households.models import (
    SUPERVISION_TYPES,
    CourtMeasure,
    Handover,
    Household,
    Involvement,
    LegalBasis,
    MeasureType,
    Member,
    MemberRole,
    Person,
    active_measures_q,
)
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import (
    CASEWORK_ROLES,
    District,
    Municipality,
    Organisation,
    OrganisationType,
    Professional,
    Role,
)

# Who can be involved with a family at all: those who work with it, and those who signal
# (school, huisarts, police: recorded with their phone, they never read the dossier). The
# ventieltafel, policy and the privacy officer never are.
INVOLVABLE_ROLES = CASEWORK_ROLES | {Role.POLICE, Role.REPORTER}

# The longest a court may impose each measure at once (DOMAIN.md, court measures).
MEASURE_MAX_DURATION: dict[str, relativedelta] = {
    MeasureType.PROVISIONAL_SUPERVISION: relativedelta(months=3),
    MeasureType.SUPERVISION: relativedelta(years=1),
    MeasureType.OUT_OF_HOME_PLACEMENT: relativedelta(years=1),
}
# An extension adds at most this much beyond the current end date.
MEASURE_MAX_EXTENSION: dict[str, relativedelta] = {
    MeasureType.SUPERVISION: relativedelta(years=1),
    MeasureType.OUT_OF_HOME_PLACEMENT: relativedelta(years=1),
}


def normalise_bsn(value: str) -> str:
    """A valid BSN in its nine-digit form, or '' when none was given; DomainError otherwise."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        # python-stdnum pads any short number with zeros ("12" would pass); DOMAIN.md gives
        # only an 8-digit number a leading zero.
        if len(value.replace(" ", "").replace(".", "").replace("-", "")) < 8:
            raise StdnumValidationError
        return bsn_number.validate(value)
    except StdnumValidationError as error:
        raise DomainError(
            _("Dit is geen geldig BSN. Controleer de negen cijfers."), field="bsn"
        ) from error


def _audit(
    by: Professional,
    action: str,
    household: Household,
    obj: Model,
    persons: Iterable[uuid.UUID] = (),
    basis: str = "",
) -> None:
    audit.record(
        user=by.user,
        action=action,
        household_id=household.pk,
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        person_ids=persons,
        legal_basis=basis,
    )


@transaction.atomic
def household_create(
    *,
    by: Professional,
    name: str,
    municipality: Municipality,
    district: District | None = None,
    role_in_family: str,
    legal_basis: str = LegalBasis.CONSENT,
) -> Household:
    """A new dossier; its creator becomes involved, and regisseur when from the local team."""
    name = name.strip()
    if not name:
        raise DomainError(_("Geef het gezin een naam."), field="name")
    if district is not None and district.municipality_id != municipality.pk:
        raise DomainError(_("Deze wijk hoort niet bij de gekozen gemeente."), field="district")
    legal_basis_rules.check_basis(receiver=by.organisation, household=None, basis=legal_basis)
    household = Household.objects.create(
        name=name, region_id=municipality.region_id, municipality=municipality, district=district
    )
    involvement = Involvement.objects.create(
        household=household,
        professional=by,
        organisation=by.organisation,
        role_in_family=role_in_family.strip() or _("Aanmelder"),
        legal_basis=legal_basis,
        started_on=timezone.localdate(),
        is_lead=by.organisation.is_local_team,
    )
    _audit(by, "household.created", household, household, basis=legal_basis)
    if involvement.is_lead:
        Handover.objects.create(
            household=household,
            to_professional=by,
            reason=_("Regie bij het aanmaken van het dossier."),
            occurred_at=timezone.now(),
            recorded_by=by,
        )
    return household


@transaction.atomic
def member_add(
    *,
    by: Professional,
    household: Household,
    given_names: str,
    surname: str,
    surname_prefix: str = "",
    birth_date: datetime.date | None = None,
    bsn: str = "",
    role: str,
    has_custody: bool = False,
    via: str | None = None,
) -> Member:
    """A member of the family. A BSN known in another dossier links that person only when the
    caller may read one of its dossiers; otherwise what was typed is stored as a new person and
    the privacy officer gets a possible duplicate to resolve. Nothing of the other dossier
    reaches the caller, not even that the BSN is known."""
    grants.require_write(by, household, via=via)
    bsn = normalise_bsn(bsn)
    if not given_names.strip() or not surname.strip():
        raise DomainError(_("Vul de voornamen en de achternaam in."), field="surname")
    if birth_date is not None and birth_date > timezone.localdate():
        raise DomainError(_("De geboortedatum ligt in de toekomst."), field="birth_date")
    if role == MemberRole.CHILD and has_custody:
        raise DomainError(_("Een kind in het gezin heeft geen gezag."), field="has_custody")
    known = Person.objects.filter(bsn=bsn).first() if bsn else None
    person = known if known is not None and _may_link(by, known) else None
    if person is None:
        person = Person.objects.create(
            given_names=given_names.strip(),
            surname_prefix=surname_prefix.strip(),
            surname=surname.strip(),
            birth_date=birth_date,
            # The BSN stays with the person it is known for; the privacy officer resolves it.
            bsn="" if known is not None else bsn,
        )
    elif person.surname.casefold() != surname.strip().casefold():
        raise DomainError(
            _(
                "Dit BSN is al bekend bij een persoon met een andere achternaam. Controleer het BSN."
            ),
            field="bsn",
        )
    if Member.objects.filter(household=household, person=person).exists():
        # Only a person found by BSN can already be a member: the message belongs on the BSN.
        raise DomainError(_("Iemand met dit BSN is al lid van dit gezin."), field="bsn")
    member = Member.objects.create(
        household=household, person=person, role=role, has_custody=has_custody
    )
    _audit(by, "household.member.added", household, member, persons=[person.pk])
    if known is not None and person.pk != known.pk:
        duplicates.possible_duplicate_record(by=by, member=member, known=known)
    return member


def _may_link(by: Professional, person: Person) -> bool:
    """Link a known person only when the caller may read a dossier the person is in (or the
    person is in none: nothing to reveal)."""
    from ketenkaart.access import gate

    households = Household.objects.filter(members__person=person)
    if not households.exists():
        return True
    return households.filter(pk__in=gate.visible_households(by.user).values("pk")).exists()


@transaction.atomic
def involvement_add(
    *,
    by: Professional,
    household: Household,
    professional: Professional,
    role_in_family: str,
    legal_basis: str,
    started_on: datetime.date | None = None,
    via: str | None = None,
    consented_by: Iterable[Person | uuid.UUID] = (),
) -> Involvement:
    """Involve a professional on a basis that fits their organisation; on the basis consent,
    `consented_by` names who consented and a Consent is recorded per child in the same
    transaction (legal_basis.share_consents)."""
    grants.require_write(by, household, via=via)
    _check_involvable(household, professional)
    started_on = started_on or timezone.localdate()
    if not role_in_family.strip():
        raise DomainError(_("Beschrijf de rol bij het gezin."), field="role_in_family")
    if started_on > timezone.localdate():
        raise DomainError(_("De startdatum ligt in de toekomst."), field="started_on")
    if Involvement.objects.filter(
        household=household, professional=professional, ended_on__isnull=True
    ).exists():
        raise DomainError(_("Deze professional is al betrokken."), field="professional")
    legal_basis_rules.check_basis(
        receiver=professional.organisation,
        household=household,
        basis=legal_basis,
        sender=by.organisation,
    )
    involvement = Involvement.objects.create(
        household=household,
        professional=professional,
        organisation=professional.organisation,
        role_in_family=role_in_family.strip(),
        legal_basis=legal_basis,
        started_on=started_on,
    )
    if legal_basis == LegalBasis.CONSENT:
        legal_basis_rules.share_consents(
            by=by,
            household=household,
            consented_by=consented_by,
            purpose=_("Delen met %(organisation)s (%(role)s)")
            % {"organisation": professional.organisation.name, "role": involvement.role_in_family},
            involvement=involvement,
        )
    _audit(by, "household.involvement.added", household, involvement, basis=legal_basis)
    return involvement


def _check_involvable(household: Household, professional: Professional) -> None:
    """The same rule for the web and the API: a professional of the family's own region, in a
    role that is ever involved with a family."""
    if professional.organisation.region_id != household.region_id:
        raise DomainError(
            _("Kies een professional uit de regio van dit gezin."), field="professional"
        )
    if professional.role not in INVOLVABLE_ROLES:
        raise DomainError(
            _("Deze professional werkt niet met gezinnen en kan niet betrokken worden."),
            field="professional",
        )


@transaction.atomic
def involvement_end(
    *,
    by: Professional,
    involvement: Involvement,
    lead_to: Professional | None = None,
    reason: str = "",
    via: str | None = None,
) -> Involvement:
    """End an involvement, at once. The regisseur's own ends only with regie taken over: naming
    the successor (`lead_to`) asks them (handover_services.handover_offer, all its rules), and the
    involvement ends when they accept; until then it stays, as regisseur, and this returns it
    unchanged. An open family always has its one regisseur (one family, one plan, one
    regisseur)."""
    grants.require_write(by, involvement.household, via=via)
    if involvement.ended_on is not None:
        raise DomainError(_("Deze betrokkenheid is al beëindigd."), code="conflict")
    if involvement.is_lead:
        if lead_to is None:
            raise DomainError(
                _(
                    "De regisseur kan pas stoppen als de regie is overgedragen. Kies wie de "
                    "regie overneemt."
                ),
                field="lead_to",
                code="conflict",
            )
        if lead_to.pk == involvement.professional_id:
            raise DomainError(_("Kies een andere professional."), field="lead_to")
        if involvement.professional_id != by.pk:
            raise DomainError(
                _("Alleen de regisseur zelf stopt met een overdracht."), code="forbidden"
            )
        # Here, not at the top: handover_services builds on this module.
        from ketenkaart.households import handover_services

        handover_services.handover_offer(
            by=by, household=involvement.household, to=lead_to, reason=reason, leaving=True
        )
        return involvement
    ended_on = max(timezone.localdate(), involvement.started_on)
    # Conditional, so two requests at once (a double click) end it once: the second is told.
    ended = Involvement.objects.filter(pk=involvement.pk, ended_on__isnull=True).update(
        ended_on=ended_on
    )
    if not ended:
        raise DomainError(_("Deze betrokkenheid is al beëindigd."), code="conflict")
    involvement.ended_on = ended_on
    _audit(by, "household.involvement.ended", involvement.household, involvement)
    return involvement


def has_active_measure(household: Household, day: datetime.date | None = None) -> bool:
    day = day or timezone.localdate()
    return household.measures.filter(active_measures_q(day)).exists()


def _check_lead_allowed(household: Household, to: Professional, measure_active: bool) -> None:
    if to.organisation.region_id != household.region_id:
        raise DomainError(_("Kies een regisseur uit de regio van dit gezin."), field="professional")
    if not to.works_with_families:
        raise DomainError(
            _("Alleen een professional die met gezinnen werkt kan regisseur zijn."),
            field="professional",
        )
    is_gi = to.organisation.type == OrganisationType.CERTIFIED_INSTITUTION
    if measure_active and not is_gi:
        raise DomainError(
            _(
                "Zolang er een kinderbeschermingsmaatregel loopt, ligt de regie bij de "
                "jeugdbeschermer van de gecertificeerde instelling."
            ),
            field="professional",
        )
    if not measure_active and is_gi:
        raise DomainError(
            _(
                "De regie kan alleen naar een gecertificeerde instelling als de rechter een "
                "maatregel heeft opgelegd. Leg eerst de maatregel vast."
            ),
            field="professional",
        )
    if not measure_active and not to.organisation.is_local_team:
        raise DomainError(
            _("In het vrijwillig kader ligt de regie bij het lokale team (wijkteam of gemeente)."),
            field="professional",
        )


def _lock(household: Household) -> Household:
    # Serialises regie changes per household, so two handovers cannot race.
    return Household.objects.select_for_update().get(pk=household.pk)


@transaction.atomic
def lead_hand_over(
    *,
    by: Professional,
    household: Household,
    to: Professional,
    reason: str,
    day: datetime.date | None = None,
    via: str | None = None,
) -> Handover:
    """Make `to` the one regisseur at once; refused with a clear message when the law does not
    allow it. Only who may change the family hands its regie over. The web's handover asks the
    receiver first (handover_services); this is also what an accepted offer runs."""
    grants.require_write(by, household, via=via)
    return move_lead(by=by, household=household, to=to, reason=reason, day=day)


@transaction.atomic
def move_lead(
    *,
    by: Professional,
    household: Household,
    to: Professional,
    reason: str,
    day: datetime.date | None = None,
    tell: bool = True,
) -> Handover:
    """The move itself, for a caller that has checked who may ask for it (lead_hand_over, or
    the receiver accepting an offer): the law's rules on who may hold regie still apply."""
    household = _lock(household)
    day = day or timezone.localdate()
    if not reason.strip():
        raise DomainError(_("Geef een reden voor de overdracht."), field="reason")
    if not household.is_open:
        raise DomainError(_("Dit dossier is gesloten."), code="conflict")
    _check_lead_allowed(household, to, has_active_measure(household, day))
    current = Involvement.objects.filter(household=household, is_lead=True).first()
    if current is not None and current.professional_id == to.pk:
        raise DomainError(_("Deze professional heeft de regie al."), field="professional")
    if current is not None:
        current.is_lead = False
        current.save(update_fields=["is_lead"])
    receiving = Involvement.objects.filter(
        household=household, professional=to, ended_on__isnull=True
    ).first()
    if receiving is None:
        receiving = Involvement(
            household=household,
            professional=to,
            organisation=to.organisation,
            role_in_family=_("Regisseur"),
            legal_basis=LegalBasis.COURT_MEASURE
            if to.organisation.type == OrganisationType.CERTIFIED_INSTITUTION
            else LegalBasis.CONSENT,
            started_on=day,
        )
    receiving.is_lead = True
    try:
        receiving.save()
    except IntegrityError as error:  # a concurrent handover won
        raise DomainError(
            _("De regie is net door iemand anders gewijzigd."), code="conflict"
        ) from error
    handover = Handover.objects.create(
        household=household,
        from_professional_id=current.professional_id if current else None,
        to_professional=to,
        reason=reason.strip(),
        occurred_at=timezone.now(),
        recorded_by=by,
    )
    _audit(by, "household.lead.handed_over", household, handover, basis=receiving.legal_basis)
    if tell:
        _tell_about_handover(household, handover, to=to, previous=current, by=by)
    return handover


def _tell_about_handover(
    household: Household,
    handover: Handover,
    *,
    to: Professional,
    previous: Involvement | None,
    by: Professional,
) -> None:
    """The receiver learns that the map and its handover package wait; the one who handed
    over learns who has regie now. Nobody is told what they did themselves."""
    link = reverse("households:detail", kwargs={"household_id": household.pk})
    if to.pk != by.pk:
        notify(
            recipient=to,
            kind=Kind.HANDOVER,
            title=_("De regie over %(family)s is aan u overgedragen") % {"family": household.name},
            body=_(
                "Reden: %(reason)s De veiligheidskaart en het overdrachtspakket staan klaar "
                "in het dossier."
            )
            % {"reason": handover.reason},
            link=link,
        )
    if previous is not None and previous.professional_id not in (to.pk, by.pk):
        notify(
            recipient=previous.professional,
            kind=Kind.HANDOVER,
            title=_("De regie over %(family)s ligt nu bij %(name)s")
            % {"family": household.name, "name": to.display_name},
            link=link,
        )


def _validate_measure_dates(
    type_: str, starts_on: datetime.date, ends_on: datetime.date | None
) -> None:
    if type_ == MeasureType.CUSTODY_TERMINATION:
        if ends_on is not None and ends_on < starts_on:
            raise DomainError(_("De einddatum ligt voor de ingangsdatum."), field="ends_on")
        return
    if ends_on is None:
        raise DomainError(_("Vul de einddatum van de maatregel in."), field="ends_on")
    if ends_on < starts_on:
        raise DomainError(_("De einddatum ligt voor de ingangsdatum."), field="ends_on")
    if ends_on > starts_on + MEASURE_MAX_DURATION[type_]:
        raise DomainError(
            _("Deze maatregel duurt langer dan de wet toestaat (%(label)s: hoogstens %(max)s).")
            % {"label": MeasureType(type_).label, "max": _max_label(type_)},
            field="ends_on",
        )


def _max_label(type_: str) -> str:
    return _("3 maanden") if type_ == MeasureType.PROVISIONAL_SUPERVISION else _("1 jaar")


@transaction.atomic
def measure_record(
    *,
    by: Professional,
    household: Household,
    child: Person,
    type: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    court: str,
    lead_to: Professional | None = None,
    reason: str = "",
    supervision: CourtMeasure | None = None,
    guardian_kind: str = "",
    guardian_organisation: Organisation | None = None,
    guardian_name: str = "",
) -> CourtMeasure:
    """Record a judge's measure; with `lead_to`, regie passes to that GI jeugdbeschermer.
    A machtiging uithuisplaatsing names its OTS; a gezagsbeëindiging names the guardian and
    replaces a running OTS and machtiging; no measure runs past the 18th birthday."""
    grants.require_write(by, household)
    household = _lock(household)
    if type not in MeasureType.values:
        raise DomainError(_("Kies een soort maatregel."), field="type")
    if not household.members.filter(person=child, role=MemberRole.CHILD).exists():
        raise DomainError(_("Een maatregel geldt voor een kind van dit gezin."), field="child")
    if not court.strip():
        raise DomainError(_("Vul de rechtbank in."), field="court")
    _validate_measure_dates(type, starts_on, ends_on)
    ends_on = measure_rules.check_age_limit(child, type, starts_on, ends_on)
    lapses_on = None
    if type == MeasureType.OUT_OF_HOME_PLACEMENT:
        supervision = measure_rules.check_placement(
            household_id=household.pk,
            child=child,
            starts_on=starts_on,
            ends_on=ends_on,
            supervision=supervision,
        )
        lapses_on = measure_rules.placement_lapses_on(starts_on)
    else:
        supervision = None
    guardian_kind, guardian_organisation, guardian_name = measure_rules.check_guardian(
        type, guardian_kind, guardian_organisation, guardian_name
    )
    measure = CourtMeasure.objects.create(
        household=household,
        child=child,
        type=type,
        starts_on=starts_on,
        ends_on=ends_on,
        court=court.strip(),
        supervision=supervision,
        lapses_on=lapses_on,
        guardian_kind=guardian_kind,
        guardian_organisation=guardian_organisation,
        guardian_name=guardian_name,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    _audit(by, "household.measure.recorded", household, measure, persons=[child.pk])
    if type == MeasureType.CUSTODY_TERMINATION:
        # The gezagsbeëindiging replaces a running OTS and machtiging of this child.
        for replaced in CourtMeasure.objects.filter(
            active_measures_q(starts_on),
            household=household,
            child=child,
            type__in=[*SUPERVISION_TYPES, MeasureType.OUT_OF_HOME_PLACEMENT],
        ):
            replaced.ended_on = starts_on
            replaced.save(update_fields=["ended_on"])
            _audit(by, "household.measure.ended", household, replaced, persons=[child.pk])
    if lead_to is not None:
        lead_hand_over(
            by=by,
            household=household,
            to=lead_to,
            reason=reason
            or _("Regie naar de gecertificeerde instelling: %(measure)s.")
            % {"measure": MeasureType(type).label},
            day=max(starts_on, timezone.localdate()),
        )
    return measure


@transaction.atomic
def measure_extend(
    *, by: Professional, measure: CourtMeasure, ends_on: datetime.date, court: str
) -> CourtMeasure:
    """An extension is a new dated state that starts the day after the current one ends."""
    grants.require_write(by, measure.household)
    measure_rules.check_may_change_course(by, measure)
    _lock(measure.household)
    if measure.type not in MEASURE_MAX_EXTENSION:
        raise DomainError(_("Deze maatregel kan niet worden verlengd."), code="conflict")
    if measure.ended_on is not None or CourtMeasure.objects.filter(extends=measure).exists():
        raise DomainError(_("Deze maatregel is al beëindigd of verlengd."), code="conflict")
    today = timezone.localdate()
    # Every measure with an extension (MEASURE_MAX_EXTENSION) has an end date.
    assert measure.ends_on is not None
    if measure.ends_on < today:
        raise DomainError(
            _(
                "Deze maatregel is al verlopen; een verlenging moet voor de einddatum worden gevraagd."
            ),
            code="conflict",
        )
    start = measure.ends_on + datetime.timedelta(days=1)
    if ends_on < start:
        raise DomainError(_("De nieuwe einddatum ligt niet na de huidige."), field="ends_on")
    if ends_on > measure.ends_on + MEASURE_MAX_EXTENSION[measure.type]:
        raise DomainError(_("Een verlenging duurt hoogstens 1 jaar."), field="ends_on")
    ends_on = measure_rules.check_age_limit(measure.child, measure.type, start, ends_on)
    supervision = None
    if measure.type == MeasureType.OUT_OF_HOME_PLACEMENT:
        # The extended machtiging needs an OTS (its extension) in force for the new period.
        supervision = (
            CourtMeasure.objects.filter(
                active_measures_q(start),
                household=measure.household,
                child=measure.child,
                type__in=SUPERVISION_TYPES,
            )
            .order_by("-ends_on")
            .first()
        )
        supervision = measure_rules.check_placement(
            household_id=measure.household_id,
            child=measure.child,
            starts_on=start,
            ends_on=ends_on,
            supervision=supervision,
        )
    extension = CourtMeasure.objects.create(
        supervision=supervision,
        used_on=measure.used_on,
        household=measure.household,
        child=measure.child,
        type=measure.type,
        starts_on=start,
        ends_on=ends_on,
        court=court.strip() or measure.court,
        extends=measure,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    _audit(
        by, "household.measure.extended", measure.household, extension, persons=[measure.child_id]
    )
    return extension


@transaction.atomic
def measure_end(
    *,
    by: Professional,
    measure: CourtMeasure,
    ended_on: datetime.date,
    lead_to: Professional | None = None,
    reason: str = "",
) -> CourtMeasure:
    """End a measure early; when none remains, regie goes back to the local team."""
    grants.require_write(by, measure.household)
    measure_rules.check_may_change_course(by, measure)
    household = _lock(measure.household)
    if measure.ended_on is not None:
        raise DomainError(_("Deze maatregel is al beëindigd."), code="conflict")
    if ended_on < measure.starts_on:
        raise DomainError(_("De einddatum ligt voor de ingangsdatum."), field="ended_on")
    measure.ended_on = ended_on
    measure.save(update_fields=["ended_on"])
    _audit(by, "household.measure.ended", household, measure, persons=[measure.child_id])
    if measure.type in SUPERVISION_TYPES:
        # The machtiging uithuisplaatsing ends with its OTS (BW 1:265b lid 1).
        for placement in CourtMeasure.objects.filter(
            active_measures_q(ended_on), supervision=measure
        ):
            placement.ended_on = ended_on
            placement.save(update_fields=["ended_on"])
            _audit(by, "household.measure.ended", household, placement, persons=[measure.child_id])
    lead = (
        Involvement.objects.filter(household=household, is_lead=True)
        .select_related("organisation")
        .first()
    )
    gi_leads = lead is not None and lead.organisation.type == OrganisationType.CERTIFIED_INSTITUTION
    if gi_leads and not has_active_measure(household, ended_on):
        if lead_to is None:
            raise DomainError(
                _(
                    "Er loopt geen maatregel meer: kies de professional van het lokale team die "
                    "de regie terugkrijgt."
                ),
                field="lead_to",
            )
        lead_hand_over(
            by=by,
            household=household,
            to=lead_to,
            reason=reason
            or _("De maatregel is beëindigd; de regie gaat terug naar het lokale team."),
            day=ended_on,
        )
    return measure
