"""The in-app inbox: one row per message to one professional. The e-mail that goes with it only
says that there is a message; what it is about stays behind the login."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenkaart.organisations.models import Professional


class Kind(models.TextChoices):
    ACTION = "action", _("Actie")
    MATCH = "match", _("Matching")
    HANDOVER = "handover", _("Overdracht van regie")
    DEADLINE = "deadline", _("Termijn")
    INVOLVEMENT = "involvement", _("Ook betrokken")
    # For the privacy officer: a possible duplicate, a search limit reached.
    PRIVACY = "privacy", _("Privacy")
    # A decision about a family one works with: Veilig Thuis's, or a case meeting's.
    DECISION = "decision", _("Besluit")


class Notification(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        Professional, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"), blank=True)
    # A path inside Ketenkaart (UUIDs only); the page behind it goes through the gate again.
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("verstuurd"))
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)
    emailed = models.BooleanField(_("ook per e-mail"), default=False)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]

    def __str__(self) -> str:
        return f"bericht {self.pk}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
