"""The family's own grant: a parent, carer or youth reads (and co-writes) their own household
through Mijn gezin, and nothing else. Its own module so the professional gate stays as it is.

Who may have an account follows the consent ages of the WGBO (BW 7:450) and the Jeugdwet
(art. 7.3.4, 7.3.8): a parent or carer with authority; a youth of 16 or over on their own
account; a youth of 12 to 15 with a youth account (they decide together with the parents);
under 12 no account, the parents act for the child.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.households.legal_basis import ConsentBy, consent_givers
from ketenkaart.households.models import Household, Member, MemberRole

if TYPE_CHECKING:
    import uuid

    from django.http import HttpRequest

    from ketenkaart.access.result import AnyUser
    from ketenkaart.portal.models import FamilyAccount


class FamilyGrant(StrEnum):
    """The basis on the audit row of a family member's own read or write."""

    PARENT = "family_parent"  # a parent or carer with authority
    YOUTH = "family_youth"  # 16 or over: on their own account
    YOUNG_YOUTH = "family_youth_12_15"  # 12 to 15: sees and writes, fewer rights alone


class Scope(StrEnum):
    FULL = "full"
    YOUTH_12_15 = "youth_12_15"


def grant_for_member(member: Member, day: datetime.date | None = None) -> FamilyGrant | None:
    """Whether this member may have an account on `day`, and with which grant."""
    day = day or timezone.localdate()
    if member.role in (MemberRole.PARENT, MemberRole.CARER):
        return FamilyGrant.PARENT if member.has_custody else None
    if member.role != MemberRole.CHILD or member.person.birth_date is None:
        return None
    who = consent_givers(member.person.birth_date, day)
    if who == ConsentBy.PARENTS:
        return None  # under 12
    if who == ConsentBy.CHILD:
        return FamilyGrant.YOUTH
    return FamilyGrant.YOUNG_YOUTH


@dataclass(frozen=True)
class FamilyView:
    """What the portal's request may reach: this member's household, with this grant."""

    account: object
    member: Member
    household: Household
    grant: FamilyGrant

    @property
    def is_parent(self) -> bool:
        return self.grant == FamilyGrant.PARENT

    @property
    def may_download_household(self) -> bool:
        # A youth of 12 to 15 downloads what is about them, not the whole family's file.
        return self.grant != FamilyGrant.YOUNG_YOUTH


def family_account_of(user: AnyUser) -> FamilyAccount | None:
    """The user's family account, or None (a professional, an anonymous user)."""
    if user is None or not user.is_authenticated:
        return None
    from ketenkaart.portal.models import FamilyAccount

    try:
        return FamilyAccount.objects.select_related(
            "member__person", "household__municipality", "household__region"
        ).get(user_id=user.pk)
    except FamilyAccount.DoesNotExist:
        return None


def is_family_user(user: AnyUser) -> bool:
    return family_account_of(user) is not None


def has_parent_account(household_id: uuid.UUID) -> bool:
    """Whether a parent or carer of this household reads Mijn gezin (one query): what reaches
    the parents through the portal (a questionnaire) reaches them there."""
    return any(
        grant_for_member(member) == FamilyGrant.PARENT
        for member in Member.objects.filter(
            household_id=household_id, family_account__isnull=False
        ).select_related("person")
    )


def access_own_family(request: HttpRequest, *, action: str) -> FamilyView:
    """The logged-in family member's own household, audited. No id comes from the request, so
    no other household can be asked for. An account whose member no longer qualifies (a parent
    whose authority ended) is refused, audited; a closed (destroyed) dossier is gone."""
    account = family_account_of(request.user)
    grant = grant_for_member(account.member) if account is not None else None
    household_id = account.household_id if account is not None else None
    if grant is None or account is None:
        audit.record(
            user=request.user,
            action=action,
            outcome=Outcome.DENIED,
            household_id=household_id,
            object_type="household",
            object_id=household_id or "",
            request=request,
        )
        if account is None:
            raise Http404
        raise PermissionDenied
    audit.record(
        user=request.user,
        action=action,
        household_id=account.household_id,
        object_type="household",
        object_id=account.household_id,
        person_ids=[account.member.person_id],
        legal_basis=grant,
        grant=grant,
        request=request,
    )
    return FamilyView(account, account.member, account.household, grant)
