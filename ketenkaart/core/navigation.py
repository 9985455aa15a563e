"""The main menu: each role sees the places its work happens, nothing it may not use."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


ITEMS = (
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
    Item("safety_teams:inbox", _("Berichten"), frozenset(Role) - {Role.POLICY}),
)

# Where each role starts after logging in.
HOME = {Role.POLICE: "reports:index", Role.REPORTER: "reports:index"}
HOME |= {Role.EXEMPTION_TABLE: "exemptions:index", Role.POLICY: "exemptions:index"}


def menu(request) -> list[dict]:
    professional = getattr(request.user, "professional", None)
    if professional is None:
        return []
    match = request.resolver_match
    current = f"{match.namespace}:{match.url_name}" if match else ""
    return [
        {
            "url": reverse(item.url_name),
            "label": item.label,
            "current": current == item.url_name
            or (
                item.namespace is not None
                and match is not None
                and match.namespace == item.namespace
            ),
        }
        for item in ITEMS
        if professional.role in item.roles
    ]
