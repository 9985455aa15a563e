"""Break the glass: a professional who is not involved opens a family for a bounded time, with
a reason. Every read under it is audited with the emergency basis (the gate sets the audit
row's `emergency` flag), the regisseur is told, and the region's privacy officer reviews each
one by its deadline (NEN 7510-2 / NEN 7513: emergency access logged and checked afterwards)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import gate
from ketenkaart.access.models import EmergencyAccess, ReviewOutcome
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household, Involvement
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Professional

if TYPE_CHECKING:
    from ketenkaart.access.result import AnyUser

MAX_HOURS = 24
MIN_REASON = 20


def review_days() -> int:
    return int(cast(int, settings.KETENKAART.get("EMERGENCY_REVIEW_DAYS", 5)))


def active_for(professional: Professional | None, household: Household) -> EmergencyAccess | None:
    """The emergency access running now, for the banner."""
    if professional is None:
        return None
    return (
        EmergencyAccess.objects.filter(
            household=household, professional=professional, expires_at__gt=timezone.now()
        )
        .order_by("-expires_at")
        .first()
    )


@transaction.atomic
def emergency_open(
    *, by: Professional, household: Household, reason: str, hours: int
) -> EmergencyAccess:
    if not by.works_with_families:
        raise DomainError(_("Noodtoegang is alleen voor professionals die met gezinnen werken."))
    if gate.grant_for(by.user, household) in (gate.Grant.INVOLVEMENT, gate.Grant.TEAM):
        raise DomainError(_("U bent al betrokken bij dit gezin; noodtoegang is niet nodig."))
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise DomainError(
            _("Beschrijf in minstens %(n)s tekens waarom u nu toegang nodig heeft.")
            % {"n": MIN_REASON},
            field="reason",
        )
    if not isinstance(hours, int) or not 1 <= hours <= MAX_HOURS:
        raise DomainError(
            _("Noodtoegang duurt 1 tot %(max)s uur.") % {"max": MAX_HOURS}, field="hours"
        )
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        household=household,
        professional=by,
        reason=reason,
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=hours),
        review_due_on=timezone.localdate(now) + datetime.timedelta(days=review_days()),
    )
    audit.record(
        user=by.user,
        action="household.emergency_access.opened",
        household_id=household.pk,
        object_type="emergencyaccess",
        object_id=access.pk,
        legal_basis=gate.Grant.EMERGENCY,
        emergency=True,
    )
    lead = (
        Involvement.objects.filter(household=household, is_lead=True)
        .select_related("professional__user")
        .first()
    )
    if lead is not None:
        notify(
            recipient=lead.professional,
            kind=Kind.PRIVACY,
            title=_("Noodtoegang tot een gezin waarvan u regisseur bent"),
            body=_("%(org)s opende het dossier met noodtoegang, tot %(until)s.")
            % {
                "org": by.organisation.name,
                "until": timezone.localtime(access.expires_at).strftime("%d-%m-%Y %H:%M"),
            },
            link=f"/gezinnen/{household.pk}",
        )
    return access


def review_queue(user: AnyUser) -> QuerySet[EmergencyAccess]:
    """Emergency accesses of the privacy officer's region awaiting review, oldest deadline first."""
    return (
        EmergencyAccess.objects.filter(
            household__in=gate.access_log_households(user), reviewed_at__isnull=True
        )
        .select_related("household", "professional__user", "professional__organisation")
        .order_by("review_due_on", "granted_at", "pk")
    )


@transaction.atomic
def emergency_review(
    *, by: Professional, access: EmergencyAccess, outcome: str, note: str = ""
) -> EmergencyAccess:
    if gate.access_log_grant(by.user, access.household) != gate.Grant.PRIVACY_OFFICER:
        raise DomainError(_("Alleen de privacy officer van de regio beoordeelt noodtoegang."))
    if access.reviewed_at is not None:
        raise DomainError(_("Deze noodtoegang is al beoordeeld."), code="conflict")
    if outcome not in ReviewOutcome.values:
        raise DomainError(_("Kies terecht of niet in orde."), field="outcome")
    note = (note or "").strip()
    if outcome == ReviewOutcome.FLAGGED and not note:
        raise DomainError(_("Schrijf erbij wat er niet in orde is."), field="note")
    access.reviewed_by = by
    access.reviewed_at = timezone.now()
    access.review_outcome = outcome
    access.review_note = note
    access.save(update_fields=["reviewed_by", "reviewed_at", "review_outcome", "review_note"])
    audit.record(
        user=by.user,
        action=f"emergency_access.review.{outcome}",
        household_id=access.household_id,
        object_type="emergencyaccess",
        object_id=access.pk,
        legal_basis=gate.Grant.PRIVACY_OFFICER,
    )
    return access
