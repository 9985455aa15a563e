"""The veiligheidsbeoordeling and the investigation of a melding."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField, date, professionals, reference, text
from ketenkaart.api.views import ApiView
from ketenkaart.reports import services
from ketenkaart.reports.api.common import OUTCOMES, REASONS, _mapped, enum
from ketenkaart.reports.models import (
    Investigation,
    SafetyAssessment,
)


class AssessmentSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Veiligheidsbeoordeling"

    id = serializers.UUIDField()
    beoordeeld = serializers.DateTimeField(source="assessed_at")
    acuteOnveiligheid = serializers.BooleanField(source="acute_unsafety")
    structureleOnveiligheid = serializers.BooleanField(source="structural_unsafety")
    multiprobleem = serializers.BooleanField(source="multi_problem")
    besluit = _mapped(OUTCOMES, "outcome")
    onderbouwing = StrictCharField(source="reasoning")
    overgedragenAan = serializers.UUIDField(source="handed_to_id", allow_null=True)
    veiligheidsvoorwaarden = serializers.ListField(
        source="safety_conditions", child=StrictCharField()
    )
    monitoring = StrictCharField()
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
    conclusie = StrictCharField(source="conclusion")
    vervolg = StrictCharField(source="follow_up")
    overgedragenAan = serializers.UUIDField(source="handed_to_id", allow_null=True)


class AssessmentInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "VeiligheidsbeoordelingInvoer"

    acuteOnveiligheid = serializers.BooleanField()
    structureleOnveiligheid = serializers.BooleanField()
    multiprobleem = serializers.BooleanField()
    besluit = StrictCharField(help_text=", ".join(OUTCOMES.values()))
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
        report = gate.access_report(
            request, melding, action="report.assessment.read", write=True
        ).obj
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
        report = gate.access_report(request, melding, action="report.assess", write=True).obj
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
        ).obj
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
        ).obj
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
