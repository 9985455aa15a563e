"""The decisions after receipt (issue 11): Veilig Thuis marks a melding acute
(meldingen/{id}/acuut) or withdraws its promise of anonymity (meldingen/{id}/anonimiteit/
intrekking); a signaler stops a meldcode trail at a step (meldcode-trajecten/{id}/stop).
The gate lets the caller in (write grant, audited), the input is checked for shape naming
every invalid field, a service decides."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import text
from ketenkaart.api.views import ApiView
from ketenkaart.reports import services
from ketenkaart.reports.api.reports import ReportSerializer, _report_body
from ketenkaart.reports.api.trails import TrailSerializer
from ketenkaart.reports.models import MeldcodeTrail


class ReasonInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "RedenInvoer"

    reden = text(max_length=20000)


class TrailStopInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldcodeStopInvoer"

    stap = serializers.IntegerField(min_value=1, max_value=5)
    reden = text(max_length=20000)


class StoppedTrailSerializer(TrailSerializer):
    """The trail with where and why it stopped (additive to MeldcodeTraject)."""

    class Meta:
        ref_name = "GestoptMeldcodeTraject"

    gestoptBijStap = serializers.IntegerField(source="stopped_at_step", allow_null=True)
    redenGestopt = StrictCharField(source="stop_reason")


class AcuteView(ApiView):
    domain_fields = {"reason": "reden"}

    @extend_schema(
        operation_id="meldingen_acuut",
        summary=_("Een melding acuut maken (oordeel van Veilig Thuis)"),
        description=_(
            "Alleen het Veilig Thuis-team van de regio, zolang de veiligheidsbeoordeling nog "
            "niet is gedaan. De termijn wordt 'direct': beoordelenUiterlijk wordt vandaag."
        ),
        request=ReasonInputSerializer,
        responses={200: ReportSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, melding):
        report = gate.access_report(request, melding, action="report.acute.mark", write=True).obj
        data = self.valid(ReasonInputSerializer)
        services.report_mark_acute(
            by=gate.require_professional(request), report=report, reason=data["reden"]
        )
        return Response(_report_body(request, report))


class AnonymityWithdrawView(ApiView):
    domain_fields = {"reason": "reden"}

    @extend_schema(
        operation_id="meldingen_anonimiteit_intrekken",
        summary=_("De toezegging van anonimiteit intrekken, met reden"),
        description=_(
            "Alleen het Veilig Thuis-team van de regio. Daarna is de melder niet meer "
            "afgeschermd voor wie de melding na een overdracht ziet."
        ),
        request=ReasonInputSerializer,
        responses={200: ReportSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, melding):
        report = gate.access_report(
            request, melding, action="report.anonymity.withdraw", write=True
        ).obj
        data = self.valid(ReasonInputSerializer)
        services.report_withdraw_anonymity(
            by=gate.require_professional(request), report=report, reason=data["reden"]
        )
        return Response(_report_body(request, report))


class TrailStopView(ApiView):
    domain_fields = {"step": "stap", "reason": "reden"}

    @extend_schema(
        operation_id="meldcode_stoppen",
        summary=_("Een meldcodetraject stoppen bij een stap, met reden"),
        description=_(
            "Alleen wie het traject voert, en alleen zolang het loopt of hulp geboden wordt. "
            "Zegt de afweging 'melden', dan kan het traject niet stoppen: het eindigt in een "
            "melding (409)."
        ),
        request=TrailStopInputSerializer,
        responses={200: StoppedTrailSerializer, **problems(400, 401, 404, 409)},
    )
    def post(self, request, traject):
        trail = gate.access_trail(request, traject, action="trail.stop", write=True).obj
        data = self.valid(TrailStopInputSerializer)
        services.trail_stop(
            by=gate.require_professional(request),
            trail=trail,
            step=data["stap"],
            reason=data["reden"],
        )
        trail = MeldcodeTrail.objects.prefetch_related("answers").get(pk=trail.pk)
        return Response(StoppedTrailSerializer(trail).data)
