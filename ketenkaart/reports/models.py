"""Signals, the meldcode and Veilig Thuis: advies and melding, police zorgmeldingen, the
veiligheidsbeoordeling with its outcomes, the investigation, joint visits and the feedback owed
to the reporter. The region sits on every row a region's VT team works from."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household, Person
from ketenkaart.organisations.models import Organisation, Professional, Region

# -- meldcode ----------------------------------------------------------------------------------


class TrailStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    CLOSED = "closed", _("Afgesloten: geen vermoeden")
    MUST_REPORT = "must_report", _("Melden bij Veilig Thuis (verplicht)")
    REPORT = "report", _("Melden bij Veilig Thuis")
    HELP = "help", _("Hulp geboden of georganiseerd")
    HELP_CLOSED = "help_closed", _("Hulp afgesloten, met afspraken over monitoring")
    REPORTED = "reported", _("Gemeld bij Veilig Thuis")
    STOPPED = "stopped", _("Gestopt bij een stap, met reden")


# Meldcode (Wet verplichte meldcode, Besluit verplichte meldcode; afwegingskader 2019): once the
# trail says "report", only a melding (or handing it to Veilig Thuis) ends it.
MUST_END_IN_A_MELDING = (TrailStatus.MUST_REPORT, TrailStatus.REPORT)


class MeldcodeTrail(models.Model):
    """A signaler's walk through the five meldcode steps and the afwegingskader. Their own."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="trails")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    # How the signaler refers to the child in their own file; never shown outside the trail.
    subject = models.CharField(_("over wie"), max_length=200)
    signals = models.TextField(_("stap 1: signalen"), blank=True)
    colleague_consulted = models.TextField(_("stap 2: collegiale consultatie"), blank=True)
    conversation = models.TextField(_("stap 3: gesprek met betrokkenen"), blank=True)
    weighing = models.TextField(_("stap 4: weging"), blank=True)
    status = models.CharField(
        _("stand"), max_length=20, choices=TrailStatus.choices, default=TrailStatus.OPEN
    )
    monitoring_agreements = models.TextField(_("afspraken over monitoring"), blank=True)
    # Stopping at a step is explicit and recorded with its reason.
    stopped_at_step = models.PositiveSmallIntegerField(_("gestopt bij stap"), null=True, blank=True)
    stop_reason = models.TextField(_("reden om te stoppen"), blank=True, default="")
    # A restart begins a new round; earlier answers stay, as the log of how it went.
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)
    started_at = models.DateTimeField(_("gestart"))
    updated_at = models.DateTimeField(_("bijgewerkt"))

    class Meta:
        verbose_name = _("meldcodetraject")
        verbose_name_plural = _("meldcodetrajecten")
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self) -> str:
        return f"meldcodetraject {self.pk}"


class TrailFindings(models.Model):
    """The findings of steps 1–4 as recorded in one round: every save is a new row, never
    overwritten, so earlier rounds stay readable after a restart. The trail's own fields hold
    the latest; after the melding they are frozen."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    trail = models.ForeignKey(MeldcodeTrail, on_delete=models.CASCADE, related_name="findings")
    round = models.PositiveSmallIntegerField(_("ronde"))
    signals = models.TextField(_("stap 1: signalen"))
    colleague_consulted = models.TextField(_("stap 2: collegiale consultatie"), blank=True)
    conversation = models.TextField(_("stap 3: gesprek met betrokkenen"), blank=True)
    weighing = models.TextField(_("stap 4: weging"), blank=True)
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd"))

    class Meta:
        verbose_name = _("bevindingen meldcode")
        verbose_name_plural = _("bevindingen meldcode")
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"bevindingen ronde {self.round}"


class Answer(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    WITH_VT = "with_vt", _("Samen met Veilig Thuis")


class TrailAnswer(models.Model):
    """One answer to an afwegingskader question, with its reasons. Never changed: a later
    answer to the same question (when the trail restarts) is a new row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    trail = models.ForeignKey(MeldcodeTrail, on_delete=models.CASCADE, related_name="answers")
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)
    question = models.PositiveSmallIntegerField(_("vraag"))
    answer = models.CharField(_("antwoord"), max_length=10, choices=Answer.choices)
    reasons = models.TextField(_("redenen"))
    answered_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("beantwoord"))

    class Meta:
        verbose_name = _("antwoord afwegingskader")
        verbose_name_plural = _("antwoorden afwegingskader")
        ordering = ["answered_at", "question"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__gte=1, question__lte=5), name="trail_answer_question_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"vraag {self.question}: {self.answer}"


