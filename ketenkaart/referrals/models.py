"""A referral to second-line (specialised) youth care, recorded on the dossier so the monitor
can count them over time by who referred: the wijkteam, the GI or the court. Jeugdwet art. 2.6
lid 1 onder g: the municipality pays for care the local team, a GI or the court refers to."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Municipality, Professional, Region


class CareKind(models.TextChoices):
    YOUTH_MENTAL_HEALTH = "youth_mental_health", _("Specialistische jeugd-GGZ")
    RESIDENTIAL = "residential", _("Verblijf (residentiële jeugdhulp)")
    FOSTER_CARE = "foster_care", _("Pleegzorg")
    INTELLECTUAL_DISABILITY = "intellectual_disability", _("Specialistische LVB-zorg")
    SPECIALISED_AMBULANT = "specialised_ambulant", _("Specialistische ambulante jeugdhulp")
    OTHER = "other", _("Andere tweedelijnszorg")


class Referrer(models.TextChoices):
    LOCAL_TEAM = "local_team", _("Wijkteam / lokaal team")
    CERTIFIED_INSTITUTION = "certified_institution", _("Gecertificeerde instelling (GI)")
    COURT = "court", _("Kinderrechter")


class Referral(models.Model):
    """One referral: kind of care, who referred, on what day. Region and municipality sit on
    the row (copied from the household) so the monitor counts without joining the dossier."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="referrals")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    care_kind = models.CharField(_("soort zorg"), max_length=30, choices=CareKind.choices)
    referred_by = models.CharField(_("verwezen door"), max_length=30, choices=Referrer.choices)
    referred_on = models.DateField(_("datum verwijzing"))
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd"))

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-referred_on", "-recorded_at"]
        indexes = [models.Index(fields=["region", "referred_on"])]

    def __str__(self) -> str:
        return f"verwijzing {self.pk}"
