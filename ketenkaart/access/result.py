"""The gate's answer: the object a user may reach and the grant that let them in, and the
grants themselves.

The gate returns this instead of putting its verdict on the model instance, so what a page may
offer (read only, or write too; the emergency banner) travels with the answer, typed. Part of
the one gate: import it as `ketenkaart.access.gate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from django.db.models import Model

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    # Who asks the gate: request.user, or a user a service acts for (None when nobody is).
    AnyUser: TypeAlias = AbstractBaseUser | AnonymousUser | None

T = TypeVar("T", bound=Model)


class Grant(StrEnum):
    """The rule that let a user in; written to the audit row as its basis."""

    INVOLVEMENT = "involvement"
    TEAM = "organisation_team"
    EMERGENCY = "emergency_access"
    LEAD = "lead"
    PRIVACY_OFFICER = "privacy_officer"
    EXEMPTION_TABLE = "exemption_table"
    INVITED_PARTY = "invited_party"
    POLICY = "policy"
    # A member of a safety team, or a participant of one of its meetings: the team's own pages.
    SAFETY_TEAM = "safety_team"
    # A participant of a case meeting, for the families on its agenda, from the meeting's
    # start until its follow-up period ends. Read only: not in WRITE_GRANTS.
    CASE_MEETING = "case_meeting"


# Grants that allow changes; the others only read.
WRITE_GRANTS = frozenset({Grant.INVOLVEMENT, Grant.TEAM})
# Grants that show a ventieltafel request pseudonymised: no names, no BSN, no birth dates.
PSEUDONYMISED_GRANTS = frozenset({Grant.EXEMPTION_TABLE, Grant.INVITED_PARTY, Grant.POLICY})


@dataclass(frozen=True, slots=True)
class Access(Generic[T]):
    """`obj` as the gate allowed it, on the basis of `grant`; `write_grants` are the grants of
    its domain that may change it (gate.WRITE_GRANTS for a household)."""

    obj: T
    grant: str
    write_grants: frozenset[str]

    @property
    def can_write(self) -> bool:
        return self.grant in self.write_grants

    @property
    def is_emergency(self) -> bool:
        return self.grant == Grant.EMERGENCY

    @property
    def named(self) -> bool:
        """Whether the answer may name the family, its members and their birth dates: not on
        a pseudonymised grant (the ventieltafel, an invited party, policy)."""
        return self.grant not in PSEUDONYMISED_GRANTS
