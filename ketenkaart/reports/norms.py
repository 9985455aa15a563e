"""The chain's norms as numbers: the sector norms Veilig Thuis reports on, and the Raad's start
norm as a deadline. Figures from DOMAIN.md; configurable through KETENKAART["NORMS"]."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, DateTimeField, F, Func, IntegerField, Q, UUIDField, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenkaart.access import gate
from ketenkaart.core.precompiled import Param, Precompiled
from ketenkaart.reports.models import Investigation, SafetyAssessment

DEFAULTS = {
    # Sector norm (Veilig Thuis, Handelingsprotocol/sectorkader): 90% of the
    # veiligheidsbeoordelingen within 5 working days of receipt.
    "ASSESSMENT_SHARE": Decimal("90"),
    # Sector norm: 80% of the investigations completed within 10 weeks.
    "INVESTIGATION_SHARE": Decimal("80"),
    # The Raad starts an investigation within 10 days of the request (DOMAIN.md: the Raad's
    # start norm; counted in calendar days, configurable).
    "BOARD_START_DAYS": 10,
}


def norm(name: str):
    return settings.KETENKAART.get("NORMS", {}).get(name, DEFAULTS[name])


def board_start_deadline(requested: datetime.datetime | datetime.date) -> datetime.date:
    """The day by which the Raad starts its investigation (or toets) of a request."""
    day = timezone.localdate(requested) if isinstance(requested, datetime.datetime) else requested
    return day + datetime.timedelta(days=norm("BOARD_START_DAYS"))


@dataclass(frozen=True)
class NormShare:
    label: object
    done: int
    met: int
    target: Decimal

    @property
    def share(self) -> Decimal | None:
        if not self.done:
            return None
        return (Decimal(self.met) * 100 / self.done).quantize(Decimal("0.1"))

    @property
    def achieved(self) -> bool | None:
        return None if self.share is None else self.share >= self.target


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _share_met(model, moment: str, met: Q, region: bool) -> Precompiled:
    """One row, (done, met), of `model` over the meldingen one user may see (the region's, or
    their own: gate.visible_reports) between two moments: compiled once and prepared, since
    the VT team's page shows it on every visit (issue 17)."""

    def build():
        who = Param("who", UUIDField())
        visible = gate.reports_by(region, who)
        within = {f"{moment}__gte": Param("start", DateTimeField())}
        within[f"{moment}__lt"] = Param("end", DateTimeField())
        # COUNT as a plain function, not an aggregate: no GROUP BY, so a queryset of one row.
        return (
            model.objects.filter(report__in=visible, **within)
            .order_by()
            .annotate(
                done=Func(F("pk"), function="COUNT", output_field=IntegerField()),
                met=Func(Case(When(met, then=1)), function="COUNT", output_field=IntegerField()),
            )
            .values_list("done", "met")
        )

    return Precompiled(build)


_ASSESSMENTS = {
    region: _share_met(SafetyAssessment, "assessed_at", Q(within_deadline=True), region)
    for region in (True, False)
}
_INVESTIGATIONS = {
    region: _share_met(
        Investigation, "completed_at", Q(completed_at__date__lte=F("due_on")), region
    )
    for region in (True, False)
}


def sector_norms(user, day: datetime.date | None = None) -> list[NormShare]:
    """This month's share met of both sector norms, over the meldingen the user may see (two
    statements, independent of the number of meldingen)."""
    day = day or timezone.localdate()
    seen = gate.reports_seen_by(user)
    assessments = investigations = (0, 0)
    if seen is not None:
        region, who = seen
        # A range of moments rather than the moment's date: an index on the moment serves it.
        start, end = _start_of(day.replace(day=1)), _start_of(day + datetime.timedelta(days=1))
        assessments = _ASSESSMENTS[region].first(who=who, start=start, end=end)
        investigations = _INVESTIGATIONS[region].first(who=who, start=start, end=end)
    return [
        NormShare(
            _("veiligheidsbeoordeling binnen 5 werkdagen"),
            *assessments,
            norm("ASSESSMENT_SHARE"),
        ),
        NormShare(
            _("onderzoek binnen 10 weken"),
            *investigations,
            norm("INVESTIGATION_SHARE"),
        ),
    ]
