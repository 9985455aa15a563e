"""The ventieltafel: a table per municipality, requests for a justified exception with their
micro cost-benefit analysis, invitations, decisions, the reference-cost catalogue and the policy
signals that recurring exceptions raise."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.exemptions import costbenefit as cb
from ketenkaart.households.models import Household, Member
from ketenkaart.organisations.models import Municipality, Professional, Region


class Domain(models.TextChoices):
    HOUSING = "housing", _("Wonen")
    PUPIL_TRANSPORT = "pupil_transport", _("Leerlingenvervoer")
    DEBTS = "debts", _("Schulden")
    INCOME = "income", _("Inkomen")
    CARE = "care", _("Zorg")
    EDUCATION = "education", _("Onderwijs")
    OTHER = "other", _("Anders")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normaal")
    URGENT = "urgent", _("Spoed")


class SignalBasis(models.TextChoices):
    GRANTED = "granted", _("Toegekende uitzonderingen")
    ASKED = "asked", _("Gevraagde uitzonderingen")


class ExemptionTable(models.Model):
    """The ventieltafel of one municipality, with its own lead time and signal threshold."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, related_name="exemption_table"
    )
    target_working_days = models.PositiveSmallIntegerField(
        _("doorlooptijd in werkdagen"), default=10
    )
    urgent_working_days = models.PositiveSmallIntegerField(
        _("doorlooptijd bij spoed in werkdagen"), default=2
    )
    signal_threshold = models.PositiveSmallIntegerField(_("drempel beleidssignaal"), default=3)
    signal_period_days = models.PositiveSmallIntegerField(
        _("periode beleidssignaal in dagen"), default=365
    )
    signal_basis = models.CharField(
        _("telt voor het beleidssignaal"),
        max_length=10,
        choices=SignalBasis.choices,
        default=SignalBasis.GRANTED,
    )

    class Meta:
        verbose_name = _("ventieltafel")
        verbose_name_plural = _("ventieltafels")
        constraints = [
            models.CheckConstraint(
                condition=Q(signal_threshold__gte=1), name="exemptiontable_threshold_positive"
            ),
            models.CheckConstraint(
                condition=Q(target_working_days__gte=1) & Q(urgent_working_days__gte=1),
                name="exemptiontable_lead_time_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"ventieltafel {self.municipality_id}"


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    DECIDED = "decided", _("Besloten")


class ExemptionRequest(models.Model):
    """A request to deviate from a rule for one household. Its free texts go to the table, so
    they hold no names or BSNs (the service refuses them); the table sees the pseudonym."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    table = models.ForeignKey(ExemptionTable, on_delete=models.PROTECT, related_name="requests")
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="exemption_requests"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    pseudonym = models.CharField(_("pseudoniem"), max_length=20, unique=True)
    asked_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(_("ingediend op"))
    deadline = models.DateField(_("besluit uiterlijk"))
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    urgency = models.CharField(
        _("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    bottleneck = models.TextField(_("knelpunt"))
    rule = models.CharField(_("regel waarvan wordt afgeweken"), max_length=300)
    # The rule in lower case without extra spaces: how precedents and signals group requests.
    rule_key = models.CharField(max_length=300, editable=False)
    legal_basis = models.CharField(_("wettelijke grondslag van die regel"), max_length=300)
    risks = models.TextField(_("risico's als er niets gebeurt"))
    alternatives = models.TextField(_("geprobeerde alternatieven"))
    exception_asked = models.TextField(_("gevraagde uitzondering"))
    status = models.CharField(
        _("stand"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )

    class Meta:
        verbose_name = _("ventielaanvraag")
        verbose_name_plural = _("ventielaanvragen")
        ordering = ["deadline", "asked_at"]
        indexes = [
            models.Index(fields=["table", "status", "deadline"]),
            # The convener's queue: the open requests of the municipalities they serve.
            models.Index(
                fields=["municipality", "deadline"],
                condition=Q(status="submitted"),
                name="exemption_open_by_municipality",
            ),
            models.Index(fields=["table", "domain", "asked_at"]),
            models.Index(fields=["table", "rule_key", "asked_at"]),
        ]

    def __str__(self) -> str:
        return f"Gezin {self.pseudonym}"

    @property
    def display_pseudonym(self) -> str:
        return f"Gezin {self.pseudonym}"


class Invitation(models.Model):
    """A party the convener asked to the table for one request; sees it pseudonymised."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey(
        ExemptionRequest, on_delete=models.CASCADE, related_name="invitations"
    )
    professional = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(_("uitgenodigd op"))

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "professional"], name="invitation_once_per_professional"
            )
        ]

    def __str__(self) -> str:
        return f"uitnodiging {self.pk}"


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Toegekend")
    GRANTED_WITH_CONDITIONS = "granted_with_conditions", _("Toegekend onder voorwaarden")
    REFUSED = "refused", _("Afgewezen")


