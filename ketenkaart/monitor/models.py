"""The monitor's aggregate table: one row per indicator, area, period and series, kept by the
job (ketenkaart.monitor.jobs.refresh). It holds counts and sums only, never a person, a family
or a row id of the source: the dashboard and the API read nothing else."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenkaart.organisations.models import Municipality, Region


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Maand")
    QUARTER = "quarter", _("Kwartaal")


class Cell(models.Model):
    """`base` is how many units (meldingen, gezinnen, ouders, antwoorden) the cell rests on,
    the number suppression looks at; `total` is the count of 'yes', the sum of days or euros.
    A NULL municipality is the whole region (rows without a municipality included)."""

    id = models.BigAutoField(primary_key=True)
    indicator = models.CharField(max_length=40)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    period = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    series = models.CharField(max_length=60, blank=True, default="")
    series_label = models.CharField(max_length=200, blank=True, default="")
    base = models.PositiveIntegerField()
    total = models.FloatField()
    # Hidden although not small: its value would reveal a small cell by subtraction from a
    # total (secondary suppression, monitor.suppression), decided by the job.
    protected = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("monitorcel")
        verbose_name_plural = _("monitorcellen")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "municipality", "period", "period_start", "series"],
                name="monitor_cell_unique",
            ),
            # The region's own cell (no municipality): NULLs are distinct in a unique index.
            models.UniqueConstraint(
                fields=["indicator", "region", "period", "period_start", "series"],
                condition=models.Q(municipality__isnull=True),
                name="monitor_cell_unique_region",
            ),
        ]
        indexes = [
            # The dashboard's one query: an area, a kind of period, a range of periods.
            models.Index(
                fields=["region", "municipality", "period", "period_start"],
                name="monitor_cell_area_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.period_start}"


class Refresh(models.Model):
    """When the job last ran, from which day it recomputed, and how long it took."""

    id = models.BigAutoField(primary_key=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    since = models.DateField(null=True, blank=True)
    cells = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("verversing van de monitor")
        verbose_name_plural = _("verversingen van de monitor")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"verversing {self.started_at:%Y-%m-%d %H:%M}"
