"""The family dossier: households, persons, members, involvements, regie and court measures."""

import datetime
import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from ketenkaart.core.links import link
from ketenkaart.organisations.models import (
    District,
    Municipality,
    Organisation,
    Professional,
    Region,
)


class Frame(models.TextChoices):
    VOLUNTARY = "voluntary", _("Vrijwillig kader")
    COURT_ORDERED = "court_ordered", _("Gedwongen kader")


class Household(models.Model):
    """A household (gezin), with or without children."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam van het gezin"), max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="households")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="households"
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="households"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    closed_at = models.DateTimeField(_("gesloten"), null=True, blank=True)

    class Meta:
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")
        indexes = [
            models.Index(fields=["region", "created_at"]),
            # The privacy officer's list of the region's families by name (core/home.py): 25
            # entries read, not a region's tens of thousands sorted. On PostgreSQL the name
            # search has a trigram index too (migration 0008).
            models.Index(fields=["region", "name", "id"], name="household_region_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The dossier (households:detail), reversed once per process (core.links)."""
        return link("households:detail", "household_id", self.pk)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_names = models.CharField(_("voornamen"), max_length=200)
    surname_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    # Empty when unknown; validated with python-stdnum by the services, never shown in lists.
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        constraints = [
            models.UniqueConstraint(fields=["bsn"], condition=~Q(bsn=""), name="person_unique_bsn")
        ]
        indexes = [
            models.Index(fields=["surname", "birth_date"]),
            # The search compares surnames case-insensitively (UPPER(surname) = UPPER(%s)).
            models.Index(Upper("surname"), "birth_date", name="person_upper_surname_birth"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname_prefix, self.surname) if p)

    @property
    def masked_bsn(self) -> str:
        """The last three digits only: enough to tell two people apart, not to identify."""
        return f"******{self.bsn[-3:]}" if self.bsn else ""

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_date is None:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class MemberRole(models.TextChoices):
    PARENT = "parent", _("Ouder")
    CARER = "carer", _("Verzorger")
    CHILD = "child", _("Kind")
    OTHER = "other", _("Anders")


class Member(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rol in het gezin"), max_length=20, choices=MemberRole.choices)
    has_custody = models.BooleanField(_("heeft gezag"), default=False)
    added_at = models.DateTimeField(_("toegevoegd"), auto_now_add=True)

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="member_unique_person"),
            models.CheckConstraint(
                condition=~Q(role="child") | Q(has_custody=False),
                name="member_child_has_no_custody",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.pk}"


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Toestemming")
    VT_WMO_5_2_6 = "wmo_5_2_6", _("Wmo 2015 art. 5.2.6 (Veilig Thuis)")
    BOARD_BW_1_240 = "bw_1_240", _("BW 1:240 (Raad voor de Kinderbescherming)")
    GI_JEUGDWET_7_3_11 = "jeugdwet_7_3_11", _("Jeugdwet art. 7.3.11 lid 4 (GI tijdens maatregel)")
    COURT_MEASURE = "court_measure", _("Kinderbeschermingsmaatregel")
    LEGAL_DUTY = "legal_duty", _("Wettelijke taak")
    # Veilig Thuis hands a family over: its own task of informing an organisation that can give
    # fitting help (Wmo 2015 art. 4.1.1 lid 2), not the meldrecht towards VT (art. 5.2.6).
    VT_HANDOVER_WMO_4_1_1 = (
        "wmo_4_1_1",
        _("Wmo 2015 art. 4.1.1 lid 2 (overdracht door Veilig Thuis)"),
    )


class Involvement(models.Model):
    """A professional involved with a household (betrokkenheid); one of them may lead."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="involvements")
    professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="involvements"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="involvements"
    )
    role_in_family = models.CharField(_("rol bij het gezin"), max_length=120)
    legal_basis = models.CharField(_("grondslag"), max_length=30, choices=LegalBasis.choices)
    started_on = models.DateField(_("betrokken sinds"))
    ended_on = models.DateField(_("betrokken tot"), null=True, blank=True)
    is_lead = models.BooleanField(_("regisseur"), default=False)

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        constraints = [
            # One regisseur per household: the database refuses a second.
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(is_lead=True),
                name="involvement_one_lead_per_household",
            ),
            models.UniqueConstraint(
                fields=["household", "professional"],
                condition=Q(ended_on__isnull=True),
                name="involvement_one_active_per_professional",
            ),
            models.CheckConstraint(
                condition=Q(is_lead=False) | Q(ended_on__isnull=True),
                name="involvement_lead_is_active",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="involvement_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["professional", "ended_on"])]

    def __str__(self) -> str:
        return f"betrokkenheid {self.pk}"


class Handover(models.Model):
    """A change of regie: every one is logged with its reason and shows on the timeline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="handovers")
    from_professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_professional = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reden"))
    occurred_at = models.DateTimeField(_("moment"))
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"overdracht {self.pk}"