GRANTED_OUTCOMES = (Outcome.GRANTED, Outcome.GRANTED_WITH_CONDITIONS)


class Decision(models.Model):
    """The table's decision: kept as precedent, with its reasoning and who decided when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.OneToOneField(
        ExemptionRequest, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("besluit"), max_length=30, choices=Outcome.choices)
    reasoning = models.TextField(_("onderbouwing"))
    conditions = models.TextField(_("voorwaarden"), blank=True)
    decided_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("besloten op"))

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.CheckConstraint(condition=~Q(reasoning=""), name="decision_has_reasoning"),
            models.CheckConstraint(
                condition=~Q(outcome="granted_with_conditions") | ~Q(conditions=""),
                name="decision_conditions_when_conditional",
            ),
        ]

    def __str__(self) -> str:
        return f"besluit {self.pk}"


class Evidence(models.TextChoices):
    STRONG = "strong", _("Sterk")
    REASONABLE = "reasonable", _("Redelijk")
    INDICATIVE = "indicative", _("Indicatief")
    WEAK = "weak", _("Zwak")


class Period(models.TextChoices):
    ONCE = cb.ONCE, _("eenmalig")
    DAY = cb.DAY, _("per dag")
    MONTH = cb.MONTH, _("per maand")
    YEAR = cb.YEAR, _("per jaar")


class ReferenceCost(models.Model):
    """One version of a catalogue item. Rows are never changed: a new amount is a new version.

    Without a municipality the row is the national catalogue; with one, it is that
    municipality's own item or its override of a national item (same key).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.SlugField(_("sleutel"), max_length=80)
    version = models.PositiveIntegerField(_("versie"), default=1)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reference_costs",
    )
    item = models.CharField(_("kostenpost"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=100)
    period = models.CharField(_("periode"), max_length=10, choices=Period.choices)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    low = models.DecimalField(_("laag"), max_digits=12, decimal_places=2, null=True, blank=True)
    high = models.DecimalField(_("hoog"), max_digits=12, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("bron"), max_length=300)
    year = models.CharField(_("jaar"), max_length=20, blank=True)
    price_level = models.CharField(_("prijspeil"), max_length=20, blank=True)
    evidence = models.CharField(_("bewijskracht"), max_length=20, choices=Evidence.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"))
    created_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Not stored: `selectors.catalogue` says whether this own row replaces a national item.
    overrides_national: bool = False

    class Meta:
        verbose_name = _("referentiekosten")
        verbose_name_plural = _("referentiekosten")
        ordering = ["item", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(municipality__isnull=True),
                name="referencecost_national_version",
            ),
            models.UniqueConstraint(
                fields=["key", "municipality", "version"],
                condition=Q(municipality__isnull=False),
                name="referencecost_municipal_version",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="referencecost_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.item} (v{self.version})"


class Scenario(models.TextChoices):
    MUDDLING_ON = cb.MUDDLING_ON, _("Doormodderen")
    BREAKING_THROUGH = cb.BREAKING_THROUGH, _("Doorbraak")


class Party(models.TextChoices):
    MUNICIPALITY = "municipality", _("de gemeente")
    HOUSING_CORPORATION = "housing_corporation", _("de woningcorporatie")
    HEALTH_INSURER = "health_insurer", _("de zorgverzekeraar")
    STATE = "state", _("het Rijk")
    EDUCATION = "education", _("het onderwijs")
    CREDITORS = "creditors", _("de schuldeisers")
    FAMILY = "family", _("het gezin")
    OTHER = "other", _("een andere partij")


class CostBenefit(models.Model):
    """The micro cost-benefit analysis of one request; the results are stored with the inputs
    so that lists and policy signals can sum them without recomputing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.OneToOneField(
        ExemptionRequest, on_delete=models.CASCADE, related_name="cost_benefit"
    )
    horizon_months = models.PositiveSmallIntegerField(_("tijdshorizon in maanden"))
    discount_rate = models.DecimalField(
        _("disconteringsvoet per jaar (%)"), max_digits=5, decimal_places=2, default=0
    )
    sensitivity = models.DecimalField(
        _("gevoeligheid (%)"), max_digits=5, decimal_places=2, default=20
    )
    cost_muddling_on = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    cost_breaking_through = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    saving = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    saving_low = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    saving_high = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    summary = models.CharField(_("uitkomst"), max_length=400, blank=True)
    updated_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("bijgewerkt op"))

    class Meta:
        verbose_name = _("kosten-batenanalyse")
        verbose_name_plural = _("kosten-batenanalyses")

    def __str__(self) -> str:
        return f"kosten-baten {self.pk}"


class CostItem(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cost_benefit = models.ForeignKey(CostBenefit, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    reference_cost = models.ForeignKey(
        ReferenceCost, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("kostenpost"), max_length=200)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    period = models.CharField(_("periode"), max_length=10, choices=Period.choices)
    quantity = models.DecimalField(_("aantal"), max_digits=8, decimal_places=2, default=1)
    months = models.PositiveSmallIntegerField(_("duur in maanden"), default=1)
    # Items may start later in the horizon (month 1 is its first month).
    start_month = models.PositiveSmallIntegerField(_("begint in maand"), default=1)
    payer = models.CharField(_("wie betaalt"), max_length=30, choices=Party.choices)
    low = models.DecimalField(_("laag"), max_digits=12, decimal_places=2, null=True, blank=True)
    high = models.DecimalField(_("hoog"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="costitem_amount"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="costitem_quantity"),
            models.CheckConstraint(
                condition=Q(months__gte=1) & Q(months__lte=cb.MAX_MONTHS), name="costitem_months"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class ImpactScore(models.IntegerChoices):
    MUCH_WORSE = -2, _("Veel slechter")
    WORSE = -1, _("Slechter")
    SAME = 0, _("Blijft gelijk")
    BETTER = 1, _("Beter")
    MUCH_BETTER = 2, _("Veel beter")


class HumanImpact(models.Model):
    """What a scenario means for one family member, on a scale from -2 to +2 with words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cost_benefit = models.ForeignKey(CostBenefit, on_delete=models.CASCADE, related_name="impacts")
    # A member of the household, or someone not (yet) a member, such as an unborn child.
    member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    label = models.CharField(_("gezinslid"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    muddling_on = models.SmallIntegerField(_("bij doormodderen"), choices=ImpactScore.choices)
    breaking_through = models.SmallIntegerField(_("bij doorbraak"), choices=ImpactScore.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(muddling_on__gte=-2, muddling_on__lte=2)
                & Q(breaking_through__gte=-2, breaking_through__lte=2),
                name="humanimpact_scale",
            )
        ]

    def __str__(self) -> str:
        return f"impact {self.pk}"


class SignalKind(models.TextChoices):
    DOMAIN = "domain", _("Domein")
    RULE = "rule", _("Regel")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    TAKEN_UP = "taken_up", _("Opgepakt als beleidsvraag")
    NOT_TAKEN_UP = "not_taken_up", _("Niet opgepakt")


class PolicySignal(models.Model):
    """Raised when exceptions in one domain or under one rule recur past the threshold."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    table = models.ForeignKey(ExemptionTable, on_delete=models.PROTECT, related_name="signals")
    kind = models.CharField(_("soort"), max_length=10, choices=SignalKind.choices)
    # The domain value, or the rule key.
    key = models.CharField(max_length=300)
    label = models.CharField(_("onderwerp"), max_length=300)
    raised_at = models.DateTimeField(_("ontstaan op"))
    requests = models.ManyToManyField(ExemptionRequest, related_name="signals")
    status = models.CharField(
        _("stand"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    response = models.TextField(_("reactie van beleid"), blank=True)
    responded_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("gereageerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("beleidssignaal")
        verbose_name_plural = _("beleidssignalen")
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "kind", "key"],
                condition=Q(status="open"),
                name="policysignal_one_open_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(response=""),
                name="policysignal_response_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"beleidssignaal {self.pk}"
