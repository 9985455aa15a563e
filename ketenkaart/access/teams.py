"""The gate for a veiligheidsteam's actions: who reads and closes one. Part of the one gate:
import it as `ketenkaart.access.gate`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from ketenkaart.access.result import Access
from ketenkaart.safety_teams.models import Action

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from ketenkaart.organisations.models import Professional


def visible_actions(user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Action]:
    """The actions a user owns or agreed, and those of the teams they are a member of."""
    from ketenkaart.access import gate

    professional = gate.professional_of(user)
    if professional is None:
        return Action.objects.none()
    return Action.objects.filter(
        Q(owner=professional) | Q(created_by=professional) | Q(team__members=professional)
    ).distinct()


def owned_actions(professional: Professional) -> QuerySet[Action]:
    """The actions this professional owns: their own task list."""
    return actions_owned_by(professional.pk)


def actions_owned_by(professional: Any) -> QuerySet[Action]:
    """owned_actions for a professional's id or a Param (the home, core/home.py)."""
    return Action.objects.filter(owner_id=professional)


def access_action(
    request: HttpRequest, action_id: object, *, action: str = "case_meeting.action.read"
) -> Access[Action]:
    """One action; 404 when not among the visible ones (or the caller is no professional),
    audited both ways in the family's stream."""
    from ketenkaart.access import gate

    return gate.access_among(
        request,
        visible_actions(request.user).select_related("team", "household", "owner__user"),
        action_id,
        action=action,
        object_type="action",
        grant=gate.Grant.SAFETY_TEAM,
    )
