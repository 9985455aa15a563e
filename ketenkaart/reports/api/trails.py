"""The meldcode trail (meldcode-trajecten): its steps and answers."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import text
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.reports import selectors, services
from ketenkaart.reports.api.common import ANSWERS, TRAIL_STATUSES, _mapped
from ketenkaart.reports.models import (
    MeldcodeTrail,
)


class TrailAnswerSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AntwoordAfwegingskader"

    ronde = serializers.IntegerField(source="round")
    vraag = serializers.IntegerField(source="question")
    antwoord = _mapped(ANSWERS, "answer")
    redenen = StrictCharField(source="reasons")
    beantwoord = serializers.DateTimeField(source="answered_at")


class TrailSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldcodeTraject"

    id = serializers.UUIDField()
    onderwerp = StrictCharField(source="subject")
    signalen = StrictCharField(source="signals")
    collegialeConsultatie = StrictCharField(source="colleague_consulted")
    gesprek = StrictCharField(source="conversation")
    weging = StrictCharField(source="weighing")
    stand = _mapped(TRAIL_STATUSES, "status")
    afsprakenMonitoring = StrictCharField(source="monitoring_agreements")
    volgendeVraag = serializers.SerializerMethodField()
    antwoorden = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_volgendeVraag(self, trail):
        answers = [a for a in trail.answers.all() if a.round == trail.round]
        return services.trail_next_question(trail, answers)

    @extend_schema_field(TrailAnswerSerializer(many=True))
    def get_antwoorden(self, trail):
        return TrailAnswerSerializer(trail.answers.all(), many=True).data


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
        return Response(_trail_body(gate.access_trail(request, traject).obj))


class TrailStepsView(ApiView):
    domain_fields = {"signals": "signalen"}

    @extend_schema(
        operation_id="meldcode_stappen_update",
        summary=_("De bevindingen van stap 1 tot en met 4 vastleggen"),
        request=StepsInputSerializer,
        responses={200: TrailSerializer, **problems(400, 401, 404)},
    )
    def put(self, request, traject):
        trail = gate.access_trail(request, traject, action="trail.steps", write=True).obj
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
        trail = gate.access_trail(request, traject, action="trail.answer", write=True).obj
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
