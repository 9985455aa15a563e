"""Short questionnaires to professionals of chosen organisations or to parents (through their
regisseur and Mijn gezin): a few closed questions and one open. Answers are
anonymous: a response has no link to its invitation, and the invitation only knows *that* it
was answered (for reminders), not when or with what."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Organisation, Professional, Region


class Audience(models.TextChoices):
    PROFESSIONALS = "professionals", _("Professionals van gekozen organisaties")
    PARENTS = "parents", _("Ouders, via hun regisseur")


class Status(models.TextChoices):
    DRAFT = "draft", _("Concept")
    OPEN = "open", _("Verstuurd")
    CLOSED = "closed", _("Gesloten")


class Questionnaire(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("titel"), max_length=200)
    audience = models.CharField(_("voor wie"), max_length=20, choices=Audience.choices)
    organisations = models.ManyToManyField(Organisation, related_name="+")
    status = models.CharField(
        _("stand"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    closes_on = models.DateField(_("sluit op"))
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt"))
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    CLOSED = "closed", _("Gesloten: ja, een beetje, nee")
    OPEN = "open", _("Open")


class Choice(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "deels", _("Een beetje")
    NO = "nee", _("Nee")


class Question(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("vraag"), max_length=300)
    kind = models.CharField(_("soort"), max_length=10, choices=QuestionKind.choices)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "position"], name="question_unique_position"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """Who was asked: a professional, or a household whose regisseur hands it to the parents
    (and whose parents find it in Mijn gezin)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )
    professional = models.ForeignKey(
        Professional, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The secret of the answer link; not personal data.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    answered = models.BooleanField(default=False)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(professional__isnull=False, household__isnull=True)
                | Q(professional__isnull=True, household__isnull=False),
                name="invitation_one_addressee",
            )
        ]

    def __str__(self) -> str:
        return f"uitnodiging {self.pk}"


class Response(models.Model):
    """One anonymous response: only the day, never who or the invitation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    submitted_on = models.DateField()

    class Meta:
        verbose_name = _("antwoord op een vragenlijst")
        verbose_name_plural = _("antwoorden op vragenlijsten")

    def __str__(self) -> str:
        return f"antwoord {self.pk}"


class Answer(models.Model):
    id = models.BigAutoField(primary_key=True)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=10, choices=Choice.choices, blank=True, default="")
    text = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("antwoord op een vraag")
        verbose_name_plural = _("antwoorden op vragen")

    def __str__(self) -> str:
        return f"antwoord {self.pk}"
