"""The melding: its serializers (reporter, persons, forms, feedback), the list and detail, anonymity and feedback (terugkoppeling)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import text
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.organisations.models import Role
from ketenkaart.reports import inputs, selectors, services
from ketenkaart.reports.api.common import MOMENTS, RADAR, SOURCES, STATUSES, _mapped
from ketenkaart.reports.models import (
    Report,
)


class ReporterSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Melder"

    naam = StrictCharField(source="reporter_name")
    organisatie = StrictCharField(source="reporter_organisation")
    telefoon = StrictCharField(source="reporter_phone")
    email = StrictCharField(source="reporter_email")


class FeedbackSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Terugkoppeling"

    id = serializers.UUIDField()
    moment = _mapped(MOMENTS)
    terugkoppelenOp = serializers.DateField(source="due_on")
    gegevenOp = serializers.DateTimeField(source="given_at", allow_null=True)
    vervolgGestart = serializers.BooleanField(source="follow_up_started", allow_null=True)
    overgenomenDoor = StrictCharField(source="taken_over_by")
    voorwaardenEnMonitoring = StrictCharField(source="conditions_and_monitoring")
    toelichting = StrictCharField(source="message")


class ReportStatusSerializer(serializers.Serializer):
    """What a reporter sees of their own melding: its status and the feedback given."""

    class Meta:
        ref_name = "MeldingStand"

    id = serializers.UUIDField()
    bron = _mapped(SOURCES, "source")
    kenmerk = StrictCharField(
        source="reference", help_text=_("Het kenmerk om te noemen als u Veilig Thuis belt.")
    )
    registratienummer = StrictCharField(source="police_reference")
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
    voornamen = StrictCharField(source="given_names")
    tussenvoegsel = StrictCharField(source="surname_prefix")
    achternaam = StrictCharField(source="surname")
    geboortedatum = serializers.DateField(source="birth_date", allow_null=True)
    bekendePersoon = serializers.UUIDField(source="person_id", allow_null=True)


class FormSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PolitieFormulier"

    kenmerk = StrictCharField(source="form_reference")
    soort = StrictCharField(source="kind")
    datum = serializers.DateField(source="occurred_on", allow_null=True)
    inhoud = StrictCharField(source="text")


class ReportSerializer(ReportStatusSerializer):
    """The whole melding, for Veilig Thuis (and, without a protected reporter, for whom it
    was handed to)."""

    class Meta:
        ref_name = "Melding"

    melder = serializers.SerializerMethodField()
    anonimiteitToegezegd = serializers.BooleanField(source="anonymity_promised")
    omschrijving = StrictCharField(source="summary")
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


class ReporterInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MelderInvoer"

    naam = StrictCharField()
    telefoon = StrictCharField()
    organisatie = StrictCharField(required=False)
    email = StrictCharField(required=False)


class PersonInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldingPersoonInvoer"

    rol = StrictCharField(help_text=_("kind, ouder, pleger of anders"))
    voornamen = StrictCharField()
    tussenvoegsel = StrictCharField(required=False)
    achternaam = StrictCharField()
    geboortedatum = serializers.DateField(required=False, allow_null=True)
    bsn = StrictCharField(required=False)


class FormInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PolitieFormulierInvoer"

    kenmerk = StrictCharField()
    soort = StrictCharField()
    datum = serializers.DateField(required=False, allow_null=True)
    inhoud = StrictCharField()


class ReportInputSerializer(serializers.Serializer):
    """Documents the input; it is parsed by ketenkaart.reports.inputs (shared with the file
    import). The police send `registratienummer` and `formulieren`; signalers `omschrijving`."""

    class Meta:
        ref_name = "MeldingInvoer"

    melder = ReporterInputSerializer()
    personen = PersonInputSerializer(many=True)
    omschrijving = StrictCharField(required=False)
    acuut = serializers.BooleanField(required=False)
    anonimiteitToegezegd = serializers.BooleanField(
        required=False, help_text=_("Alleen Veilig Thuis zegt anonimiteit toe.")
    )
    anonimiteitGevraagd = serializers.BooleanField(required=False)
    meldcodeTraject = serializers.UUIDField(required=False, allow_null=True)
    registratienummer = StrictCharField(required=False)
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


class FeedbackInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "TerugkoppelingInvoer"

    vervolgGestart = serializers.BooleanField()
    overgenomenDoor = text(required=False, allow_blank=True, default="", max_length=200)
    melderHeeftRol = serializers.BooleanField(required=False, default=False)
    voorwaardenEnMonitoring = text(required=False, allow_blank=True, default="", max_length=20000)
    toelichting = text(required=False, allow_blank=True, default="", max_length=20000)


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
        data, errors = inputs.parse_report(
            request.data, fields=inputs.REPORT_FIELDS | {"meldcodeTraject"}
        )
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
        report = gate.access_report(request, melding).obj
        return Response(_report_body(request, report))


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
        report = gate.access_report(
            request, melding, action="report.anonymity.promise", write=True
        ).obj
        services.report_promise_anonymity(by=gate.require_professional(request), report=report)
        return Response(_report_body(request, report))


class FeedbackListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="terugkoppelingen_list",
        summary=_("De terugkoppelingen die Veilig Thuis de melder schuldig is of gaf"),
        responses={200: FeedbackSerializer(many=True), **problems(401, 403, 404)},
    )
    def get(self, request, melding):
        report = gate.access_report(request, melding, action="report.feedback.read", write=True).obj
        return self.paged(report.feedback.order_by("moment"), FeedbackSerializer)


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
        report = gate.access_report(request, melding, action="report.feedback.give", write=True).obj
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
