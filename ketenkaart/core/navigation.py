"""The main menu: each role sees the places its work happens, nothing it may not use."""

import functools
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ketenkaart.notifications.selectors import unread_on_page
from ketenkaart.organisations.models import CASEWORK_ROLES, Role

CASEWORK = frozenset(CASEWORK_ROLES)
REPORTING = frozenset({Role.POLICE, Role.REPORTER})


@dataclass(frozen=True)
class Item:
    url_name: str
    label: object
    roles: frozenset
    # Views under this namespace mark the item as the current page (None: only the exact view).
    namespace: str | None = None
    # Shows the number of unread messages beside the label.
    counts_unread: bool = False


# Roles with a home page of their own at `start`; the others start at their one list (HOME).
HOME_PAGE_ROLES = frozenset(
    {
        Role.YOUTH_PROFESSIONAL,
        Role.CHILD_PROTECTION_BOARD,
        Role.CHILD_PROTECTOR,
        Role.PRIVACY_OFFICER,
    }
)

ITEMS = (
    Item("start", _("Overzicht"), HOME_PAGE_ROLES - {Role.PRIVACY_OFFICER}),
    Item("start", _("Toegangslogs"), frozenset({Role.PRIVACY_OFFICER})),
    Item("access:review_queue", _("Noodtoegang"), frozenset({Role.PRIVACY_OFFICER})),
    Item("retention:due", _("Vernietiging"), frozenset({Role.PRIVACY_OFFICER})),
    Item("worker:status", _("Geplande taken"), frozenset({Role.PRIVACY_OFFICER})),
    Item("second_factor_reset", _("Tweede stap herstellen"), frozenset({Role.PRIVACY_OFFICER})),
    Item("households:mine", _("Mijn gezinnen"), CASEWORK),
    Item("households:create", _("Nieuw gezin"), CASEWORK),
    Item("reports:index", _("Veiligheidsbeoordelingen"), frozenset({Role.VEILIG_THUIS})),
    Item("reports:index", _("Mijn meldingen"), REPORTING),
    Item("reports:trails", _("Meldcode"), frozenset({Role.REPORTER})),
    Item("safety_teams:teams", _("Veiligheidsteams"), CASEWORK),
    Item("safety_teams:tasks", _("Mijn taken"), CASEWORK),
    Item(
        "exemptions:index",
        _("Ventieltafel"),
        CASEWORK | {Role.EXEMPTION_TABLE, Role.POLICY},
        namespace="exemptions",
    ),
    # M6: every professional of the region reads the guide; signalers and caseworkers consult.
    Item("community:districts", _("Wijkgids"), CASEWORK | {Role.REPORTER}),
    Item("community:consults", _("Consulten"), CASEWORK | {Role.REPORTER}),
    # M7: the monitor, aggregates only, for policy.
    Item("monitor:dashboard", _("Monitor"), frozenset({Role.POLICY}), namespace="monitor"),
    Item(
        "safety_teams:inbox",
        _("Berichten"),
        frozenset(Role) - {Role.POLICY},
        counts_unread=True,
    ),
)

# Where each role starts after logging in.
HOME = {Role.POLICE: "reports:index", Role.REPORTER: "reports:index"}
HOME |= {Role.VEILIG_THUIS: "reports:index"}
HOME |= {Role.EXEMPTION_TABLE: "exemptions:index", Role.POLICY: "exemptions:signals"}


def menu(request) -> list[dict]:
    professional = getattr(request.user, "professional", None)
    if professional is None:
        return []
    match = request.resolver_match
    current = ""
    if match is not None:
        current = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    items = _items_of(professional.role, get_script_prefix(), get_language())
    # One query for the unread count, only when the menu shows it.
    unread = unread_on_page(request, professional) if any(i.counts_unread for i, *_ in items) else 0
    return [
        {
            "url": url,
            "label": label,
            "count": unread if item.counts_unread else 0,
            "current": current == item.url_name
            or (
                item.namespace is not None
                and match is not None
                and match.namespace == item.namespace
            ),
        }
        for item, url, label in items
    ]


@functools.cache
def _items_of(
    role: str, script_prefix: str, language: str | None
) -> tuple[tuple[Item, str, str], ...]:
    """A role's menu items with their URLs and labels, reversed and translated once per process
    (on every page they cost as much as a query; issue 17). The script prefix is part of a
    URL and the language of a label, so both are part of the key."""
    return tuple(
        (item, reverse(item.url_name), str(item.label)) for item in ITEMS if role in item.roles
    )


@receiver(setting_changed)
def _urls_changed(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _items_of.cache_clear()
