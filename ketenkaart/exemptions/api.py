"""The ventieltafel's API: ventielaanvragen (with kosten-baten and besluit), referentiekosten
and beleidssignalen. Thin views: the gate (via the selectors) lets the caller in and audits,
serializers check the shape, the services decide. Whoever is not involved with the family gets
the request pseudonymised: no names, no BSN, no birth dates."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.access.result import Access
from ketenkaart.api.formats import AmountField, StrictCharField, money
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField, Messages, text
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.exemptions import costbenefit as cb
from ketenkaart.exemptions import selectors, services
from ketenkaart.exemptions.models import (
    CostBenefit,
    Domain,
    Evidence,
    ExemptionRequest,
    Outcome,
    Party,
    Period,
    Scenario,
    SignalKind,
    SignalStatus,
    Status,
    Urgency,
)
from ketenkaart.households.models import Household, Member

DOMAINS = {
    Domain.HOUSING: "wonen",
    Domain.PUPIL_TRANSPORT: "leerlingenvervoer",
    Domain.DEBTS: "schulden",
    Domain.INCOME: "inkomen",
    Domain.CARE: "zorg",
    Domain.EDUCATION: "onderwijs",
    Domain.OTHER: "anders",
}
URGENCIES = {Urgency.NORMAL: "normaal", Urgency.URGENT: "spoed"}
STATUSES = {Status.SUBMITTED: "ingediend", Status.DECIDED: "besloten"}
OUTCOMES = {
    Outcome.GRANTED: "toegekend",
    Outcome.GRANTED_WITH_CONDITIONS: "toegekend_onder_voorwaarden",
    Outcome.REFUSED: "afgewezen",
}
SCENARIOS = {Scenario.MUDDLING_ON: "doormodderen", Scenario.BREAKING_THROUGH: "doorbraak"}
PERIODS = {Period.ONCE: "eenmalig", Period.DAY: "dag", Period.MONTH: "maand", Period.YEAR: "jaar"}
PARTIES = {
    Party.MUNICIPALITY: "gemeente",
    Party.HOUSING_CORPORATION: "woningcorporatie",
    Party.HEALTH_INSURER: "zorgverzekeraar",
    Party.STATE: "rijk",
    Party.EDUCATION: "onderwijs",
    Party.CREDITORS: "schuldeisers",
    Party.FAMILY: "gezin",
    Party.OTHER: "anders",
}
EVIDENCE = {
    Evidence.STRONG: "sterk",
    Evidence.REASONABLE: "redelijk",
    Evidence.INDICATIVE: "indicatief",
    Evidence.WEAK: "zwak",
}
SIGNAL_KINDS = {SignalKind.DOMAIN: "domein", SignalKind.RULE: "regel"}
SIGNAL_STATUSES = {
    SignalStatus.OPEN: "open",
    SignalStatus.TAKEN_UP: "opgepakt",
    SignalStatus.NOT_TAKEN_UP: "niet_opgepakt",
}
# Service field names → the API's names, for invalidParams.
REQUEST_FIELDS = {
    "domain": "domein",
    "urgency": "urgentie",
    "bottleneck": "knelpunt",
    "rule": "regel",
    "legal_basis": "wettelijkeGrondslag",
    "risks": "risicos",
    "alternatives": "alternatieven",
    "exception_asked": "gevraagdeUitzondering",
}
ANALYSIS_FIELDS = {
    "horizon_months": "tijdshorizonMaanden",
    "discount_rate": "disconteringsvoet",
    "sensitivity": "onzekerheid",
    "items": "kostenposten",
    "impacts": "gevolgen",
}
ITEM_FIELDS = {
    "scenario": "scenario",
    "reference_cost": "referentiekost",
    "description": "omschrijving",
    "amount": "bedrag",
    "period": "periode",
    "quantity": "aantal",
    "months": "maanden",
    "start_month": "beginMaand",
    "payer": "betaler",
    "low": "laag",
    "high": "hoog",
}
IMPACT_FIELDS = {
    "member": "gezinslid",
    "label": "omschrijving",
    "muddling_on": "doormodderen",
    "breaking_through": "doorbraak",
    "note": "toelichting",
}
DECISION_FIELDS = {"outcome": "besluit", "reasoning": "onderbouwing", "conditions": "voorwaarden"}

NUMBER_MESSAGES: Messages = {
    "invalid": gettext_lazy("Vul een getal in, bijvoorbeeld 1250.50."),
    "max_digits": gettext_lazy("Dit getal is te groot."),
    "max_decimal_places": gettext_lazy("Gebruik hoogstens twee cijfers achter de komma."),
    "max_whole_digits": gettext_lazy("Dit getal is te groot."),
    "max_string_length": gettext_lazy("Dit getal is te groot."),
    "null": gettext_lazy("Vul een getal in."),
    "required": gettext_lazy("Vul dit veld in."),
}
INTEGER_MESSAGES: Messages = {
    "invalid": gettext_lazy("Vul een heel getal in."),
    "max_string_length": gettext_lazy("Dit getal is te groot."),
    "required": gettext_lazy("Vul dit veld in."),
    "null": gettext_lazy("Vul een heel getal in."),
}


def number(**kwargs) -> AmountField:
    return AmountField(max_digits=14, decimal_places=2, error_messages=NUMBER_MESSAGES, **kwargs)


def integer(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(error_messages=INTEGER_MESSAGES, **kwargs)


def _rename(errors: dict[str, str], names: dict[str, str]) -> dict:
    return {names.get(key, key): [message] for key, message in errors.items()}


def _api_path(path: str) -> str:
    """items.2.amount → kostenposten.2.bedrag."""
    parts = path.split(".")
    if parts[0] in ("items", "impacts") and len(parts) == 3:
        fields = ITEM_FIELDS if parts[0] == "items" else IMPACT_FIELDS
        return f"{ANALYSIS_FIELDS[parts[0]]}.{parts[1]}.{fields.get(parts[2], parts[2])}"
    return ANALYSIS_FIELDS.get(path, REQUEST_FIELDS.get(path, DECISION_FIELDS.get(path, path)))


def _invalid(error: services.InvalidInput):
    """Every invalid field of a service's InvalidInput as one 400 problem."""
    return exceptions.ValidationError(
        {_api_path(path): [msg] for path, msg in error.errors.items()}
    )


