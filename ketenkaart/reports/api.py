"""The API of M3: adviezen, meldingen (police and signalers post; each sees only their own),
meldingen/{id}/veiligheidsbeoordeling, meldcode-trajecten and huisbezoeken. Thin: the gate lets
the caller in (audited), the input is checked for shape naming every invalid field, a service
does the work."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField, date, professionals, reference, text
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.organisations.models import Role
from ketenkaart.reports import inputs, selectors, services
from ketenkaart.reports.models import (
    FeedbackMoment,
    Investigation,
    InvestigationReason,
    JointVisitStatus,
    MeldcodeTrail,
    Outcome,
    RadarClass,
    Report,
    ReportSource,
    ReportStatus,
    SafetyAssessment,
    TrailStatus,
)

STATUSES = {
    ReportStatus.RECEIVED: "ontvangen",
    ReportStatus.CLOSED: "afgesloten",
    ReportStatus.ADVICE: "omgezet_naar_advies",
    ReportStatus.HANDED_OVER: "overgedragen",
    ReportStatus.CONDITIONS: "voorwaarden_en_vervolg",
    ReportStatus.INVESTIGATION: "onderzoek",
    ReportStatus.INVESTIGATED: "onderzoek_afgerond",
}
RADAR = {
    RadarClass.FIRST: "eerste_melding",
    RadarClass.REPEAT: "herhaalde_melding",
    RadarClass.WHILE_INVOLVED: "tijdens_betrokkenheid",
}
SOURCES = {
    ReportSource.POLICE: "politie",
    ReportSource.PROFESSIONAL: "professional",
    ReportSource.VEILIG_THUIS: "veilig_thuis",
    ReportSource.CITIZEN: "burger",
}
OUTCOMES = {
    Outcome.CLOSE: "afsluiten",
    Outcome.CONVERT_TO_ADVICE: "omzetten_naar_advies",
    Outcome.LOCAL_TEAM: "lokaal_team",
    Outcome.INVOLVED_PROFESSIONAL: "betrokken_professional",
    Outcome.MULTIDISCIPLINARY: "multidisciplinair_team",
    Outcome.CONDITIONS: "voorwaarden_en_vervolg",
    Outcome.INVESTIGATION: "onderzoek",
}
REASONS = {
    InvestigationReason.DIRECT_INTERVENTION: "direct_ingrijpen",
    InvestigationReason.NOT_CERTAIN: "niet_vastgesteld",
    InvestigationReason.REFUSES_HELP: "ontkent_of_weigert_hulp",
    InvestigationReason.THIN_INFORMATION: "te_weinig_informatie",
    InvestigationReason.ANONYMITY: "anonimiteit_toegezegd",
}
MOMENTS = {
    FeedbackMoment.AFTER_ASSESSMENT: "na_veiligheidsbeoordeling",
    FeedbackMoment.AFTER_INVESTIGATION: "na_onderzoek",
}
TRAIL_STATUSES = {
    TrailStatus.OPEN: "loopt",
    TrailStatus.CLOSED: "afgesloten_geen_vermoeden",
    TrailStatus.MUST_REPORT: "melden_verplicht",
    TrailStatus.REPORT: "melden",
    TrailStatus.HELP: "hulp",
    TrailStatus.HELP_CLOSED: "hulp_afgesloten",
    TrailStatus.REPORTED: "gemeld",
}
ANSWERS = {"yes": "ja", "no": "nee", "with_vt": "samen_met_veilig_thuis"}


def enum(mapping: dict, **kwargs) -> MappedChoiceField:
    """A Dutch choice documented inline (wrapped in allOf, which the enum post-processing
    leaves alone), so it never collides with another app's enum of the same field name."""
    schema = {"allOf": [{"type": "string", "enum": list(mapping.values())}]}
    field_class = extend_schema_field(schema)(type("InlineChoiceField", (MappedChoiceField,), {}))
    return field_class(mapping, **kwargs)


def _mapped(mapping, source=None):
    return enum(mapping, read_only=True, **({"source": source} if source else {}))


JOINT_VISIT_STATUSES = {
    JointVisitStatus.PLANNED: "gepland",
    JointVisitStatus.DONE: "afgelegd",
    JointVisitStatus.CANCELLED: "niet_doorgegaan",
}


# -- output ------------------------------------------------------------------------------------


class ReporterSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Melder"

    naam = serializers.CharField(source="reporter_name")
    organisatie = serializers.CharField(source="reporter_organisation")
    telefoon = serializers.CharField(source="reporter_phone")
    email = serializers.CharField(source="reporter_email")


class FeedbackSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Terugkoppeling"

    id = serializers.UUIDField()
    moment = _mapped(MOMENTS)
    terugkoppelenOp = serializers.DateField(source="due_on")
    gegevenOp = serializers.DateTimeField(source="given_at", allow_null=True)
    vervolgGestart = serializers.BooleanField(source="follow_up_started", allow_null=True)
    overgenomenDoor = serializers.CharField(source="taken_over_by")
    voorwaardenEnMonitoring = serializers.CharField(source="conditions_and_monitoring")
    toelichting = serializers.CharField(source="message")


