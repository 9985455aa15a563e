"""The inbox of one professional: nobody reads another's messages."""

from typing import Any

from django.db.models import IntegerField, Q, QuerySet, Subquery, UUIDField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketenkaart.core.listing import Filter, ListQuery, Sort
from ketenkaart.core.precompiled import Param, Precompiled, counted
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import Professional


def inbox(professional: Professional) -> QuerySet[Notification]:
    return inbox_of(professional.pk)


def inbox_of(professional: Any) -> QuerySet[Notification]:
    """inbox for a professional's id or a Param (the home, core/home.py)."""
    return Notification.objects.filter(recipient_id=professional).order_by("-created_at", "pk")


def _unread(professional: Any) -> QuerySet:
    return counted(inbox_of(professional).filter(read_at__isnull=True))


def unread_of(professional: Any) -> Subquery:
    """The unread count as a column of another statement, for the professional `professional`
    names (an OuterRef): the session's statement brings it (core/sessions.py)."""
    return Subquery(_unread(professional), output_field=IntegerField())


# Compiled once per connection (core/precompiled.py).
_UNREAD = Precompiled(lambda: _unread(Param("professional", UUIDField())))


def unread_count(professional: Professional) -> int:
    return _UNREAD.first(professional=professional.pk) or 0


def unread_on_page(request: HttpRequest, professional: Professional) -> int:
    """unread_count for the page this request draws, once: the menu shows it beside Berichten,
    and a home beside its Berichten block. It is the count the session's statement brought,
    unless the request changed the professional's messages before the page drew
    (notifications.services; a page draws after its writes)."""
    if _COUNTED not in request.__dict__:
        brought = getattr(getattr(request, "session", None), "unread", None)
        if brought is not None and brought[0] == professional.pk:
            request.__dict__[_COUNTED] = brought[1]
        else:
            request.__dict__[_COUNTED] = unread_count(professional)
    return request.__dict__[_COUNTED]


_COUNTED = "_ketenkaart_unread"


# Berichten: search the subject and text, filter on kind or unread, newest or oldest first.
INBOX = ListQuery(
    search=("title", "body"),
    search_label=_("Zoek in onderwerp en bericht"),
    filters=(
        Filter(
            name="soort",
            label=_("Soort"),
            choices=tuple(Kind.choices),
            lookups={value: Q(kind=value) for value in Kind.values},
            all_label=_("Alle soorten"),
        ),
        Filter(
            name="gelezen",
            label=_("Gelezen"),
            choices=(("nee", _("Alleen ongelezen berichten")),),
            lookups={"nee": Q(read_at__isnull=True)},
        ),
    ),
    sorts=(
        Sort("nieuwste", _("Nieuwste eerst"), ("-created_at", "pk")),
        Sort("oudste", _("Oudste eerst"), ("created_at", "pk")),
    ),
)


def prepared_inbox() -> QuerySet[Notification]:
    """inbox with the professional as a Param, `professional`: what Berichten prepares
    (safety_teams.views.inbox, ListQuery.run_prepared; issue 17)."""
    return inbox_of(Param("professional", UUIDField()))
