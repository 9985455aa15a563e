"""The chain's norms as numbers: the sector norms Veilig Thuis reports on, and the Raad's start
norm as a deadline. Figures from DOMAIN.md; configurable through KETENKAART["NORMS"]."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenkaart.access import gate
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


def sector_norms(user, day: datetime.date | None = None) -> list[NormShare]:
    """This month's share met of both sector norms, over the meldingen the user may see (two
    aggregate queries, independent of the number of meldingen)."""
    day = day or timezone.localdate()
    # A range of moments rather than the moment's date: an index on the moment can serve it.
    start = _start_of(day.replace(day=1))
    end = _start_of(day + datetime.timedelta(days=1))
    visible = gate.visible_reports(user)
    assessments = SafetyAssessment.objects.filter(
        report__in=visible, assessed_at__gte=start, assessed_at__lt=end
    ).aggregate(done=Count("pk"), met=Count("pk", filter=Q(within_deadline=True)))
    investigations = Investigation.objects.filter(
        report__in=visible, completed_at__gte=start, completed_at__lt=end
    ).aggregate(done=Count("pk"), met=Count("pk", filter=Q(completed_at__date__lte=F("due_on"))))
    return [
        NormShare(
            _("veiligheidsbeoordeling binnen 5 werkdagen"),
            assessments["done"],
            assessments["met"],
            norm("ASSESSMENT_SHARE"),
        ),
        NormShare(
            _("onderzoek binnen 10 weken"),
            investigations["done"],
            investigations["met"],
            norm("INVESTIGATION_SHARE"),
        ),
    ]