class ReportStatusSerializer(serializers.Serializer):
    """What a reporter sees of their own melding: its status and the feedback given."""

    class Meta:
        ref_name = "MeldingStand"

    id = serializers.UUIDField()
    bron = _mapped(SOURCES, "source")
    registratienummer = serializers.CharField(source="police_reference")
    geregistreerdOp = serializers.DateTimeField(source="registered_at", allow_null=True)
    ontvangen = serializers.DateTimeField(source="received_at")
    stand = _mapped(STATUSES, "status")
    terugkoppelingen = serializers.SerializerMethodField()

    @extend_schema_field(FeedbackSerializer(many=True))
    def get_terugkoppelingen(self, report):
        given = [f for f in report.feedback.all() if f.given_at is not None]
        return FeedbackSerializer(given, many=True).data


class PersonSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldingPersoon"

    rol = _mapped(inputs.PERSON_ROLES, "role")
    voornamen = serializers.CharField(source="given_names")
    tussenvoegsel = serializers.CharField(source="surname_prefix")
    achternaam = serializers.CharField(source="surname")
    geboortedatum = serializers.DateField(source="birth_date", allow_null=True)
    bekendePersoon = serializers.UUIDField(source="person_id", allow_null=True)


class FormSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PolitieFormulier"

    kenmerk = serializers.CharField(source="form_reference")
    soort = serializers.CharField(source="kind")
    datum = serializers.DateField(source="occurred_on", allow_null=True)
    inhoud = serializers.CharField(source="text")


class ReportSerializer(ReportStatusSerializer):
    """The whole melding, for Veilig Thuis (and, without a protected reporter, for whom it
    was handed to)."""

    class Meta:
        ref_name = "Melding"

    melder = serializers.SerializerMethodField()
    anonimiteitToegezegd = serializers.BooleanField(source="anonymity_promised")
    omschrijving = serializers.CharField(source="summary")
    anonimiteitGevraagd = serializers.BooleanField(source="anonymity_requested")
    acuut = serializers.BooleanField(source="acute")
    acuutSinds = serializers.DateTimeField(source="acute_since", allow_null=True)
    beoordelenUiterlijk = serializers.DateField(source="assess_by")
    radar = _mapped(RADAR)
    gezin = serializers.UUIDField(source="household_id", allow_null=True)
    personen = PersonSerializer(source="persons", many=True)
    formulieren = FormSerializer(source="police_forms", many=True)

    @extend_schema_field(ReporterSerializer(allow_null=True))
    def get_melder(self, report):
        if not self.context.get("show_reporter"):
            return None
        return ReporterSerializer(report).data


class AssessmentSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Veiligheidsbeoordeling"

    id = serializers.UUIDField()
    beoordeeld = serializers.DateTimeField(source="assessed_at")
    acuteOnveiligheid = serializers.BooleanField(source="acute_unsafety")
    structureleOnveiligheid = serializers.BooleanField(source="structural_unsafety")
    multiprobleem = serializers.BooleanField(source="multi_problem")
    besluit = _mapped(OUTCOMES, "outcome")
    onderbouwing = serializers.CharField(source="reasoning")
    overgedragenAan = serializers.UUIDField(source="handed_to_id", allow_null=True)
    veiligheidsvoorwaarden = serializers.ListField(
        source="safety_conditions", child=serializers.CharField()
    )
    monitoring = serializers.CharField()
    monitorenTot = serializers.DateField(source="monitor_until", allow_null=True)
    redenenOnderzoek = serializers.ListField(
        source="investigation_reasons", child=enum(REASONS, read_only=True)
    )
    binnenTermijn = serializers.BooleanField(source="within_deadline")


class InvestigationSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Onderzoek"

    id = serializers.UUIDField()
    melding = serializers.UUIDField(source="report_id")
    gestart = serializers.DateField(source="started_on")
    normAfgerondOp = serializers.DateField(source="due_on")
    afgerond = serializers.DateTimeField(source="completed_at", allow_null=True)
    conclusie = serializers.CharField(source="conclusion")
    vervolg = serializers.CharField(source="follow_up")
    overgedragenAan = serializers.UUIDField(source="handed_to_id", allow_null=True)


class AdviceSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Advies"

    id = serializers.UUIDField()
    ontvangen = serializers.DateTimeField(source="received_at")
    anoniem = serializers.BooleanField(source="anonymous")
    naam = serializers.CharField(source="asker_name")
    organisatie = serializers.CharField(source="asker_organisation")
    telefoon = serializers.CharField(source="asker_phone")
    vraag = serializers.CharField(source="question")
    advies = serializers.CharField(source="answer")
    beantwoord = serializers.DateTimeField(source="answered_at", allow_null=True)
    meldcodeTraject = serializers.UUIDField(source="trail_id", allow_null=True)


class TrailAnswerSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AntwoordAfwegingskader"

    ronde = serializers.IntegerField(source="round")
    vraag = serializers.IntegerField(source="question")
    antwoord = _mapped(ANSWERS, "answer")
    redenen = serializers.CharField(source="reasons")
    beantwoord = serializers.DateTimeField(source="answered_at")


class TrailSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldcodeTraject"

    id = serializers.UUIDField()
    onderwerp = serializers.CharField(source="subject")
    signalen = serializers.CharField(source="signals")
    collegialeConsultatie = serializers.CharField(source="colleague_consulted")
    gesprek = serializers.CharField(source="conversation")
    weging = serializers.CharField(source="weighing")
    stand = _mapped(TRAIL_STATUSES, "status")
    afsprakenMonitoring = serializers.CharField(source="monitoring_agreements")
    volgendeVraag = serializers.SerializerMethodField()
    antwoorden = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_volgendeVraag(self, trail):
        answers = [a for a in trail.answers.all() if a.round == trail.round]
        return services.trail_next_question(trail, answers)

    @extend_schema_field(TrailAnswerSerializer(many=True))
    def get_antwoorden(self, trail):
        return TrailAnswerSerializer(trail.answers.all(), many=True).data


class JointVisitSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Huisbezoek"

    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    melding = serializers.UUIDField(source="report_id", allow_null=True)
    veiligThuis = serializers.UUIDField(source="vt_professional_id")
    partner = serializers.UUIDField(source="partner_id")
    reden = serializers.CharField(source="reason")
    geplandOp = serializers.DateTimeField(source="planned_for")
    stand = _mapped(JOINT_VISIT_STATUSES, "status")
    hoeHetGing = serializers.CharField(source="how_it_went")
    gezinStaatOpenVoorHulp = serializers.BooleanField(source="family_open_to_help", allow_null=True)


# -- input (shape only; the services decide) ---------------------------------------------------


class ReporterInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MelderInvoer"

    naam = serializers.CharField()
    telefoon = serializers.CharField()
    organisatie = serializers.CharField(required=False)
    email = serializers.CharField(required=False)


class PersonInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldingPersoonInvoer"

    rol = serializers.CharField(help_text=_("kind, ouder, pleger of anders"))
    voornamen = serializers.CharField()
    tussenvoegsel = serializers.CharField(required=False)
    achternaam = serializers.CharField()
    geboortedatum = serializers.DateField(required=False, allow_null=True)
    bsn = serializers.CharField(required=False)


class FormInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PolitieFormulierInvoer"

    kenmerk = serializers.CharField()
    soort = serializers.CharField()
    datum = serializers.DateField(required=False, allow_null=True)
    inhoud = serializers.CharField()


class ReportInputSerializer(serializers.Serializer):
    """Documents the input; it is parsed by ketenkaart.reports.inputs (shared with the file
    import). The police send `registratienummer` and `formulieren`; signalers `omschrijving`."""

    class Meta:
        ref_name = "MeldingInvoer"

    melder = ReporterInputSerializer()
    personen = PersonInputSerializer(many=True)
    omschrijving = serializers.CharField(required=False)
    acuut = serializers.BooleanField(required=False)
    anonimiteitToegezegd = serializers.BooleanField(
        required=False, help_text=_("Alleen Veilig Thuis zegt anonimiteit toe.")
    )
    anonimiteitGevraagd = serializers.BooleanField(required=False)
    meldcodeTraject = serializers.UUIDField(required=False, allow_null=True)
    registratienummer = serializers.CharField(required=False)
    geregistreerdOp = serializers.DateTimeField(
        required=False, help_text=_("Politie: het eigen registratietijdstip van de politie.")
    )
    ontvangen = serializers.DateTimeField(
        required=False,
        help_text=_(
            "Politie: wanneer Veilig Thuis het bericht ontving (standaard nu). De termijn van "
            "de veiligheidsbeoordeling telt hiervandaan."
        ),
    )
    formulieren = FormInputSerializer(many=True, required=False)


class AssessmentInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "VeiligheidsbeoordelingInvoer"

    acuteOnveiligheid = serializers.BooleanField()
    structureleOnveiligheid = serializers.BooleanField()
    multiprobleem = serializers.BooleanField()
    besluit = serializers.CharField(help_text=", ".join(OUTCOMES.values()))
    onderbouwing = text(max_length=20000)
    overgedragenAan = reference(
        professionals(), _("Deze professional bestaat niet."), required=False, allow_null=True
    )
    veiligheidsvoorwaarden = serializers.ListField(
        child=text(max_length=2000), required=False, max_length=30
    )
    monitoring = text(required=False, allow_blank=True, max_length=5000)
    monitorenTot = date(required=False, allow_null=True)
    redenenOnderzoek = serializers.ListField(
        child=MappedChoiceField(REASONS), required=False, max_length=5
    )

    def validate_besluit(self, value):
        # A plain string in the schema: an enum named "besluit" would collide with another
        # app's in the OpenAPI components.
        choices = {v: k for k, v in OUTCOMES.items()}
        if value not in choices:
            raise serializers.ValidationError(
                _("Kies een van: %(values)s.") % {"values": ", ".join(OUTCOMES.values())}
            )
        return choices[value]


class AdviceInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AdviesInvoer"

    vraag = text(max_length=20000)
    anoniem = serializers.BooleanField(required=False, default=False)
    naam = text(required=False, allow_blank=True, max_length=200, default="")
    organisatie = text(required=False, allow_blank=True, max_length=200, default="")
    telefoon = text(required=False, allow_blank=True, max_length=40, default="")
    meldcodeTraject = serializers.UUIDField(required=False, allow_null=True, default=None)


class TrailInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldcodeTrajectInvoer"

    onderwerp = text(max_length=200)


class StepsInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldcodeStappenInvoer"

    signalen = text(max_length=20000)
    collegialeConsultatie = text(required=False, allow_blank=True, default="", max_length=20000)
    gesprek = text(required=False, allow_blank=True, default="", max_length=20000)
    weging = text(required=False, allow_blank=True, default="", max_length=20000)


class AnswerInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AntwoordInvoer"

    vraag = serializers.IntegerField(min_value=1, max_value=5)
    antwoord = serializers.BooleanField()
    redenen = text(max_length=20000)
    afsprakenMonitoring = text(required=False, allow_blank=True, default="", max_length=20000)


class AdviceConvertInputSerializer(serializers.Serializer):
    """Documents the input; parsed by ketenkaart.reports.inputs like any melding."""

    class Meta:
        ref_name = "OmzettingInvoer"

    melder = ReporterInputSerializer()
    personen = PersonInputSerializer(many=True)
    omschrijving = serializers.CharField()
    acuut = serializers.BooleanField(required=False)
    anonimiteitToegezegd = serializers.BooleanField(required=False)


class FeedbackInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "TerugkoppelingInvoer"

    vervolgGestart = serializers.BooleanField()
    overgenomenDoor = text(required=False, allow_blank=True, default="", max_length=200)
    melderHeeftRol = serializers.BooleanField(required=False, default=False)
    voorwaardenEnMonitoring = text(required=False, allow_blank=True, default="", max_length=20000)
    toelichting = text(required=False, allow_blank=True, default="", max_length=20000)


class InvestigationInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "OnderzoekAfrondenInvoer"

    conclusie = text(max_length=20000)
    vervolg = text(max_length=20000)
    overgedragenAan = reference(
        professionals(),
        _("Deze professional bestaat niet."),
        required=False,
        allow_null=True,
        default=None,
    )


class VisitInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "HuisbezoekInvoer"

    melding = serializers.UUIDField()
    partner = reference(professionals(), _("Deze professional bestaat niet."))
    geplandOp = serializers.DateTimeField()
    reden = text(max_length=5000)


class VisitRecordInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "HuisbezoekVerslagInvoer"

    doorgegaan = serializers.BooleanField()
    hoeHetGing = text(max_length=20000)
    gezinStaatOpenVoorHulp = serializers.BooleanField(required=False, allow_null=True, default=None)


# -- views -------------------------------------------------------------------------------------


def _report_url(report_id) -> str:
    return reverse("api:report", kwargs={"melding": report_id})


def _report_body(request, report: Report) -> dict:
    report = (
        Report.objects.prefetch_related("persons", "police_forms", "feedback")
        .select_related("household")
        .get(pk=report.pk)
    )
    grant = gate.report_grant(request.user, report)
    if grant in (gate.ReportGrant.VT_REGION, gate.ReportGrant.HANDED_TO):
        return ReportSerializer(
            report, context={"show_reporter": gate.reporter_shown_to(request.user, report)}
        ).data
    return ReportStatusSerializer(report).data


class ReportListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {
        "reporter_name": "melder.naam",
        "reporter_phone": "melder.telefoon",
        "summary": "omschrijving",
        "persons": "personen",
        "trail": "meldcodeTraject",
        "anonymity_promised": "anonimiteitToegezegd",
    }

    @extend_schema(
        operation_id="meldingen_list",
        summary=_("De meldingen die u mag zien"),
        description=_(
            "Veilig Thuis: de meldingen van de regio. Politie en signaleerders: alleen hun eigen "
            "meldingen, met de stand en de terugkoppeling."
        ),
        responses={200: ReportStatusSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.my_reports(request.user).prefetch_related("feedback"), request, view=self
        )
        audit.record(user=request.user, action="report.list", object_type="report", request=request)
        return paginator.get_paginated_response(ReportStatusSerializer(page, many=True).data)

    @extend_schema(
        operation_id="meldingen_create",
        summary=_("Een melding doen, of een zorgmelding van de politie sturen"),
        description=_(
            "Een melding vraagt een melder met naam en telefoonnummer; anoniem kan alleen een "
            "advies. De politie stuurt één bericht met het registratienummer van het incident "
            "en al zijn formulieren: hetzelfde bericht twee keer is één melding (200), een nieuw "
            "formulier bij hetzelfde registratienummer komt bij die melding. Ongeldige invoer "
            "geeft 400 met elk ongeldig veld en slaat niets op."
        ),
        request=ReportInputSerializer,
        responses={
            201: ReportStatusSerializer,
            200: ReportStatusSerializer,
            **problems(400, 401, 403),
        },
    )
    def post(self, request):
        professional = gate.require_professional(request)
        if professional.role == Role.POLICE:
            message, errors = inputs.parse_police_message(request.data)
            if errors:
                raise exceptions.ValidationError(errors.by_field)
            receipt = services.police_messages_receive(by=professional, messages=[message])
            report = (receipt.created or receipt.extended or receipt.unchanged)[0]
            code = status.HTTP_201_CREATED if receipt.created else status.HTTP_200_OK
            return Response(
                _report_body(request, report),
                status=code,
                headers={"Location": _report_url(report.pk)},
            )
        data, errors = inputs.parse_report(request.data)
        trail = None
        trail_id = request.data.get("meldcodeTraject") if isinstance(request.data, dict) else None
        if trail_id:
            trail = gate.visible_trails(request.user).filter(pk=gate.as_uuid(trail_id)).first()
            if trail is None:
                errors.add("meldcodeTraject", _("Dit meldcodetraject bestaat niet."))
        if errors:
            raise exceptions.ValidationError(errors.by_field)
        report = services.report_create(
            by=professional,
            reporter=data.reporter,
            summary=data.summary,
            persons=data.persons,
            acute=data.acute,
            anonymity_promised=data.anonymity_promised,
            anonymity_requested=data.anonymity_requested,
            trail=trail,
        )
        return Response(
            _report_body(request, report),
            status=status.HTTP_201_CREATED,
            headers={"Location": _report_url(report.pk)},
        )


class ReportDetailView(ApiView):
    @extend_schema(
        operation_id="meldingen_read",
        summary=_("Een melding"),
        description=_(
            "De melder ziet de stand en de terugkoppeling; Veilig Thuis de hele melding. Een "
            "melder aan wie anonimiteit is toegezegd staat nooit in een antwoord buiten Veilig "
            "Thuis."
        ),
        responses={
            # Veilig Thuis sees the whole melding, the reporter its stand and feedback.
            200: OpenApiResponse(
                {
                    "anyOf": [
                        {"$ref": "#/components/schemas/Melding"},
                        {"$ref": "#/components/schemas/MeldingStand"},
                    ]
                }
            ),
            **problems(401, 404),
        },
    )
    def get(self, request, melding):
        report = gate.access_report(request, melding)
        return Response(_report_body(request, report))


class AssessmentView(ApiView):
    domain_fields = {
        "outcome": "besluit",
        "reasoning": "onderbouwing",
        "handed_to": "overgedragenAan",
        "safety_conditions": "veiligheidsvoorwaarden",
        "monitoring": "monitoring",
        "investigation_reasons": "redenenOnderzoek",
    }

    @extend_schema(
        operation_id="veiligheidsbeoordeling_read",
        summary=_("De veiligheidsbeoordeling van een melding"),
        responses={200: AssessmentSerializer, **problems(401, 403, 404)},
    )
    def get(self, request, melding):
        report = gate.access_report(request, melding, action="report.assessment.read", write=True)
        assessment = SafetyAssessment.objects.filter(report=report).first()
        if assessment is None:
            raise exceptions.NotFound(_("Deze melding is nog niet beoordeeld."))
        return Response(AssessmentSerializer(assessment).data)

    @extend_schema(
        operation_id="veiligheidsbeoordeling_create",
        summary=_("De veiligheidsbeoordeling vastleggen"),
        description=_(
            "Screening A (acute onveiligheid), B (structurele ernstige onveiligheid), C "
            "(schadelijke multiprobleemsituatie) en het besluit. Bij overdracht wordt de "
            "ontvanger betrokken en ingelicht; bij voorwaarden en vervolg komen de voorwaarden "
            "op de veiligheidskaart; bij onderzoek geldt de norm van 10 weken. Is de melder "
            "anonimiteit toegezegd, dan is onderzoek het enige besluit."
        ),
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, melding):
        report = gate.access_report(request, melding, action="report.assess", write=True)
        data = self.valid(AssessmentInputSerializer)
        assessment = services.assessment_record(
            by=gate.require_professional(request),
            report=report,
            acute_unsafety=data["acuteOnveiligheid"],
            structural_unsafety=data["structureleOnveiligheid"],
            multi_problem=data["multiprobleem"],
            outcome=data["besluit"],
            reasoning=data["onderbouwing"],
            handed_to=data.get("overgedragenAan"),
            safety_conditions=data.get("veiligheidsvoorwaarden", []),
            monitoring=data.get("monitoring", ""),
            monitor_until=data.get("monitorenTot"),
            investigation_reasons=data.get("redenenOnderzoek", []),
        )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class AdviceListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"question": "vraag", "trail": "meldcodeTraject"}

    @extend_schema(
        operation_id="adviezen_list",
        summary=_("De adviezen die u mag zien"),
        description=_("Veilig Thuis: de adviezen van de regio; anderen: hun eigen vragen."),
        responses={200: AdviceSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.advice_list(request.user), request, view=self)
        audit.record(user=request.user, action="advice.list", object_type="advice", request=request)
        return paginator.get_paginated_response(AdviceSerializer(page, many=True).data)

    @extend_schema(
        operation_id="adviezen_create",
        summary=_("Veilig Thuis om advies vragen"),
        description=_("Een advies mag anoniem: dan worden naam en telefoon niet bewaard."),
        request=AdviceInputSerializer,
        responses={201: AdviceSerializer, **problems(400, 401)},
    )
    def post(self, request):
        data = self.valid(AdviceInputSerializer)
        trail = None
        if data["meldcodeTraject"]:
            trail = gate.visible_trails(request.user).filter(pk=data["meldcodeTraject"]).first()
            if trail is None:
                raise exceptions.ValidationError(
                    {"meldcodeTraject": [_("Dit meldcodetraject bestaat niet.")]}
                )
        advice = services.advice_request(
            by=gate.require_professional(request),
            question=data["vraag"],
            anonymous=data["anoniem"],
            asker_name=data["naam"],
            asker_organisation=data["organisatie"],
            asker_phone=data["telefoon"],
            trail=trail,
        )
        return Response(
            AdviceSerializer(advice).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:advice", kwargs={"advies": advice.pk})},
        )


class AnonymityView(ApiView):
    @extend_schema(
        operation_id="meldingen_anonimiteit",
        summary=_("De melder anonimiteit naar het gezin toezeggen"),
        description=_(
            "Alleen het Veilig Thuis-team van de regio, zolang de veiligheidsbeoordeling loopt "
            "of Veilig Thuis onderzoekt. Veilig Thuis onderzoekt dan zelf, en de melder staat "
            "nergens meer buiten Veilig Thuis: niet in een antwoord, niet in een export."
        ),
        request=None,
        responses={200: ReportSerializer, **problems(401, 403, 404, 409)},
    )
    def post(self, request, melding):
        report = gate.access_report(request, melding, action="report.anonymity.promise", write=True)
        services.report_promise_anonymity(by=gate.require_professional(request), report=report)
        return Response(_report_body(request, report))


class FeedbackListView(ApiView):
    @extend_schema(
        operation_id="terugkoppelingen_list",
        summary=_("De terugkoppelingen die Veilig Thuis de melder schuldig is of gaf"),
        responses={200: FeedbackSerializer(many=True), **problems(401, 403, 404)},
    )
    def get(self, request, melding):
        report = gate.access_report(request, melding, action="report.feedback.read", write=True)
        return Response(FeedbackSerializer(report.feedback.order_by("moment"), many=True).data)


class FeedbackGiveView(ApiView):
    domain_fields = {
        "taken_over_by": "overgenomenDoor",
        "conditions_and_monitoring": "voorwaardenEnMonitoring",
    }

    @extend_schema(
        operation_id="terugkoppelingen_geven",
        summary=_("De melder terugkoppelen"),
        description=_(
            "Na de veiligheidsbeoordeling en na een onderzoek: of er een vervolgtraject is "
            "gestart en wie het overnam; heeft de melder een rol, dan ook de "
            "veiligheidsvoorwaarden en de afspraken over monitoring."
        ),
        request=FeedbackInputSerializer,
        responses={200: FeedbackSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, melding, terugkoppeling):
        report = gate.access_report(request, melding, action="report.feedback.give", write=True)
        item = report.feedback.filter(pk=terugkoppeling).first()
        if item is None:
            raise exceptions.NotFound(_("Deze terugkoppeling bestaat niet."))
        data = self.valid(FeedbackInputSerializer)
        item = services.feedback_give(
            by=gate.require_professional(request),
            feedback=item,
            follow_up_started=data["vervolgGestart"],
            taken_over_by=data["overgenomenDoor"],
            reporter_has_role=data["melderHeeftRol"],
            conditions_and_monitoring=data["voorwaardenEnMonitoring"],
            message=data["toelichting"],
        )
        return Response(FeedbackSerializer(item).data)


class InvestigationView(ApiView):
    domain_fields = {
        "conclusion": "conclusie",
        "follow_up": "vervolg",
        "handed_to": "overgedragenAan",
    }

    def _investigation(self, report):
        investigation = Investigation.objects.filter(report=report).first()
        if investigation is None:
            raise exceptions.NotFound(_("Bij deze melding loopt geen onderzoek."))
        return investigation

    @extend_schema(
        operation_id="onderzoek_read",
        summary=_("Het onderzoek van Veilig Thuis bij een melding"),
        responses={200: InvestigationSerializer, **problems(401, 403, 404)},
    )
    def get(self, request, melding):
        report = gate.access_report(
            request, melding, action="report.investigation.read", write=True
        )
        return Response(InvestigationSerializer(self._investigation(report)).data)

    @extend_schema(
        operation_id="onderzoek_afronden",
        summary=_("Het onderzoek afronden"),
        description=_(
            "Met de conclusie en het vervolg; met overgedragenAan wordt die professional "
            "betrokken en ingelicht. De melder krijgt daarna terugkoppeling."
        ),
        request=InvestigationInputSerializer,
        responses={200: InvestigationSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, melding):
        report = gate.access_report(
            request, melding, action="report.investigation.complete", write=True
        )
        investigation = self._investigation(report)
        data = self.valid(InvestigationInputSerializer)
        investigation = services.investigation_complete(
            by=gate.require_professional(request),
            investigation=investigation,
            conclusion=data["conclusie"],
            follow_up=data["vervolg"],
            handed_to=data["overgedragenAan"],
        )
        return Response(InvestigationSerializer(investigation).data)


class AdviceConvertView(ApiView):
    domain_fields = {
        "reporter_name": "melder.naam",
        "reporter_phone": "melder.telefoon",
        "summary": "omschrijving",
        "persons": "personen",
    }

    @extend_schema(
        operation_id="adviezen_omzetting",
        summary=_("Een advies omzetten in een melding"),
        description=_(
            "Door het Veilig Thuis-team van de regio of door wie het advies vroeg. Een melding "
            "vraagt een melder met naam en telefoonnummer, ook als het advies anoniem was. "
            "Ongeldige invoer geeft 400 met elk ongeldig veld en slaat niets op."
        ),
        request=AdviceConvertInputSerializer,
        responses={201: ReportSerializer, **problems(400, 401, 404, 409)},
    )
    def post(self, request, advies):
        # The requester may convert their own advies too; the service decides who may.
        advice = gate.access_advice(request, advies, action="advice.convert")
        data, errors = inputs.parse_report(request.data)
        if errors:
            raise exceptions.ValidationError(errors.by_field)
        report = services.advice_convert(
            by=gate.require_professional(request),
            advice=advice,
            reporter=data.reporter,
            summary=data.summary,
            persons=data.persons,
            acute=data.acute,
            anonymity_promised=data.anonymity_promised,
        )
        return Response(
            _report_body(request, report),
            status=status.HTTP_201_CREATED,
            headers={"Location": _report_url(report.pk)},
        )


class AdviceDetailView(ApiView):
    @extend_schema(
        operation_id="adviezen_read",
        summary=_("Een advies"),
        responses={200: AdviceSerializer, **problems(401, 404)},
    )
    def get(self, request, advies):
        return Response(AdviceSerializer(gate.access_advice(request, advies)).data)


def _trail_body(trail: MeldcodeTrail) -> dict:
    trail = MeldcodeTrail.objects.prefetch_related("answers").get(pk=trail.pk)
    return TrailSerializer(trail).data


class TrailListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"subject": "onderwerp"}

    @extend_schema(
        operation_id="meldcode_trajecten_list",
        summary=_("Uw eigen meldcodetrajecten"),
        responses={200: TrailSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.trails(request.user).prefetch_related("answers"), request, view=self
        )
        audit.record(
            user=request.user, action="trail.list", object_type="meldcode_trail", request=request
        )
        return paginator.get_paginated_response(TrailSerializer(page, many=True).data)

    @extend_schema(
        operation_id="meldcode_trajecten_create",
        summary=_("Een meldcodetraject beginnen"),
        request=TrailInputSerializer,
        responses={201: TrailSerializer, **problems(400, 401)},
    )
    def post(self, request):
        data = self.valid(TrailInputSerializer)
        trail = services.trail_start(
            by=gate.require_professional(request), subject=data["onderwerp"]
        )
        return Response(
            _trail_body(trail),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:trail", kwargs={"traject": trail.pk})},
        )


class TrailDetailView(ApiView):
    @extend_schema(
        operation_id="meldcode_trajecten_read",
        summary=_("Een meldcodetraject, met de antwoorden en de volgende vraag"),
        responses={200: TrailSerializer, **problems(401, 404)},
    )
    def get(self, request, traject):
        return Response(_trail_body(gate.access_trail(request, traject)))


class TrailStepsView(ApiView):
    domain_fields = {"signals": "signalen"}

    @extend_schema(
        operation_id="meldcode_stappen_update",
        summary=_("De bevindingen van stap 1 tot en met 4 vastleggen"),
        request=StepsInputSerializer,
        responses={200: TrailSerializer, **problems(400, 401, 404)},
    )
    def put(self, request, traject):
        trail = gate.access_trail(request, traject, action="trail.steps", write=True)
        data = self.valid(StepsInputSerializer)
        trail = services.trail_record_steps(
            by=gate.require_professional(request),
            trail=trail,
            signals=data["signalen"],
            colleague_consulted=data["collegialeConsultatie"],
            conversation=data["gesprek"],
            weighing=data["weging"],
        )
        return Response(_trail_body(trail))


class TrailAnswerView(ApiView):
    domain_fields = {
        "question": "vraag",
        "reasons": "redenen",
        "monitoring_agreements": "afsprakenMonitoring",
    }

    @extend_schema(
        operation_id="meldcode_antwoorden_create",
        summary=_("Een vraag van het afwegingskader beantwoorden, met redenen"),
        description=_(
            "Ja op vraag 2 (acute of structurele onveiligheid) maakt melden verplicht; vraag 3 "
            "tot en met 5 worden dan samen met Veilig Thuis beantwoord. Nee op vraag 5 leidt "
            "tot een (nieuwe) melding."
        ),
        request=AnswerInputSerializer,
        responses={201: TrailSerializer, **problems(400, 401, 404, 409)},
    )
    def post(self, request, traject):
        trail = gate.access_trail(request, traject, action="trail.answer", write=True)
        data = self.valid(AnswerInputSerializer)
        services.trail_answer(
            by=gate.require_professional(request),
            trail=trail,
            question=data["vraag"],
            answer=data["antwoord"],
            reasons=data["redenen"],
            monitoring_agreements=data["afsprakenMonitoring"],
        )
        return Response(_trail_body(trail), status=status.HTTP_201_CREATED)


class VisitListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"reason": "reden", "planned_for": "geplandOp", "partner": "partner"}

    @extend_schema(
        operation_id="huisbezoeken_list",
        summary=_("Gezamenlijke huisbezoeken (samen op pad)"),
        responses={200: JointVisitSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.joint_visits(request.user), request, view=self)
        audit.record(
            user=request.user, action="joint_visit.list", object_type="joint_visit", request=request
        )
        return paginator.get_paginated_response(JointVisitSerializer(page, many=True).data)

    @extend_schema(
        operation_id="huisbezoeken_create",
        summary=_("Een gezamenlijk huisbezoek plannen"),
        description=_(
            "Veilig Thuis plant met de wijkcoach een bezoek aan een gezin dat niet openstaat "
            "voor hulp, bij een melding van de regio die aan een gezin is gekoppeld."
        ),
        request=VisitInputSerializer,
        responses={201: JointVisitSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request):
        data = self.valid(VisitInputSerializer)
        report = gate.access_report(request, data["melding"], action="joint_visit.plan", write=True)
        if report.household_id is None:
            raise exceptions.ValidationError(
                {"melding": [_("Koppel de melding eerst aan een gezin.")]}
            )
        visit = services.joint_visit_plan(
            by=gate.require_professional(request),
            household=report.household,
            partner=data["partner"],
            planned_for=data["geplandOp"],
            reason=data["reden"],
            report=report,
        )
        return Response(
            JointVisitSerializer(visit).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:visit", kwargs={"huisbezoek": visit.pk})},
        )


class VisitDetailView(ApiView):
    @extend_schema(
        operation_id="huisbezoeken_read",
        summary=_("Een gezamenlijk huisbezoek"),
        responses={200: JointVisitSerializer, **problems(401, 404)},
    )
    def get(self, request, huisbezoek):
        return Response(JointVisitSerializer(gate.access_joint_visit(request, huisbezoek)).data)


class VisitRecordView(ApiView):
    domain_fields = {"how_it_went": "hoeHetGing"}

    @extend_schema(
        operation_id="huisbezoeken_verslag",
        summary=_("Vastleggen hoe het huisbezoek ging"),
        request=VisitRecordInputSerializer,
        responses={200: JointVisitSerializer, **problems(400, 401, 404, 409)},
    )
    def post(self, request, huisbezoek):
        visit = gate.access_joint_visit(
            request, huisbezoek, action="joint_visit.record", write=True
        )
        data = self.valid(VisitRecordInputSerializer)
        visit = services.joint_visit_record(
            by=gate.require_professional(request),
            visit=visit,
            took_place=data["doorgegaan"],
            how_it_went=data["hoeHetGing"],
            family_open_to_help=data["gezinStaatOpenVoorHulp"],
        )
        return Response(JointVisitSerializer(visit).data)
