"""The veiligheidskaart: one map per household, immutable versions, and each participant's
safety scale as its own rows (never averaged)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household, Person
from ketenkaart.organisations.models import Organisation, Professional


class SafetyMap(models.Model):
    """The head of a household's map. `current_number` is the optimistic-concurrency token."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="safety_map")
    current_number = models.PositiveIntegerField(_("huidige versie"), default=0)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("veiligheidskaart")
        verbose_name_plural = _("veiligheidskaarten")

    def __str__(self) -> str:
        return f"veiligheidskaart {self.pk}"


class SafetyMapVersion(models.Model):
    """One save of the map. Never updated: a correction or an agreement is a new version."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    map = models.ForeignKey(SafetyMap, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    content = models.JSONField(_("inhoud"))
    # Section keys that differ from the previous version; the history shows them without
    # loading every version's content.
    changed_sections = models.JSONField(_("gewijzigde onderdelen"), default=list)
    author = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("opgeslagen"))
    agreed_with_family = models.BooleanField(_("besproken en afgesproken met het gezin"))
    agreed_with = models.CharField(_("met wie van het gezin"), max_length=200, blank=True)
    agreed_at = models.DateTimeField(_("afgesproken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie van de veiligheidskaart")
        verbose_name_plural = _("versies van de veiligheidskaart")
        constraints = [
            models.UniqueConstraint(fields=["map", "number"], name="safety_map_version_unique"),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="safety_map_version_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(agreed_with_family=False, agreed_at__isnull=True, agreed_with="")
                | Q(agreed_with_family=True, agreed_at__isnull=False) & ~Q(agreed_with=""),
                name="safety_map_version_agreement_complete",
            ),
        ]
        indexes = [
            # The last version agreed with the family is one index step, however many
            # versions without an agreement came after it.
            models.Index(
                fields=["map", "-number"],
                condition=Q(agreed_with_family=True),
                name="safety_map_version_agreed",
            ),
        ]

    def __str__(self) -> str:
        return f"versie {self.number}"


class ParticipantKind(models.TextChoices):
    MEMBER = "member", _("Gezinslid")
    PROFESSIONAL = "professional", _("Professional")


class SafetyScore(models.Model):
    """A participant's score on the safety scale, given with one version.

    A version holds only the scores given or changed with it; a participant's current score is
    their latest row. `map` and `number` repeat the version's so that one participant's scale
    over time is one indexed query.
    """

    id = models.BigAutoField(primary_key=True)
    version = models.ForeignKey(SafetyMapVersion, on_delete=models.CASCADE, related_name="scores")
    map = models.ForeignKey(SafetyMap, on_delete=models.CASCADE, related_name="scores")
    number = models.PositiveIntegerField(_("versie"))
    participant_kind = models.CharField(
        _("soort deelnemer"), max_length=20, choices=ParticipantKind.choices
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="safety_scores"
    )
    professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="safety_scores"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    reason = models.TextField(_("reden"))
    given_at = models.DateTimeField(_("gegeven op"))

    class Meta:
        verbose_name = _("score op de veiligheidsschaal")
        verbose_name_plural = _("scores op de veiligheidsschaal")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=10), name="safety_score_between_0_and_10"
            ),
            models.CheckConstraint(
                condition=Q(
                    participant_kind="member", person__isnull=False, professional__isnull=True
                )
                | Q(
                    participant_kind="professional",
                    person__isnull=True,
                    professional__isnull=False,
                ),
                name="safety_score_exactly_one_participant",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="safety_score_reason_required"),
            models.UniqueConstraint(
                fields=["version", "person"],
                condition=Q(person__isnull=False),
                name="safety_score_one_per_member_per_version",
            ),
            models.UniqueConstraint(
                fields=["version", "professional"],
                condition=Q(professional__isnull=False),
                name="safety_score_one_per_professional_per_version",
            ),
        ]
        indexes = [
            models.Index(fields=["map", "person", "number"], name="safety_score_member_scale"),
            models.Index(fields=["map", "professional", "number"], name="safety_score_pro_scale"),
        ]

    def __str__(self) -> str:
        return f"score {self.score}"

    @property
    def participant_id(self):
        return (
            self.person_id
            if self.participant_kind == ParticipantKind.MEMBER
            else self.professional_id
        )

    @property
    def key(self) -> tuple[str, str]:
        return (self.participant_kind, str(self.participant_id))

    @property
    def participant_name(self) -> str:
        if self.participant_kind == ParticipantKind.MEMBER:
            return self.person.full_name
        return self.professional.display_name
