"""The gate's answer: the object a user may reach and the grant that let them in.

The gate returns this instead of putting its verdict on the model instance, so what a page may
offer (read only, or write too; the emergency banner) travels with the answer, typed. Part of
the one gate: import it as `ketenkaart.access.gate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from django.db.models import Model

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    # Who asks the gate: request.user, or a user a service acts for (None when nobody is).
    AnyUser: TypeAlias = AbstractBaseUser | AnonymousUser | None

T = TypeVar("T", bound=Model)


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
        return self.grant == "emergency_access"
