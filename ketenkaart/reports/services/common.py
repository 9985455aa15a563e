"""Helpers shared by the M3 workflows: limits, the audit call, required text, the VT check."""

import datetime
import uuid
from collections.abc import Iterable

from django.db.models import Model
from django.utils.translation import gettext as _

from ketenkaart.access.gate import is_vt_team
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.organisations.models import Professional

# DOMAIN.md, Veilig Thuis: the veiligheidsbeoordeling within 5 working days, acute at once;
# an investigation's norm is 10 weeks.
ASSESSMENT_WORKING_DAYS = 5


INVESTIGATION_NORM = datetime.timedelta(weeks=10)


MAX_TEXT = 20000


def _audit(
    by: Professional | None,
    action: str,
    obj: Model,
    household_id: uuid.UUID | None = None,
    persons: Iterable[uuid.UUID | None] = (),
    basis: str = "",
) -> None:
    audit.record(
        user=by.user if by is not None else None,
        action=action,
        household_id=household_id,
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        person_ids=[p for p in persons if p is not None],
        legal_basis=basis,
    )


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    if len(value) > MAX_TEXT:
        raise DomainError(_("Gebruik hoogstens %(n)s tekens.") % {"n": MAX_TEXT}, field=field)
    return value


def _require_vt(by: Professional, region_id: uuid.UUID | None = None) -> None:

    if not is_vt_team(by) or (region_id is not None and by.organisation.region_id != region_id):
        raise DomainError(
            _("Alleen het Veilig Thuis-team van de regio doet dit."), code="forbidden"
        )
