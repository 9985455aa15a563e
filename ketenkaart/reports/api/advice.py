"""Advies: requested, listed, answered and converted into a melding."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import text
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.reports import inputs, selectors, services
from ketenkaart.reports.api.reports import (
    PersonInputSerializer,
    ReporterInputSerializer,
    ReportSerializer,
    _report_body,
    _report_url,
)


class AdviceSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Advies"

    id = serializers.UUIDField()
    ontvangen = serializers.DateTimeField(source="received_at")
    anoniem = serializers.BooleanField(source="anonymous")
    naam = StrictCharField(source="asker_name")
    organisatie = StrictCharField(source="asker_organisation")
    telefoon = StrictCharField(source="asker_phone")
    vraag = StrictCharField(source="question")
    advies = StrictCharField(source="answer")
    beantwoord = serializers.DateTimeField(source="answered_at", allow_null=True)
    meldcodeTraject = serializers.UUIDField(source="trail_id", allow_null=True)


class AdviceInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AdviesInvoer"

    vraag = text(max_length=20000)
    anoniem = serializers.BooleanField(required=False, default=False)
    naam = text(required=False, allow_blank=True, max_length=200, default="")
    organisatie = text(required=False, allow_blank=True, max_length=200, default="")
    telefoon = text(required=False, allow_blank=True, max_length=40, default="")
    meldcodeTraject = serializers.UUIDField(required=False, allow_null=True, default=None)


class AdviceConvertInputSerializer(serializers.Serializer):
    """Documents the input; parsed by ketenkaart.reports.inputs like any melding."""

    class Meta:
        ref_name = "OmzettingInvoer"

    melder = ReporterInputSerializer()
    personen = PersonInputSerializer(many=True)
    omschrijving = StrictCharField()
    acuut = serializers.BooleanField(required=False)
    anonimiteitToegezegd = serializers.BooleanField(required=False)


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
        audit.record(
            user=request.user,
            action="advice.list",
            object_type="advice",
            grant=gate.report_list_grant(request.user),
            request=request,
        )
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
            "Alleen door het Veilig Thuis-team van de regio; wie het advies vroeg doet zelf "
            "een melding (403). Een melding "
            "vraagt een melder met naam en telefoonnummer, ook als het advies anoniem was. "
            "Ongeldige invoer geeft 400 met elk ongeldig veld en slaat niets op."
        ),
        request=AdviceConvertInputSerializer,
        responses={201: ReportSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, advies):
        # The requester reads the advies but may not convert it; the service refuses (403).
        advice = gate.access_advice(request, advies, action="advice.convert").obj
        data, errors = inputs.parse_report(
            request.data, fields=inputs.REPORT_FIELDS - {"anonimiteitGevraagd"}
        )
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
        return Response(AdviceSerializer(gate.access_advice(request, advies).obj).data)
