"""Emergency access (break the glass): a reason, a time limit, and a review afterwards."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Professional


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("Terecht")
    FLAGGED = "flagged", _("Niet in orde: nagaan")


class EmergencyAccess(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    professional = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reden"))
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("beoordeling"), blank=True)
    review_outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=ReviewOutcome.choices, blank=True, default=""
    )
    # The privacy officer reviews each one by this day (ketenkaart.access.emergency).
    review_due_on = models.DateField(_("beoordelen uiterlijk"), null=True, blank=True)

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        indexes = [
            models.Index(fields=["professional", "expires_at"]),
            # What waits for the privacy officer's review (core/home.py): the few open ones,
            # not years of reviewed grants.
            models.Index(
                fields=["granted_at", "id"],
                condition=models.Q(reviewed_at__isnull=True),
                name="emergency_to_review",
            ),
        ]

    def __str__(self) -> str:
        return f"noodtoegang {self.pk}"
