"""Reads of a household's referrals; the caller has passed the gate for the household."""

from django.db.models import QuerySet

from ketenkaart.households.models import Household
from ketenkaart.referrals.models import Referral


def referrals(household: Household) -> QuerySet[Referral]:
    return Referral.objects.filter(household=household).select_related("recorded_by__user")