# -- advies and melding ------------------------------------------------------------------------


class ReportSource(models.TextChoices):
    POLICE = "police", _("Politie (zorgmelding)")
    PROFESSIONAL = "professional", _("Professional")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis, op eigen titel")
    CITIZEN = "citizen", _("Burger")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen, veiligheidsbeoordeling loopt")
    CLOSED = "closed", _("Afgesloten")
    ADVICE = "advice", _("Omgezet naar advies")
    HANDED_OVER = "handed_over", _("Overgedragen")
    CONDITIONS = "conditions", _("Voorwaarden en vervolg: Veilig Thuis monitort")
    INVESTIGATION = "investigation", _("Onderzoek door Veilig Thuis")
    INVESTIGATED = "investigated", _("Onderzoek afgerond")


# Veilig Thuis is still involved while a report is in one of these.
OPEN_STATUSES = (ReportStatus.RECEIVED, ReportStatus.CONDITIONS, ReportStatus.INVESTIGATION)


class RadarClass(models.TextChoices):
    FIRST = "first", _("Eerste melding")
    REPEAT = "repeat", _("Herhaalde melding")
    WHILE_INVOLVED = "while_involved", _("Melding terwijl Veilig Thuis betrokken is")


class AdviceRequest(models.Model):
    """An advies: a consultation of Veilig Thuis. May be anonymous; may become a melding."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    anonymous = models.BooleanField(_("anoniem"), default=False)
    asker_name = models.CharField(_("naam vrager"), max_length=200, blank=True)
    asker_organisation = models.CharField(_("organisatie vrager"), max_length=200, blank=True)
    asker_phone = models.CharField(_("telefoon vrager"), max_length=40, blank=True)
    question = models.TextField(_("vraag"))
    answer = models.TextField(_("advies"), blank=True)
    answered_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("beantwoord"), null=True, blank=True)
    trail = models.ForeignKey(
        MeldcodeTrail, on_delete=models.SET_NULL, null=True, blank=True, related_name="advice"
    )
    received_at = models.DateTimeField(_("ontvangen"))

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        indexes = [models.Index(fields=["region", "-received_at"])]

    def __str__(self) -> str:
        return f"advies {self.pk}"


class Report(models.Model):
    """A melding to Veilig Thuis. It needs an identified reporter with contact details."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("bron"), max_length=20, choices=ReportSource.choices)
    # Who sent it into Ketenkaart (a signaler, the police system account, a VT worker).
    submitted_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reporter_name = models.CharField(_("naam melder"), max_length=200)
    reporter_organisation = models.CharField(_("organisatie melder"), max_length=200, blank=True)
    reporter_phone = models.CharField(_("telefoon melder"), max_length=40)
    reporter_email = models.CharField(_("e-mail melder"), max_length=200, blank=True)
    anonymity_promised = models.BooleanField(_("anonimiteit naar het gezin toegezegd"))
    # The reporter may ask for anonymity; only Veilig Thuis promises (or withdraws) it.
    anonymity_requested = models.BooleanField(_("melder vraagt anonimiteit"), default=False)
    anonymity_withdrawal_reason = models.TextField(
        _("reden intrekking anonimiteit"), blank=True, default=""
    )
    summary = models.TextField(_("wat er is gemeld"))
    acute = models.BooleanField(_("acuut"), default=False)
    # When Veilig Thuis received it; the deadline counts from here.
    received_at = models.DateTimeField(_("ontvangen"))
    # A police message's own registration time (geregistreerdOp), kept beside the receipt.
    registered_at = models.DateTimeField(_("geregistreerd door de politie"), null=True, blank=True)
    # When it became acute (at receipt, by a later form, or by VT's own judgement).
    acute_since = models.DateTimeField(_("acuut sinds"), null=True, blank=True)
    # 5 working days after receipt; "at once" (the day it became acute) when acute. Stored to
    # order the queue.
    assess_by = models.DateField(_("beoordelen uiterlijk"))
    status = models.CharField(
        _("stand"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    radar = models.CharField(_("radar"), max_length=20, choices=RadarClass.choices)
    # The police's own registration number of the incident: the key that makes a message
    # idempotent. Several forms about one incident share it.
    police_reference = models.CharField(_("registratienummer politie"), max_length=40, blank=True)
    # The number a reporter quotes when they call Veilig Thuis: VT-<year>-<six digits>, given
    # when the melding is made in Ketenkaart (police zorgmeldingen carry the police's own).
    reference = models.CharField(_("kenmerk"), max_length=20, blank=True)
    trail = models.ForeignKey(
        MeldcodeTrail, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    from_advice = models.OneToOneField(
        AdviceRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="converted_to",
    )
    # The audit row of a file import names this batch.
    import_batch = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["police_reference"],
                condition=~Q(police_reference=""),
                name="report_unique_police_reference",
            ),
            models.CheckConstraint(
                condition=~Q(reporter_name="") & ~Q(reporter_phone=""),
                name="report_reporter_identified",
            ),
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="report_unique_reference"
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status", "assess_by"]),
            models.Index(fields=["submitted_by", "-received_at"]),
            models.Index(fields=["household", "status"]),
        ]

    def __str__(self) -> str:
        return f"melding {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PersonRole(models.TextChoices):
    CHILD = "child", _("Kind")
    PARENT = "parent", _("Ouder of verzorger")
    SUSPECT = "suspect", _("Vermoedelijke pleger")
    OTHER = "other", _("Anders")


class ReportPerson(models.Model):
    """A person a melding is about, as reported; `person` is the radar's match, when found."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("rol"), max_length=20, choices=PersonRole.choices)
    given_names = models.CharField(_("voornamen"), max_length=200)
    surname_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("persoon in een melding")
        verbose_name_plural = _("personen in een melding")

    def __str__(self) -> str:
        return f"persoon {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname_prefix, self.surname) if p)


class PoliceReport(models.Model):
    """One police form (zorgmelding) about an incident; several make one melding."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="police_forms")
    form_reference = models.CharField(_("kenmerk formulier"), max_length=40)
    kind = models.CharField(_("soort formulier"), max_length=80)
    occurred_on = models.DateField(_("datum incident"), null=True, blank=True)
    text = models.TextField(_("inhoud"))
    received_at = models.DateTimeField(_("ontvangen"))

    class Meta:
        verbose_name = _("zorgmelding politie")
        verbose_name_plural = _("zorgmeldingen politie")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "form_reference"], name="police_form_unique_reference"
            )
        ]

    def __str__(self) -> str:
        return f"zorgmelding {self.form_reference}"