# -- serializers -------------------------------------------------------------------------------


class PersonSerializer(serializers.Serializer):
    class Meta:
        ref_name = "VentielGezinslid"

    id = serializers.UUIDField(source="member_id")
    omschrijving = StrictCharField(source="label")


class AskerSerializer(serializers.Serializer):
    class Meta:
        ref_name = "VentielAanvrager"

    naam = StrictCharField(source="display_name")
    organisatie = StrictCharField(source="organisation.name")


class RequestListItemSerializer(serializers.Serializer):
    class Meta:
        ref_name = "VentielaanvraagLijst"

    id = serializers.UUIDField()
    pseudoniem = StrictCharField(source="display_pseudonym")
    gezinsnaam = serializers.SerializerMethodField()
    domein = MappedChoiceField(DOMAINS, source="domain")
    regel = StrictCharField(source="rule")
    urgentie = MappedChoiceField(URGENCIES, source="urgency")
    standAanvraag = MappedChoiceField(STATUSES, source="status")
    ingediendOp = serializers.DateTimeField(source="asked_at")
    besluitUiterlijk = serializers.DateField(source="deadline")
    besparing = serializers.SerializerMethodField()

    def get_gezinsnaam(self, obj) -> str | None:
        """Only for whoever may read the family's dossier."""
        return obj.household.name if obj.household_id in self.context["named"] else None

    @extend_schema_field(AmountField(allow_null=True))
    def get_besparing(self, obj) -> str | None:
        analysis = getattr(obj, "cost_benefit", None) if _has_analysis(obj) else None
        return money(analysis.saving) if analysis else None


def _has_analysis(obj) -> bool:
    try:
        obj.cost_benefit  # noqa: B018 - follows the select_related one-to-one
    except CostBenefit.DoesNotExist:
        return False
    return True


class RequestSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Ventielaanvraag"

    id = serializers.UUIDField()
    pseudoniem = StrictCharField(source="display_pseudonym")
    gepseudonimiseerd = serializers.SerializerMethodField()
    gezin = serializers.SerializerMethodField()
    gezinsnaam = serializers.SerializerMethodField()
    gezinsleden = serializers.SerializerMethodField()
    gemeente = StrictCharField(source="municipality.name")
    domein = MappedChoiceField(DOMAINS, source="domain")
    urgentie = MappedChoiceField(URGENCIES, source="urgency")
    knelpunt = StrictCharField(source="bottleneck")
    regel = StrictCharField(source="rule")
    wettelijkeGrondslag = StrictCharField(source="legal_basis")
    risicos = StrictCharField(source="risks")
    alternatieven = StrictCharField(source="alternatives")
    gevraagdeUitzondering = StrictCharField(source="exception_asked")
    standAanvraag = MappedChoiceField(STATUSES, source="status")
    gevraagdDoor = AskerSerializer(source="asked_by")
    ingediendOp = serializers.DateTimeField(source="asked_at")
    besluitUiterlijk = serializers.DateField(source="deadline")
    teLaat = serializers.SerializerMethodField()

    # The context's `named` (Access.named): whether this reader may see the family named.

    def get_gepseudonimiseerd(self, obj) -> bool:
        return not self.context["named"]

    def get_gezin(self, obj) -> str | None:
        return str(obj.household_id) if self.context["named"] else None

    def get_gezinsnaam(self, obj) -> str | None:
        return obj.household.name if self.context["named"] else None

    @extend_schema_field(PersonSerializer(many=True))
    def get_gezinsleden(self, obj):
        people = selectors.members(obj, named=self.context["named"])
        return PersonSerializer(people, many=True).data

    def get_teLaat(self, obj) -> bool:
        return selectors.is_overdue(obj)


class RequestCreateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "VentielaanvraagNieuw"

    gezin = serializers.UUIDField(
        error_messages={"invalid": gettext_lazy("Dit is geen geldige identificatie (UUID).")}
    )
    domein = MappedChoiceField(DOMAINS)
    urgentie = MappedChoiceField(URGENCIES, required=False, default=Urgency.NORMAL)
    knelpunt = text()
    regel = text(max_length=300)
    wettelijkeGrondslag = text(max_length=300)
    risicos = text()
    alternatieven = text()
    gevraagdeUitzondering = text()


class ItemSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Kostenpost"

    scenario = MappedChoiceField(SCENARIOS)
    referentiekost = serializers.UUIDField(required=False, allow_null=True, default=None)
    omschrijving = text(max_length=200)
    bedrag = number()
    periode = MappedChoiceField(PERIODS)
    aantal = number(required=False, default=1)
    maanden = integer(required=False, default=1)
    beginMaand = integer(
        required=False,
        default=1,
        help_text=_("De maand van de tijdshorizon waarin de kostenpost begint (1 is de eerste)."),
    )
    betaler = MappedChoiceField(PARTIES)
    laag = number(required=False, allow_null=True, default=None)
    hoog = number(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        item = {key: attrs.get(api) for key, api in ITEM_FIELDS.items()}
        errors = services.item_errors(item)
        if errors:
            raise serializers.ValidationError(_rename(errors, ITEM_FIELDS))
        return attrs


class ImpactSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Gevolg"

    gezinslid = serializers.UUIDField(required=False, allow_null=True, default=None)
    omschrijving = text(max_length=100, required=False, allow_blank=True, default="")
    doormodderen = integer(min_value=-2, max_value=2)
    doorbraak = integer(min_value=-2, max_value=2)
    toelichting = text(max_length=300, required=False, allow_blank=True, default="")


class AnalysisInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "KostenBatenInvoer"

    tijdshorizonMaanden = integer()
    disconteringsvoet = number(required=False, default=Decimal("2.25"))
    onzekerheid = number(required=False, default=20)
    kostenposten = ItemSerializer(many=True)
    gevolgen = ImpactSerializer(many=True, required=False, default=list)

    def validate(self, attrs):
        errors = services.analysis_errors(
            horizon_months=attrs["tijdshorizonMaanden"],
            discount_rate=attrs["disconteringsvoet"],
            sensitivity=attrs["onzekerheid"],
            items=[],
            impacts=[],
        )
        if errors:
            raise serializers.ValidationError(_rename(errors, ANALYSIS_FIELDS))
        return attrs


class PartySerializer(serializers.Serializer):
    class Meta:
        ref_name = "KostenPerPartij"

    partij = StrictCharField()
    doormodderen = AmountField(max_digits=14, decimal_places=2)
    doorbraak = AmountField(max_digits=14, decimal_places=2)
    besparing = AmountField(max_digits=14, decimal_places=2)


class OutcomeSerializer(serializers.Serializer):
    class Meta:
        ref_name = "KostenBatenUitkomst"

    zin = StrictCharField()
    kostenDoormodderen = AmountField(max_digits=14, decimal_places=2)
    kostenDoorbraak = AmountField(max_digits=14, decimal_places=2)
    besparing = AmountField(max_digits=14, decimal_places=2)
    besparingLaag = AmountField(max_digits=14, decimal_places=2)
    besparingHoog = AmountField(max_digits=14, decimal_places=2)
    perPartij = PartySerializer(many=True)


class AnalysisSerializer(serializers.Serializer):
    class Meta:
        ref_name = "KostenBaten"

    tijdshorizonMaanden = serializers.IntegerField()
    disconteringsvoet = AmountField(max_digits=5, decimal_places=2)
    onzekerheid = AmountField(max_digits=5, decimal_places=2)
    kostenposten = serializers.ListField(child=serializers.DictField())
    gevolgen = serializers.ListField(child=serializers.DictField())
    uitkomst = OutcomeSerializer()


def _analysis_data(analysis: CostBenefit, access: Access[ExemptionRequest]) -> dict:
    items = list(analysis.items.all())
    people = {p.member_id: p.label for p in selectors.members(access.obj, named=access.named)}
    result = cb.calculate(
        services.to_analysis(
            horizon_months=analysis.horizon_months,
            discount_rate=analysis.discount_rate,
            sensitivity=analysis.sensitivity,
            items=[
                {
                    "scenario": i.scenario,
                    "amount": i.amount,
                    "period": i.period,
                    "quantity": i.quantity,
                    "months": i.months,
                    "start_month": i.start_month,
                    "payer": i.payer,
                    "low": i.low,
                    "high": i.high,
                }
                for i in items
            ],
        )
    )
    return {
        "tijdshorizonMaanden": analysis.horizon_months,
        "disconteringsvoet": money(analysis.discount_rate),
        "onzekerheid": money(analysis.sensitivity),
        "kostenposten": [
            {
                "scenario": SCENARIOS[i.scenario],
                "referentiekost": str(i.reference_cost_id) if i.reference_cost_id else None,
                "omschrijving": i.description,
                "bedrag": money(i.amount),
                "periode": PERIODS[i.period],
                "aantal": money(i.quantity),
                "maanden": i.months,
                "beginMaand": i.start_month,
                "betaler": PARTIES[i.payer],
                "laag": money(i.low),
                "hoog": money(i.high),
            }
            for i in items
        ],
        "gevolgen": [
            {
                "gezinslid": str(i.member_id) if i.member_id else None,
                "omschrijving": people.get(i.member_id, i.label) if i.member_id else i.label,
                "doormodderen": i.muddling_on,
                "doorbraak": i.breaking_through,
                "toelichting": i.note,
            }
            for i in analysis.impacts.all()
        ],
        "uitkomst": {
            "zin": analysis.summary,
            "kostenDoormodderen": money(result.npv[cb.MUDDLING_ON]),
            "kostenDoorbraak": money(result.npv[cb.BREAKING_THROUGH]),
            "besparing": money(result.saving),
            "besparingLaag": money(result.saving_low),
            "besparingHoog": money(result.saving_high),
            "perPartij": [
                {
                    "partij": PARTIES[party],
                    "doormodderen": money(paid.get(cb.MUDDLING_ON, Decimal(0))),
                    "doorbraak": money(paid.get(cb.BREAKING_THROUGH, Decimal(0))),
                    "besparing": money(result.gain(party)),
                }
                for party, paid in sorted(result.by_party.items())
            ],
        },
    }


class DecisionSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Besluit"

    besluit = MappedChoiceField(OUTCOMES, source="outcome")
    onderbouwing = StrictCharField(source="reasoning")
    voorwaarden = StrictCharField(source="conditions")
    beslotenDoor = AskerSerializer(source="decided_by")
    beslotenOp = serializers.DateTimeField(source="decided_at")


class DecisionCreateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BesluitNieuw"

    besluit = MappedChoiceField(OUTCOMES)
    onderbouwing = text(required=False, allow_blank=True, default="")
    voorwaarden = text(required=False, allow_blank=True, default="")


class ReferenceCostSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Referentiekost"

    id = serializers.UUIDField()
    sleutel = StrictCharField(source="key")
    versie = serializers.IntegerField(source="version")
    gemeente = serializers.UUIDField(source="municipality_id", allow_null=True)
    kostenpost = StrictCharField(source="item")
    eenheid = StrictCharField(source="unit")
    periode = MappedChoiceField(PERIODS, source="period")
    bedrag = AmountField(source="amount", max_digits=12, decimal_places=2)
    laag = AmountField(source="low", max_digits=12, decimal_places=2, allow_null=True)
    hoog = AmountField(source="high", max_digits=12, decimal_places=2, allow_null=True)
    bron = StrictCharField(source="source")
    jaar = serializers.SerializerMethodField()
    prijspeil = serializers.SerializerMethodField()
    bewijskracht = MappedChoiceField(EVIDENCE, source="evidence")
    toelichting = StrictCharField(source="note")

    def get_jaar(self, obj) -> str | None:
        return obj.year or None

    def get_prijspeil(self, obj) -> str | None:
        return obj.price_level or None


class SignalSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Beleidssignaal"

    id = serializers.UUIDField()
    soortSignaal = MappedChoiceField(SIGNAL_KINDS, source="kind")
    onderwerp = StrictCharField(source="label")
    gemeente = StrictCharField(source="table.municipality.name")
    aantalAanvragen = serializers.IntegerField(source="case_count")
    kostenUitzonderingen = serializers.SerializerMethodField()
    besparing = serializers.SerializerMethodField()
    standSignaal = MappedChoiceField(SIGNAL_STATUSES, source="status")
    ontstaanOp = serializers.DateTimeField(source="raised_at")
    reactie = StrictCharField(source="response")
    gereageerdOp = serializers.DateTimeField(source="responded_at", allow_null=True)

    @extend_schema_field(AmountField())
    def get_kostenUitzonderingen(self, obj) -> str:
        return money(obj.total_cost or 0)

    @extend_schema_field(AmountField())
    def get_besparing(self, obj) -> str:
        return money(obj.total_saving or 0)


class SignalCaseSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BeleidssignaalAanvraag"

    pseudoniem = StrictCharField(source="display_pseudonym")
    domein = MappedChoiceField(DOMAINS, source="domain")
    regel = StrictCharField(source="rule")
    standAanvraag = MappedChoiceField(STATUSES, source="status")
    uitkomst = serializers.SerializerMethodField()

    def get_uitkomst(self, obj) -> str | None:
        return obj.cost_benefit.summary if _has_analysis(obj) else None


class SignalResponseSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BeleidssignaalReactie"

    opgepakt = serializers.BooleanField(
        error_messages={"invalid": gettext_lazy("Gebruik true of false.")}
    )
    reactie = text(required=False, allow_blank=True, default="")


# -- views -------------------------------------------------------------------------------------


def _detail_url(exemption) -> str:
    return reverse("api:exemption-request", kwargs={"aanvraag": exemption.pk})


class RequestListView(ApiView):
    pagination_class = PagePagination
    domain_fields = REQUEST_FIELDS

    @extend_schema(
        operation_id="ventielaanvragen_list",
        summary=_("De ventielaanvragen die u mag zien"),
        description=_(
            "Voor betrokkenen met de naam van het gezin; voor de ventieltafel en uitgenodigde "
            "partijen alleen met een schuilnaam (gezinsnaam is dan null)."
        ),
        responses={200: RequestListItemSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.readable_requests(request.user).select_related("household"),
            request,
            view=self,
        )
        audit.record_list(
            request, action="exemption.request.list", object_type="exemptionrequest", rows=page
        )
        named = selectors.named_household_ids(request.user, page or [])
        data = RequestListItemSerializer(page, many=True, context={"named": named}).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        operation_id="ventielaanvragen_create",
        summary=_("Een aanvraag indienen bij de ventieltafel"),
        description=_(
            "Alleen wie bij het gezin betrokken is. De teksten gaan naar de ventieltafel: een "
            "naam van een gezinslid of een BSN erin wordt geweigerd."
        ),
        request=RequestCreateSerializer,
        responses={201: RequestSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request):
        data = self.valid(RequestCreateSerializer)
        household: Household = self.write(data["gezin"], "exemption.request.submit")
        try:
            exemption = services.request_submit(
                by=self.professional(),
                household=household,
                domain=data["domein"],
                urgency=data["urgentie"],
                bottleneck=data["knelpunt"],
                rule=data["regel"],
                legal_basis=data["wettelijkeGrondslag"],
                risks=data["risicos"],
                alternatives=data["alternatieven"],
                exception_asked=data["gevraagdeUitzondering"],
            )
        except services.InvalidInput as error:
            raise _invalid(error) from error
        access = gate.access_exemption_request(request, exemption.pk)
        return Response(
            RequestSerializer(exemption, context={"named": access.named}).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": _detail_url(exemption)},
        )


class RequestDetailView(ApiView):
    @extend_schema(
        operation_id="ventielaanvragen_read",
        summary=_("Een ventielaanvraag"),
        responses={200: RequestSerializer, **problems(401, 404)},
    )
    def get(self, request, aanvraag):
        access = gate.access_exemption_request(request, aanvraag)
        return Response(RequestSerializer(access.obj, context={"named": access.named}).data)


class AnalysisView(ApiView):
    domain_fields = ANALYSIS_FIELDS

    @extend_schema(
        operation_id="kosten_baten_read",
        summary=_("De kosten-batenanalyse van een aanvraag"),
        description=_(
            "Contante waarden met een jaarlijkse disconteringsvoet: het eerste jaar telt "
            "volledig, het tweede voor 1/(1+voet), enzovoort."
        ),
        responses={200: AnalysisSerializer, **problems(401, 404)},
    )
    def get(self, request, aanvraag):
        access = gate.access_exemption_request(
            request, aanvraag, action="exemption.cost_benefit.read"
        )
        analysis = selectors.analysis_of(access.obj)
        if analysis is None:
            raise exceptions.NotFound(_("Deze aanvraag heeft nog geen kosten-batenanalyse."))
        return Response(_analysis_data(analysis, access))

    @extend_schema(
        operation_id="kosten_baten_update",
        summary=_("De kosten-batenanalyse vastleggen (vervangt de vorige)"),
        description=_(
            "Alleen wie bij het gezin betrokken is. Ongeldige bedragen (negatief, geen getal, "
            "meer dan 120 maanden, een onwaarschijnlijk aantal) geven 400 met elk ongeldig "
            "veld; er wordt dan niets opgeslagen."
        ),
        request=AnalysisInputSerializer,
        responses={200: AnalysisSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def put(self, request, aanvraag):
        access = gate.access_exemption_request(
            request,
            aanvraag,
            action="exemption.cost_benefit.save",
            permitted=lambda _exemption, grant: grant in gate.WRITE_GRANTS,
            refusal=exceptions.PermissionDenied(
                _("Alleen wie bij het gezin betrokken is, vult de kosten-baten in.")
            ),
        )
        exemption = access.obj
        data = self.valid(AnalysisInputSerializer)
        catalogue = {row.pk: row for row in selectors.catalogue(exemption.municipality)}
        members = {m.pk: m for m in Member.objects.filter(household_id=exemption.household_id)}
        errors = {}
        items = []
        for index, item in enumerate(data["kostenposten"]):
            reference = None
            if item["referentiekost"] is not None:
                reference = catalogue.get(item["referentiekost"])
                if reference is None:
                    errors[f"kostenposten.{index}.referentiekost"] = [
                        _("Deze referentiekost bestaat niet (meer) voor deze gemeente.")
                    ]
            items.append(
                {key: item[api] for key, api in ITEM_FIELDS.items()} | {"reference_cost": reference}
            )
        impacts = []
        for index, impact in enumerate(data["gevolgen"]):
            member = None
            if impact["gezinslid"] is not None:
                member = members.get(impact["gezinslid"])
                if member is None:
                    errors[f"gevolgen.{index}.gezinslid"] = [_("Dit is geen lid van dit gezin.")]
            impacts.append(
                {
                    "member": member,
                    "label": impact["omschrijving"],
                    "muddling_on": impact["doormodderen"],
                    "breaking_through": impact["doorbraak"],
                    "note": impact["toelichting"],
                }
            )
        if errors:
            raise exceptions.ValidationError(errors)
        try:
            analysis = services.cost_benefit_save(
                by=self.professional(),
                request=exemption,
                horizon_months=data["tijdshorizonMaanden"],
                discount_rate=data["disconteringsvoet"],
                sensitivity=data["onzekerheid"],
                items=items,
                impacts=impacts,
            )
        except services.InvalidInput as error:
            raise _invalid(error) from error
        return Response(_analysis_data(selectors.analysis_of(exemption) or analysis, access))


class DecisionView(ApiView):
    domain_fields = DECISION_FIELDS

    @extend_schema(
        operation_id="besluit_read",
        summary=_("Het besluit van de ventieltafel"),
        responses={200: DecisionSerializer, **problems(401, 404)},
    )
    def get(self, request, aanvraag):
        exemption = gate.access_exemption_request(
            request, aanvraag, action="exemption.decision.read"
        ).obj
        decision = (
            getattr(exemption, "decision", None) if exemption.status == Status.DECIDED else None
        )
        if decision is None:
            raise exceptions.NotFound(_("Over deze aanvraag is nog niet besloten."))
        return Response(DecisionSerializer(decision).data)

    @extend_schema(
        operation_id="besluit_create",
        summary=_("Het besluit vastleggen"),
        description=_(
            "Alleen de ventieltafel van de gemeente. Een onderbouwing is verplicht, en "
            "voorwaarden bij toegekend_onder_voorwaarden. Een tweede besluit geeft 409."
        ),
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, aanvraag):
        professional = self.professional()
        exemption = gate.access_exemption_request(
            request,
            aanvraag,
            action="exemption.decision.record",
            permitted=lambda found, _grant: services.is_convener(professional, found),
            refusal=exceptions.PermissionDenied(_("Alleen de ventieltafel legt een besluit vast.")),
        ).obj
        data = self.valid(DecisionCreateSerializer)
        try:
            decision = services.decision_record(
                by=self.professional(),
                request=exemption,
                outcome=data["besluit"],
                reasoning=data["onderbouwing"],
                conditions=data["voorwaarden"],
            )
        except services.InvalidInput as error:
            raise _invalid(error) from error
        return Response(
            DecisionSerializer(decision).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.path},
        )


class ReferenceCostListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="referentiekosten_list",
        summary=_("De referentiekosten"),
        description=_(
            "De landelijke posten (laatste versie), met de eigen bedragen en posten van de "
            "gemeente waar u voor werkt. Elk met bron, jaar, prijspeil en bewijskracht."
        ),
        parameters=[
            OpenApiParameter(
                "gemeente", str, description=_("De id (UUID) van een gemeente."), required=False
            )
        ],
        responses={200: ReferenceCostSerializer(many=True), **problems(400, 401)},
    )
    def get(self, request):
        professional = self.professional()
        municipalities = (
            professional.organisation.municipalities.order_by("name") if professional else None
        )
        wanted = request.query_params.get("gemeente")
        if wanted and gate.as_uuid(wanted) is None:
            raise exceptions.ValidationError(
                {"gemeente": [_("Geef de id (UUID) van een gemeente.")]}
            )
        municipality = None
        if municipalities is not None:
            municipality = (
                municipalities.filter(pk=wanted).first() if wanted else municipalities.first()
            )
        rows = selectors.catalogue(municipality)
        return self.paged(rows, ReferenceCostSerializer)


class SignalListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="beleidssignalen_list",
        summary=_("Beleidssignalen"),
        description=_("Voor beleid en de ventieltafel: aantallen en bedragen, zonder namen."),
        responses={200: SignalSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.signals(request.user), request, view=self)
        audit.record(
            user=request.user,
            action="exemption.signal.list",
            object_type="policysignal",
            request=request,
        )
        return paginator.get_paginated_response(SignalSerializer(page, many=True).data)


class SignalDetailView(ApiView):
    @extend_schema(
        operation_id="beleidssignalen_read",
        summary=_("Een beleidssignaal met de aanvragen, zonder namen"),
        responses={200: SignalSerializer, **problems(401, 404)},
    )
    def get(self, request, signaal):
        signal = selectors.access_signal(request, signal_id=signaal)
        data = SignalSerializer(signal).data
        data["aanvragen"] = SignalCaseSerializer(selectors.signal_cases(signal), many=True).data
        return Response(data)


class SignalResponseView(ApiView):
    domain_fields = {"response": "reactie"}

    @extend_schema(
        operation_id="beleidssignalen_reactie",
        summary=_("De reactie van beleid vastleggen"),
        request=SignalResponseSerializer,
        responses={200: SignalSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, signaal):
        signal = selectors.access_signal(request, signal_id=signaal)
        data = self.valid(SignalResponseSerializer)
        services.signal_respond(
            by=self.professional(),
            signal=signal,
            taken_up=data["opgepakt"],
            response=data["reactie"],
        )
        signal = selectors.signals(request.user).get(pk=signal.pk)
        return Response(SignalSerializer(signal).data)
