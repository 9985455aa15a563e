"""The inbox of one professional: nobody reads another's messages."""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketenkaart.core.listing import Filter, ListQuery, Sort
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import Professional


def inbox(professional: Professional) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=professional).order_by("-created_at", "pk")


def unread_count(professional: Professional) -> int:
    return Notification.objects.filter(recipient=professional, read_at__isnull=True).count()


def unread_on_page(request: HttpRequest, professional: Professional) -> int:
    """unread_count for the page this request draws, counted once: the menu shows it beside
    Berichten, and a home beside its Berichten block. A page draws after its writes."""
    if _UNREAD not in request.__dict__:
        request.__dict__[_UNREAD] = unread_count(professional)
    return request.__dict__[_UNREAD]


_UNREAD = "_ketenkaart_unread"


def inbox_query() -> ListQuery:
    """Berichten: search the subject and text, filter on kind or unread, newest or oldest first."""
    return ListQuery(
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