# -- veiligheidsbeoordeling --------------------------------------------------------------------


class Outcome(models.TextChoices):
    CLOSE = "close", _("Afsluiten")
    CONVERT_TO_ADVICE = "advice", _("Omzetten naar advies")
    LOCAL_TEAM = "local_team", _("Overdragen aan het lokale team")
    INVOLVED_PROFESSIONAL = "involved_professional", _("Overdragen aan een betrokken professional")
    MULTIDISCIPLINARY = "multidisciplinary", _("Overdragen aan een multidisciplinair team")
    CONDITIONS = "conditions", _("Voorwaarden en vervolg")
    INVESTIGATION = "investigation", _("Onderzoek")


HANDOVER_OUTCOMES = (Outcome.LOCAL_TEAM, Outcome.INVOLVED_PROFESSIONAL, Outcome.MULTIDISCIPLINARY)


class InvestigationReason(models.TextChoices):
    DIRECT_INTERVENTION = "direct_intervention", _("Direct ingrijpen is nodig")
    NOT_CERTAIN = "not_certain", _("Het geweld of de mishandeling staat nog niet vast")
    REFUSES_HELP = "refuses_help", _("Het gezin ontkent of weigert hulp")
    THIN_INFORMATION = "thin_information", _("Te weinig informatie")
    ANONYMITY = "anonymity", _("De melder is anonimiteit toegezegd")


