"""Retention: the periods per organisation type (defaults in rules.py, overridden here), and
the legal holds that block destruction while a procedure is pending."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household
from ketenkaart.organisations.models import OrganisationType, Professional


class Anchor(models.TextChoices):
    HELP_ENDED = "help_ended", _("Jaren na het einde van de hulp")
    YOUNGEST_MAJORITY = "youngest_majority", _("Jaren nadat het jongste kind 18 werd")


class RetentionPeriod(models.Model):
    """An installation's own period for one organisation type; replaces the default."""

    organisation_type = models.CharField(
        _("soort organisatie"), max_length=40, choices=OrganisationType.choices, unique=True
    )
    anchor = models.CharField(_("vanaf"), max_length=30, choices=Anchor.choices)
    years = models.PositiveSmallIntegerField(_("jaren"))
    source = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self) -> str:
        return f"{self.organisation_type}: {self.years}"


class HoldReason(models.TextChoices):
    PROCEDURE = "procedure", _("Lopende procedure (rechter, klacht, tuchtrecht)")
    REQUEST = "request", _("Verzoek van het gezin in behandeling")
    OTHER = "other", _("Andere wettelijke reden")


class LegalHold(models.Model):
    """Blocks destruction of a dossier until lifted. A court measure in force blocks it too,
    without a row here (rules.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(_("reden"), max_length=20, choices=HoldReason.choices)
    placed_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("geplaatst"))
    # Why, in the placer's words (which procedure, until when); deleted with the dossier.
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    lifted_at = models.DateTimeField(_("opgeheven"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("blokkade van vernietiging")
        verbose_name_plural = _("blokkades van vernietiging")

    def __str__(self) -> str:
        return f"blokkade {self.pk}"
