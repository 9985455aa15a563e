"""The neighbourhood guide and the low-threshold consult. Neither holds family data: the guide
lists professionals' work contact details; a consult is a question without a family named,
until its asker turns it into a meldcode trail (which is theirs alone)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.organisations.models import District, Organisation, Professional


class Subject(models.TextChoices):
    SCHOOL = "school", _("School (intern begeleider)")
    CHILDCARE = "childcare", _("Kinderopvang")
    YOUTH_HEALTH = "youth_health", _("JGZ")
    GP = "gp", _("Huisarts")
    COMMUNITY_WORK = "community_work", _("Opbouwwerk / welzijn")
    SPORT = "sport", _("Sport")
    LOCAL_TEAM = "local_team", _("Contactpersoon wijkteam")
    OTHER = "other", _("Anders")


class GuideEntry(models.Model):
    """Who to call in a district, kept by the organisation it belongs to."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="guide_entries")
    subject = models.CharField(_("onderwerp"), max_length=30, choices=Subject.choices)
    contact_name = models.CharField(_("naam contactpersoon"), max_length=200)
    role = models.CharField(_("rol"), max_length=200)
    phone = models.CharField(_("telefoon (werk)"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail (werk)"), blank=True)
    where_and_when = models.CharField(_("waar en wanneer te vinden"), max_length=300, blank=True)
    professional = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("bijgewerkt"))

    class Meta:
        verbose_name = _("vermelding in de wijkgids")
        verbose_name_plural = _("wijkgids")
        ordering = ["subject", "contact_name"]
        indexes = [models.Index(fields=["district", "subject"], name="guide_district_subject")]

    def __str__(self) -> str:
        return f"{self.contact_name} ({self.get_subject_display()})"


class ConsultStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Beantwoord")
    CONVERTED = "converted", _("Omgezet in een meldcode-traject")


class Consult(models.Model):
    """A worried professional's question to the district's wijkteam contact, family unnamed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="consults")
    asked_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("uw vraag"))
    status = models.CharField(
        _("stand"), max_length=20, choices=ConsultStatus.choices, default=ConsultStatus.OPEN
    )
    created_at = models.DateTimeField(_("gesteld"))
    converted_at = models.DateTimeField(_("omgezet"), null=True, blank=True)
    # The asker's own trail; only they can open it.
    trail_id = models.UUIDField(_("meldcode-traject"), null=True, blank=True)

    class Meta:
        verbose_name = _("consult")
        verbose_name_plural = _("consulten")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(question=""), name="consult_question"),
            models.CheckConstraint(
                condition=Q(status="converted", trail_id__isnull=False, converted_at__isnull=False)
                | (~Q(status="converted") & Q(trail_id__isnull=True, converted_at__isnull=True)),
                name="consult_converted_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"consult {self.pk}"


class ConsultMessage(models.Model):
    id = models.BigAutoField(primary_key=True)
    consult = models.ForeignKey(Consult, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("bericht"))
    sent_at = models.DateTimeField(_("verstuurd"))

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="consult_message_text")]

    def __str__(self) -> str:
        return f"bericht {self.pk}"