class SafetyAssessment(models.Model):
    """The veiligheidsbeoordeling of one melding: screening A/B/C and its outcome."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="assessment")
    assessed_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(_("beoordeeld"))
    acute_unsafety = models.BooleanField(_("A: acute onveiligheid"))
    structural_unsafety = models.BooleanField(_("B: structurele ernstige onveiligheid"))
    multi_problem = models.BooleanField(_("C: schadelijke multiprobleemsituatie"))
    outcome = models.CharField(_("besluit"), max_length=30, choices=Outcome.choices)
    reasoning = models.TextField(_("onderbouwing"))
    handed_to = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    safety_conditions = models.JSONField(_("veiligheidsvoorwaarden"), default=list, blank=True)
    monitoring = models.TextField(_("monitoring"), blank=True)
    monitor_until = models.DateField(_("monitoren tot"), null=True, blank=True)
    investigation_reasons = models.JSONField(_("redenen voor onderzoek"), default=list, blank=True)
    # The family map's version that holds the conditions, when the map took them.
    safety_map_version = models.UUIDField(null=True, blank=True)
    within_deadline = models.BooleanField(_("binnen de termijn"))

    class Meta:
        verbose_name = _("veiligheidsbeoordeling")
        verbose_name_plural = _("veiligheidsbeoordelingen")

    def __str__(self) -> str:
        return f"veiligheidsbeoordeling {self.pk}"

    @property
    def screening(self) -> list[str]:
        return [
            letter
            for letter, flag in (
                ("A", self.acute_unsafety),
                ("B", self.structural_unsafety),
                ("C", self.multi_problem),
            )
            if flag
        ]


class Investigation(models.Model):
    """VT's onderzoek; norm: done within 10 weeks."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="investigation")
    started_on = models.DateField(_("gestart"))
    due_on = models.DateField(_("norm: afgerond op"))
    completed_at = models.DateTimeField(_("afgerond"), null=True, blank=True)
    conclusion = models.TextField(_("conclusie"), blank=True)
    follow_up = models.TextField(_("vervolg"), blank=True)
    handed_to = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")

    def __str__(self) -> str:
        return f"onderzoek {self.pk}"


# -- feedback and joint visits -----------------------------------------------------------------


class FeedbackMoment(models.TextChoices):
    AFTER_ASSESSMENT = "after_assessment", _("Na de veiligheidsbeoordeling")
    AFTER_INVESTIGATION = "after_investigation", _("Na het onderzoek")


class ReporterFeedback(models.Model):
    """Terugkoppeling: owed to the reporter at two fixed moments; a task until given."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="feedback")
    moment = models.CharField(_("moment"), max_length=30, choices=FeedbackMoment.choices)
    due_on = models.DateField(_("terugkoppelen op"))
    given_at = models.DateTimeField(_("teruggekoppeld"), null=True, blank=True)
    given_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    follow_up_started = models.BooleanField(_("vervolgtraject gestart"), null=True, blank=True)
    taken_over_by = models.CharField(_("overgenomen door"), max_length=200, blank=True)
    reporter_has_role = models.BooleanField(_("melder heeft een rol"), default=False)
    conditions_and_monitoring = models.TextField(
        _("veiligheidsvoorwaarden en monitoring"), blank=True
    )
    message = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("terugkoppeling aan de melder")
        verbose_name_plural = _("terugkoppelingen aan de melder")
        constraints = [
            models.UniqueConstraint(fields=["report", "moment"], name="feedback_once_per_moment")
        ]
        indexes = [models.Index(fields=["given_at", "due_on"])]

    def __str__(self) -> str:
        return f"terugkoppeling {self.pk}"


class JointVisitStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    DONE = "done", _("Afgelegd")
    CANCELLED = "cancelled", _("Niet doorgegaan")


class JointVisit(models.Model):
    """Samen op pad: Veilig Thuis and the wijkcoach visit a family not open to help."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="joint_visits")
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="joint_visits"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    vt_professional = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reden"))
    planned_for = models.DateTimeField(_("gepland op"))
    status = models.CharField(
        _("stand"),
        max_length=20,
        choices=JointVisitStatus.choices,
        default=JointVisitStatus.PLANNED,
    )
    how_it_went = models.TextField(_("hoe het ging"), blank=True)
    family_open_to_help = models.BooleanField(_("gezin staat open voor hulp"), null=True)
    recorded_at = models.DateTimeField(_("verslag vastgelegd"), null=True, blank=True)
    planned_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("gezamenlijk huisbezoek")
        verbose_name_plural = _("gezamenlijke huisbezoeken")
        ordering = ["planned_for"]

    def __str__(self) -> str:
        return f"huisbezoek {self.pk}"
