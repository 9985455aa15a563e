"""The family portal (Mijn gezin): accounts of parents and youths, the regisseur's one-time
invitations, what the family writes itself, and its requests under the AVG (art. 15-17)."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household, Member
from ketenkaart.organisations.models import Professional


class FamilyAccount(models.Model):
    """A login for one member of one household: a parent or carer with authority, or a youth of
    12 or older (the age rules live in ketenkaart.access.family)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_account"
    )
    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="family_account")
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="family_accounts"
    )
    created_at = models.DateTimeField(_("aangemaakt"))

    class Meta:
        verbose_name = _("account van een gezinslid")
        verbose_name_plural = _("accounts van gezinsleden")

    def __str__(self) -> str:
        return f"gezinsaccount {self.pk}"


class Invitation(models.Model):
    """A one-time code the regisseur hands a member (by letter or text message). Only its hash
    is stored; the code is shown once, to the regisseur who made it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt"))
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(_("gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging voor Mijn gezin")
        verbose_name_plural = _("uitnodigingen voor Mijn gezin")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"uitnodiging {self.pk}"

    def is_open_at(self, moment: datetime.datetime) -> bool:
        return self.used_at is None and self.revoked_at is None and moment < self.expires_at


class ContributionKind(models.TextChoices):
    WORDS = "words", _("Eigen woorden")
    SCALE = "scale", _("Eigen score op de veiligheidsschaal")
    GOOD_MOMENT = "good_moment", _("Goed moment")
    DISCUSSED = "discussed", _("Kaart met mij besproken")
    REACTION = "reaction", _("Reactie op een versie")


class Contribution(models.Model):
    """Something a family member wrote in the portal, in their own words. Never changed: a new
    word or score is a new row, so the regisseur sees what was said when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="family_contributions"
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("soort"), max_length=20, choices=ContributionKind.choices)
    text = models.TextField(_("tekst"), blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    # The map version this is about (discussed, reaction; the version seen for words and scale).
    map_number = models.PositiveIntegerField(_("versie van de kaart"), null=True, blank=True)
    occurred_on = models.DateField(_("wanneer"), null=True, blank=True)
    created_at = models.DateTimeField(_("geschreven"))

    class Meta:
        verbose_name = _("bijdrage van het gezin")
        verbose_name_plural = _("bijdragen van het gezin")
        indexes = [models.Index(fields=["household", "kind", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="scale") | Q(score__gte=0, score__lte=10) & ~Q(text=""),
                name="contribution_scale_has_score_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(kind="discussed") | ~Q(text=""),
                name="contribution_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"bijdrage {self.pk}"


class RequestKind(models.TextChoices):
    CORRECTION = "correction", _("Verzoek om correctie (AVG art. 16)")
    DESTRUCTION = "destruction", _("Verzoek om eerdere vernietiging (AVG art. 17)")


class RightsRequest(models.Model):
    """A request under the AVG from a family member; answered within its deadline (one month
    for correction, AVG art. 12 lid 3; three months for earlier destruction, Jeugdwet
    art. 7.3.9 and BW 7:455)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="rights_requests"
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="rights_requests")
    kind = models.CharField(_("soort"), max_length=20, choices=RequestKind.choices)
    text = models.TextField(_("uw verzoek"))
    created_at = models.DateTimeField(_("ingediend"))
    due_on = models.DateField(_("uiterlijk beantwoord op"))
    answered_at = models.DateTimeField(_("beantwoord"), null=True, blank=True)
    answer = models.TextField(_("antwoord"), blank=True)

    class Meta:
        verbose_name = _("verzoek van het gezin")
        verbose_name_plural = _("verzoeken van het gezin")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"verzoek {self.pk}"