class OfferState(models.TextChoices):
    PENDING = "pending", _("Wacht op de nieuwe regisseur")
    ACCEPTED = "accepted", _("Aanvaard")
    DECLINED = "declined", _("Afgewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class HandoverOffer(models.Model):
    """A handover asked for and not yet taken: regie stays with the current regisseur until the
    receiver accepts, so a family is never without one (one family, one plan, one regisseur).
    On acceptance the Handover is written and linked here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="offers")
    from_professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="handover_offers"
    )
    reason = models.TextField(_("reden"))
    offered_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    offered_at = models.DateTimeField(_("gevraagd op"))
    state = models.CharField(
        _("stand"), max_length=20, choices=OfferState.choices, default=OfferState.PENDING
    )
    answer = models.TextField(_("toelichting bij het antwoord"), blank=True)
    decided_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handover = models.OneToOneField(
        "Handover", on_delete=models.PROTECT, null=True, blank=True, related_name="offer"
    )
    # The regisseur ends their own involvement with this handover: it ends when the receiver
    # accepts, not before (until then they stay the regisseur).
    leaves_on_acceptance = models.BooleanField(_("stopt na aanvaarden"), default=False)

    class Meta:
        verbose_name = _("gevraagde overdracht")
        verbose_name_plural = _("gevraagde overdrachten")
        ordering = ["-offered_at"]
        constraints = [
            # One open question per family: two could each be accepted and race.
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(state="pending"),
                name="handover_offer_one_pending_per_household",
            ),
            models.CheckConstraint(
                condition=Q(state="pending", decided_at__isnull=True)
                | (~Q(state="pending") & Q(decided_at__isnull=False)),
                name="handover_offer_decided_when_not_pending",
            ),
        ]
        indexes = [models.Index(fields=["to_professional", "state"])]

    def __str__(self) -> str:
        return f"gevraagde overdracht {self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.state == OfferState.PENDING


class MeasureType(models.TextChoices):
    PROVISIONAL_SUPERVISION = "provisional_supervision", _("Voorlopige ondertoezichtstelling")
    SUPERVISION = "supervision", _("Ondertoezichtstelling (OTS)")
    OUT_OF_HOME_PLACEMENT = "out_of_home_placement", _("Machtiging uithuisplaatsing")
    CUSTODY_TERMINATION = "custody_termination", _("Gezagsbeëindigende maatregel")


SUPERVISION_TYPES = (MeasureType.PROVISIONAL_SUPERVISION, MeasureType.SUPERVISION)


class GuardianKind(models.TextChoices):
    # Guardianship after a gezagsbeëindiging: by a GI or by a natural person the court
    # appoints, such as a foster parent or a relative (BW 1:275, 1:302).
    INSTITUTION = "institution", _("Gecertificeerde instelling")
    PERSON = "person", _("Natuurlijk persoon (bijvoorbeeld pleegouder of familielid)")


class CourtMeasure(models.Model):
    """A court measure for one child, as a dated legal state. An extension is a new row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="measures")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="measures")
    type = models.CharField(_("maatregel"), max_length=40, choices=MeasureType.choices)
    starts_on = models.DateField(_("ingangsdatum"))
    # Custody termination has no end date: guardianship lasts until majority.
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    ended_on = models.DateField(_("eerder beëindigd op"), null=True, blank=True)
    court = models.CharField(_("rechtbank"), max_length=120)
    # A machtiging uithuisplaatsing exists only together with an OTS (BW 1:265b) and never
    # outlasts it; it lapses when not used within 3 months (BW 1:265c lid 3).
    supervision = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("bij ondertoezichtstelling"),
    )
    used_on = models.DateField(_("ten uitvoer gelegd op"), null=True, blank=True)
    lapses_on = models.DateField(_("vervalt ongebruikt op"), null=True, blank=True)
    # Guardianship after a gezagsbeëindiging.
    guardian_kind = models.CharField(
        _("voogdij bij"), max_length=20, choices=GuardianKind.choices, blank=True, default=""
    )
    guardian_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voogdij-instelling"),
    )
    guardian_name = models.CharField(_("naam voogd"), max_length=200, blank=True, default="")
    extends = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="extension"
    )
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd"))

    class Meta:
        verbose_name = _("kinderbeschermingsmaatregel")
        verbose_name_plural = _("kinderbeschermingsmaatregelen")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="measure_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=False) | Q(type="custody_termination"),
                name="measure_end_date_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.starts_on}"

    def is_active_on(self, day: datetime.date) -> bool:
        if self.starts_on > day:
            return False
        if self.ended_on is not None and self.ended_on <= day:
            return False
        if self.lapses_on is not None and self.lapses_on <= day:
            return False
        return self.ends_on is None or self.ends_on >= day


def active_measures_q(day: datetime.date, prefix: str = "") -> Q:
    """The measures in force on `day`, as a filter (prefix it to filter from a household)."""
    return (
        Q(**{f"{prefix}starts_on__lte": day})
        & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": day}))
        & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day}))
        & (Q(**{f"{prefix}lapses_on__isnull": True}) | Q(**{f"{prefix}lapses_on__gt": day}))
    )


class PossibleDuplicate(models.Model):
    """A member whose BSN is known for a person in a dossier the one who added them may not
    read. The member got a person of their own, with what was typed; the privacy officer of
    the region decides whether they are the same person. Nothing of the other dossier reaches
    the one who added the member."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    # The person the BSN is known for (in a dossier the adder may not read).
    known_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        "organisations.Professional", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd"))
    resolved_at = models.DateTimeField(_("afgehandeld"), null=True, blank=True)

    class Meta:
        verbose_name = _("mogelijk dubbele persoon")
        verbose_name_plural = _("mogelijk dubbele personen")

    def __str__(self) -> str:
        return f"mogelijk dubbel {self.pk}"


class Consent(models.Model):
    """Who consented to a share whose basis is consent: for which child (or adult), for what,
    when. Who must consent follows the ages in ketenkaart.households.legal_basis (under 12 the
    parents with authority; 12 to 15 the child and the parents; 16 and over the youth alone).
    Withdrawn by any of those whose consent was needed; a share then needs another basis."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="consents")
    involvement = models.ForeignKey(
        Involvement, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("waarvoor"), max_length=300)
    # Who the age rule named on the day (ConsentBy), and who gave it.
    needed_from = models.CharField(_("toestemming nodig van"), max_length=30)
    parents = models.ManyToManyField(Person, blank=True, related_name="+")
    by_subject = models.BooleanField(_("door de jongere zelf"), default=False)
    given_on = models.DateField(_("gegeven op"))
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return f"toestemming {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
