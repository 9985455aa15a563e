"""The list controls of a reporter's own meldingen (core.listing): what the list may be searched
on, filtered by and sorted by. The rows themselves come from selectors.my_reports (the gate)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.core.listing import Filter, ListQuery, Sort
from ketenkaart.reports.models import ReportStatus

# What the reporter wrote and the police number are theirs to search; never the family's data.
MY_REPORTS = ListQuery(
    search=("summary", "reference", "police_reference"),
    search_label=_("Zoek in wat u meldde, op kenmerk of op registratienummer"),
    filters=(
        Filter(
            name="stand",
            label=_("Stand"),
            choices=tuple(ReportStatus.choices),
            lookups={value: Q(status=value) for value in ReportStatus.values},
            all_label=_("Alle standen"),
        ),
        Filter(
            name="terugkoppeling",
            label=_("Terugkoppeling"),
            choices=(("nog-niet", _("Alleen zonder terugkoppeling")),),
            lookups={"nog-niet": ~Q(feedback__given_at__isnull=False)},
        ),
    ),
    sorts=(
        Sort("nieuwste", _("Nieuwste eerst"), ("-received_at", "pk")),
        Sort("oudste", _("Oudste eerst"), ("received_at", "pk")),
    ),
)
