"""Joint visits (samen op pad / huisbezoeken): planned and recorded."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import professionals, reference, text
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.reports import selectors, services
from ketenkaart.reports.api.common import JOINT_VISIT_STATUSES, _mapped


class JointVisitSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Huisbezoek"

    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    melding = serializers.UUIDField(source="report_id", allow_null=True)
    veiligThuis = serializers.UUIDField(source="vt_professional_id")
    partner = serializers.UUIDField(source="partner_id")
    reden = StrictCharField(source="reason")
    geplandOp = serializers.DateTimeField(source="planned_for")
    stand = _mapped(JOINT_VISIT_STATUSES, "status")
    hoeHetGing = StrictCharField(source="how_it_went")
    gezinStaatOpenVoorHulp = serializers.BooleanField(source="family_open_to_help", allow_null=True)


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
            user=request.user,
            action="joint_visit.list",
            object_type="joint_visit",
            grant=gate.report_list_grant(request.user, partner=gate.ReportGrant.JOINT_VISIT),
            request=request,
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
        report = gate.access_report(
            request, data["melding"], action="joint_visit.plan", write=True
        ).obj
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
        return Response(JointVisitSerializer(gate.access_joint_visit(request, huisbezoek).obj).data)


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
        ).obj
        data = self.valid(VisitRecordInputSerializer)
        visit = services.joint_visit_record(
            by=gate.require_professional(request),
            visit=visit,
            took_place=data["doorgegaan"],
            how_it_went=data["hoeHetGing"],
            family_open_to_help=data["gezinStaatOpenVoorHulp"],
        )
        return Response(JointVisitSerializer(visit).data)
