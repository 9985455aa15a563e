"""The Civil Code's rules on court measures, apart from the workflows that record them:
the age limit, the machtiging uithuisplaatsing bound to an OTS, its lapse, and guardianship."""

import datetime
from typing import overload

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import (
    SUPERVISION_TYPES,
    CourtMeasure,
    GuardianKind,
    MeasureType,
    Person,
    active_measures_q,
)
from ketenkaart.organisations.models import Organisation, OrganisationType, Professional

# BW 1:265c lid 3: a machtiging uithuisplaatsing lapses when it is not carried out within
# three months of the decision.
PLACEMENT_LAPSE = relativedelta(months=3)


def last_day_before_majority(child: Person) -> datetime.date | None:
    """Every measure ends at the latest when the child turns 18 (BW 1:233: majority at 18;
    OTS BW 1:265 lid 1 ends by law, guardianship ends at majority)."""
    if child.birth_date is None:
        return None
    return child.birth_date + relativedelta(years=18) - datetime.timedelta(days=1)


@overload
def check_age_limit(
    child: Person, type_: str, starts_on: datetime.date, ends_on: datetime.date
) -> datetime.date: ...
@overload
def check_age_limit(
    child: Person, type_: str, starts_on: datetime.date, ends_on: datetime.date | None
) -> datetime.date | None: ...
def check_age_limit(
    child: Person, type_: str, starts_on: datetime.date, ends_on: datetime.date | None
) -> datetime.date | None:
    """The end date as the law allows it; a gezagsbeëindiging without an end date ends the
    day before the 18th birthday."""
    last = last_day_before_majority(child)
    if last is None:
        if type_ == MeasureType.CUSTODY_TERMINATION and ends_on is None:
            raise DomainError(
                _(
                    "Vul eerst de geboortedatum van het kind in: de voogdij eindigt uiterlijk "
                    "als het kind 18 wordt."
                ),
                field="child",
            )
        return ends_on
    if starts_on > last:
        raise DomainError(
            _("Het kind is op de ingangsdatum al 18: een maatregel kan dan niet meer."),
            field="starts_on",
        )
    if ends_on is None:
        return last
    if ends_on > last:
        raise DomainError(
            _("Een maatregel eindigt uiterlijk als het kind 18 wordt: de laatste dag is %(day)s.")
            % {"day": last.strftime("%d-%m-%Y")},
            field="ends_on",
        )
    return ends_on


def check_placement(
    *,
    household_id,
    child: Person,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    supervision: CourtMeasure | None,
) -> CourtMeasure:
    """A machtiging uithuisplaatsing only together with a (voorlopige) OTS of the same child
    that is in force when it starts, and never longer than that OTS (BW 1:265b lid 1)."""
    if supervision is None:
        raise DomainError(
            _(
                "Een machtiging uithuisplaatsing hoort bij een (voorlopige) "
                "ondertoezichtstelling: kies de OTS."
            ),
            field="supervision",
        )
    if (
        supervision.type not in SUPERVISION_TYPES
        or supervision.household_id != household_id
        or supervision.child_id != child.pk
    ):
        raise DomainError(_("Kies een ondertoezichtstelling van dit kind."), field="supervision")
    if not CourtMeasure.objects.filter(active_measures_q(starts_on), pk=supervision.pk).exists():
        raise DomainError(
            _("De ondertoezichtstelling loopt niet op de ingangsdatum van de machtiging."),
            field="supervision",
        )
    supervision_end = supervision.ends_on
    if supervision.ended_on is not None:
        supervision_end = supervision.ended_on - datetime.timedelta(days=1)
    if ends_on is not None and supervision_end is not None and ends_on > supervision_end:
        raise DomainError(
            _(
                "Een machtiging uithuisplaatsing duurt niet langer dan de ondertoezichtstelling "
                "(tot en met %(day)s)."
            )
            % {"day": supervision_end.strftime("%d-%m-%Y")},
            field="ends_on",
        )
    return supervision


def placement_lapses_on(starts_on: datetime.date) -> datetime.date:
    return starts_on + PLACEMENT_LAPSE


def check_guardian(
    type_: str, kind: str, organisation: Organisation | None, name: str
) -> tuple[str, Organisation | None, str]:
    """Guardianship after a gezagsbeëindiging lies with a GI or with a named natural person
    (BW 1:275, 1:302); other measures carry no guardian."""
    name = (name or "").strip()
    if type_ != MeasureType.CUSTODY_TERMINATION:
        return "", None, ""
    if kind == GuardianKind.INSTITUTION:
        if organisation is None or organisation.type != OrganisationType.CERTIFIED_INSTITUTION:
            raise DomainError(
                _("Kies de gecertificeerde instelling die de voogdij uitoefent."),
                field="guardian_organisation",
            )
        return kind, organisation, ""
    if kind == GuardianKind.PERSON:
        if not name:
            raise DomainError(
                _("Vul de naam in van de voogd die de rechter benoemde."), field="guardian_name"
            )
        if len(name) > 200:
            raise DomainError(_("Gebruik hoogstens 200 tekens."), field="guardian_name")
        return kind, None, name
    raise DomainError(
        _("Kies bij wie de voogdij ligt: een gecertificeerde instelling of een persoon."),
        field="guardian_kind",
    )


def check_may_change_course(by: Professional, measure: CourtMeasure) -> None:
    """Who records an extension or an early end. The judge decides both; the GI carries out
    the measure and asks the court for an extension (BW 1:260, 1:265f), and the regisseur
    keeps the dossier in step with the decision. So: the family's regisseur, or a
    professional of a GI actively involved with the family. Other involved professionals
    (school, GGZ, Veilig Thuis, the Raad) may read the measure but not change its course.
    DomainError `forbidden` (403), audited as a refusal, otherwise."""
    from ketenkaart.access import gate
    from ketenkaart.audit.refusals import record_refusal

    if gate.may_change_measure_course(by, measure.household_id):
        return
    record_refusal(
        user=by.user,
        action="household.measure.change",
        household_id=measure.household_id,
        object_type="courtmeasure",
        object_id=measure.pk,
    )
    raise DomainError(
        _(
            "Een verlenging of beëindiging van een maatregel legt de regisseur of de "
            "gecertificeerde instelling vast die de maatregel uitvoert."
        ),
        code="forbidden",
    )
