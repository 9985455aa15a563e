"""The veiligheidsteam (M4): teams with a weekly schedule, case meetings with an agenda of
families, the team's advice and decisions, actions with an owner, the Raad's toets, and the
content-free notices that tell professionals of different organisations about each other."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Expertise, Organisation, Professional, Region


class SafetyTeam(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="safety_teams")
    organisations = models.ManyToManyField(
        Organisation, related_name="safety_teams", verbose_name=_("deelnemende organisaties")
    )
    members = models.ManyToManyField(
        Professional, related_name="safety_teams", verbose_name=_("leden")
    )
    # How long after a meeting its participants may still read the families it discussed.
    follow_up_days = models.PositiveSmallIntegerField(_("nazorgperiode in dagen"), default=14)

    class Meta:
        verbose_name = _("veiligheidsteam")
        verbose_name_plural = _("veiligheidsteams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationProposal(models.Model):
    """An organisation one member asked to bring into the team. It takes part only when a
    second member confirms (four eyes): its people then read the families on the agendas of
    the team's meetings, so one member alone never widens that circle (issue 9, finding 7)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(SafetyTeam, on_delete=models.CASCADE, related_name="proposals")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    proposed_by = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    proposed_at = models.DateTimeField(_("voorgesteld op"))

    class Meta:
        verbose_name = _("voorgestelde organisatie")
        verbose_name_plural = _("voorgestelde organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "organisation"], name="organisation_proposal_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.team}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class ScheduleSlot(models.Model):
    """A fixed weekly moment of the team (e.g. Monday, Wednesday and Friday at 9:00)."""

    id = models.BigAutoField(primary_key=True)
    team = models.ForeignKey(SafetyTeam, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("dag van de week"), choices=Weekday.choices)
    starts_at = models.TimeField(_("begintijd"))
    duration_minutes = models.PositiveSmallIntegerField(_("duur in minuten"), default=90)

    class Meta:
        verbose_name = _("vast overlegmoment")
        verbose_name_plural = _("vaste overlegmomenten")
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="schedule_slot_weekday"),
            models.UniqueConstraint(
                fields=["team", "weekday", "starts_at"], name="schedule_slot_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"moment {self.weekday} {self.starts_at}"


class CaseMeeting(models.Model):
    """One consultation. Its participants read the families on its agenda, read only, from
    `starts_at` until `access_until` (the end plus the team's follow-up period)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(SafetyTeam, on_delete=models.PROTECT, related_name="meetings")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    access_until = models.DateTimeField(_("inzage tot"))
    participants = models.ManyToManyField(
        Professional, related_name="case_meetings", verbose_name=_("deelnemers")
    )
    created_at = models.DateTimeField(_("aangemaakt"))

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["team", "starts_at"], name="case_meeting_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="case_meeting_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(access_until__gte=models.F("ends_at")),
                name="case_meeting_access_after_end",
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "access_until"])]

    def __str__(self) -> str:
        return f"casusoverleg {self.pk}"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    DISCUSSED = "discussed", _("Besproken")


class AgendaItem(models.Model):
    """A family on a meeting's agenda, presented from the map version it had when added."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="items")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    presented_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("vraag aan het team"))
    # Expertise the case asks for (organisations.Expertise values); matching uses them.
    tags = models.JSONField(_("expertise die de casus vraagt"), default=list, blank=True)
    # The map version the team saw (0: the family had no map yet). Never changes afterwards.
    map_version = models.PositiveIntegerField(_("versie van de veiligheidskaart"))
    position = models.PositiveSmallIntegerField(_("volgorde"))
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    advice = models.TextField(_("advies van het team"), blank=True)
    discussed_at = models.DateTimeField(_("besproken op"), null=True, blank=True)
    added_at = models.DateTimeField(_("toegevoegd"))

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "household"], name="agenda_item_one_per_household"
            ),
        ]
        indexes = [models.Index(fields=["household", "meeting"])]

    def __str__(self) -> str:
        return f"agendapunt {self.pk}"

    @property
    def tag_labels(self) -> list[str]:
        labels = dict(Expertise.choices)
        return [str(labels.get(tag, tag)) for tag in self.tags]


class Decision(models.Model):
    """A decision of the team on one case, with who agreed to it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("besluit"))
    agreed_by = models.ManyToManyField(
        Professional, related_name="+", verbose_name=_("akkoord gegeven door")
    )
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd"))

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"besluit {self.pk}"


class ActionState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


class Action(models.Model):
    """An action agreed in a meeting; while open past its due date it comes back on the
    agenda of the team's next meetings (computed on read)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(SafetyTeam, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField(_("actie"))
    owner = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="actions")
    due_on = models.DateField(_("uiterlijk"))
    state = models.CharField(
        _("status"), max_length=20, choices=ActionState.choices, default=ActionState.OPEN
    )
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt"))
    closed_at = models.DateTimeField(_("afgesloten"), null=True, blank=True)
    # The last day a deadline reminder went out, so the scheduler reminds once a day at most.
    reminded_on = models.DateField(_("herinnerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="open", closed_at__isnull=True)
                | (~Q(state="open") & Q(closed_at__isnull=False)),
                name="action_closed_when_not_open",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "state", "due_on"]),
            models.Index(fields=["owner", "state", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"actie {self.pk}"


class BoardCheckOutcome(models.TextChoices):
    PENDING = "pending", _("Nog niet bekend")
    CHECK_SUFFICED = "check_sufficed", _("Toets volstond")
    FULL_INVESTIGATION = "full_investigation", _("Volledig raadsonderzoek nodig")


class BoardCheck(models.Model):
    """A toets package for the Raad, frozen as it was sent, and what the Raad concluded."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt"))
    map_version = models.PositiveIntegerField(_("versie van de veiligheidskaart"))
    package = models.JSONField(_("pakket"))
    outcome = models.CharField(
        _("uitkomst"),
        max_length=30,
        choices=BoardCheckOutcome.choices,
        default=BoardCheckOutcome.PENDING,
    )
    outcome_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_at = models.DateTimeField(_("uitkomst vastgelegd"), null=True, blank=True)

    class Meta:
        verbose_name = _("toets van de Raad")
        verbose_name_plural = _("toetsen van de Raad")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="pending", outcome_at__isnull=True)
                | (~Q(outcome="pending") & Q(outcome_at__isnull=False)),
                name="board_check_outcome_dated",
            ),
        ]
        indexes = [models.Index(fields=["region", "outcome"])]

    def __str__(self) -> str:
        return f"toets {self.pk}"

    @property
    def start_by(self):
        """The Raad's start norm as a deadline (ketenkaart.reports.norms)."""
        from ketenkaart.reports.norms import board_start_deadline

        return board_start_deadline(self.created_at)


class InvolvementNotice(models.Model):
    """'Also involved': told once to `recipient` about `about` for a child they share (or a
    sibling). Names, organisation and phone only; never a reason, a role or any content."""

    id = models.BigAutoField(primary_key=True)
    recipient = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    about = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("verstuurd"))

    class Meta:
        verbose_name = _("melding van betrokkenheid")
        verbose_name_plural = _("meldingen van betrokkenheid")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "about", "household"], name="involvement_notice_once"
            ),
        ]

    def __str__(self) -> str:
        return f"ook betrokken {self.pk}"
