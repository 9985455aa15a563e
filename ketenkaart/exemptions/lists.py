"""The list controls of the ventieltafel's start page (core.listing). The convener's queue is
searched on the pseudonym and the rule only: the table never sees the family's name. A
requester searches their own requests by the family's name too, since they may read it."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.core.listing import Filter, ListQuery, Sort
from ketenkaart.exemptions.models import Domain, Status, Urgency

_DOMAIN = Filter(
    name="domein",
    label=_("Domein"),
    choices=tuple(Domain.choices),
    lookups={value: Q(domain=value) for value in Domain.values},
    all_label=_("Alle domeinen"),
)
_URGENT = Filter(
    name="urgentie",
    label=_("Urgentie"),
    choices=(("spoed", _("Alleen spoedaanvragen")),),
    lookups={"spoed": Q(urgency=Urgency.URGENT)},
)
_SORTS = (
    Sort("termijn", _("Besluit uiterlijk, eerst de kortste"), ("deadline", "asked_at", "pk")),
    Sort("nieuwste", _("Nieuwste aanvraag eerst"), ("-asked_at", "pk")),
)

QUEUE = ListQuery(
    search=("pseudonym", "rule"),
    search_label=_("Zoek op kenmerk of regel"),
    filters=(_DOMAIN, _URGENT),
    sorts=_SORTS,
)

OWN = ListQuery(
    search=("household__name", "pseudonym", "rule"),
    search_label=_("Zoek op naam van het gezin, kenmerk of regel"),
    filters=(
        Filter(
            name="stand",
            label=_("Stand"),
            choices=tuple(Status.choices),
            lookups={value: Q(status=value) for value in Status.values},
            all_label=_("Alle standen"),
        ),
        _DOMAIN,
        _URGENT,
    ),
    sorts=_SORTS,
)
