"""Recording a referral: the gate is asked again inside the service (gate.require_write)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Professional
from ketenkaart.referrals.models import CareKind, Referral, Referrer


@transaction.atomic
def referral_record(
    *,
    by: Professional,
    household: Household,
    care_kind: str,
    referred_by: str,
    referred_on: datetime.date,
) -> Referral:
    gate.require_write(by, household)
    if care_kind not in CareKind.values:
        raise DomainError(_("Kies de soort zorg."), field="care_kind")
    if referred_by not in Referrer.values:
        raise DomainError(_("Kies wie verwees."), field="referred_by")
    if not isinstance(referred_on, datetime.date):
        raise DomainError(_("Gebruik een datum als JJJJ-MM-DD."), field="referred_on")
    if referred_on > timezone.localdate():
        raise DomainError(_("Deze datum ligt in de toekomst."), field="referred_on")
    referral = Referral.objects.create(
        household=household,
        region_id=household.region_id,
        municipality_id=household.municipality_id,
        care_kind=care_kind,
        referred_by=referred_by,
        referred_on=referred_on,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    audit.record(
        user=by.user,
        action="referral.recorded",
        household_id=household.pk,
        object_type="referral",
        object_id=referral.pk,
    )
    return referral
