"""Emergency access (break the glass): always with a reason, always time-limited, always audited.

Kept for its callers; the workflow with review and notification is ketenkaart.access.emergency."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access.models import EmergencyAccess
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Professional

MAX_EMERGENCY_HOURS = 24


@transaction.atomic
def emergency_access_open(
    *, by: Professional, household: Household, reason: str, hours: int = 4
) -> EmergencyAccess:
    if not by.works_with_families:
        raise DomainError(_("Noodtoegang is alleen voor professionals die met gezinnen werken."))
    if len(reason.strip()) < 20:
        raise DomainError(
            _("Beschrijf in minstens 20 tekens waarom u nu toegang nodig heeft."), field="reason"
        )
    if not 1 <= hours <= MAX_EMERGENCY_HOURS:
        raise DomainError(
            _("Noodtoegang duurt 1 tot %(max)s uur.") % {"max": MAX_EMERGENCY_HOURS},
            field="hours",
        )
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        household=household,
        professional=by,
        reason=reason.strip(),
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=hours),
    )
    audit.record(
        user=by.user,
        action="household.emergency_access.opened",
        household_id=household.pk,
        object_type="emergencyaccess",
        object_id=access.pk,
        legal_basis="emergency_access",
    )
    return access
