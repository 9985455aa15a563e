"""/api/v1/gezinnen/{id}/noodtoegang (open, with a reason and a duration) and
/api/v1/noodtoegang (the privacy officer's review queue) with its review step."""

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from ketenkaart.access import emergency, gate
from ketenkaart.access.models import EmergencyAccess, ReviewOutcome
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Professional

# Stored values are English; the API speaks Dutch (docs/api.md, "Conventions").
REVIEW_OUTCOMES = {ReviewOutcome.APPROVED: "terecht", ReviewOutcome.FLAGGED: "nagaan"}

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

TEXT_ERRORS: "dict[str, str | _StrPromise]" = {
    "blank": gettext_lazy("Vul dit veld in."),
    "required": gettext_lazy("Vul dit veld in."),
    "max_length": gettext_lazy("Gebruik hoogstens {max_length} tekens."),
}


class EmergencySerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    professional = StrictCharField(source="professional.display_name")
    organisatie = StrictCharField(source="professional.organisation.name")
    reden = StrictCharField(source="reason")
    vanaf = serializers.DateTimeField(source="granted_at")
    tot = serializers.DateTimeField(source="expires_at")
    beoordelenUiterlijk = serializers.DateField(source="review_due_on", allow_null=True)
    uitkomst = MappedChoiceField(REVIEW_OUTCOMES, source="review_outcome", allow_blank=True)


class EmergencyCreateSerializer(serializers.Serializer[dict[str, Any]]):
    reden = StrictCharField(max_length=2000, error_messages=TEXT_ERRORS)
    uren = serializers.IntegerField(
        min_value=1,
        max_value=emergency.MAX_HOURS,
        error_messages={
            "invalid": gettext_lazy("Geef een heel aantal uren."),
            "min_value": gettext_lazy("Minstens 1 uur."),
            "max_value": gettext_lazy("Hoogstens 24 uur."),
        },
    )


class ReviewSerializer(serializers.Serializer[dict[str, Any]]):
    uitkomst = MappedChoiceField(REVIEW_OUTCOMES)
    notitie = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class EmergencyOpenView(ApiView):
    domain_fields = {"reason": "reden", "hours": "uren"}

    @extend_schema(
        operation_id="noodtoegang_create",
        summary=_("Noodtoegang tot een gezin waarbij u niet betrokken bent"),
        description=_(
            "Met een reden en een duur van 1 tot 24 uur. Elke inzage daarna staat in de "
            "toegangslog met de grondslag noodtoegang; de regisseur krijgt bericht en de "
            "privacy officer beoordeelt het."
        ),
        request=EmergencyCreateSerializer,
        responses={201: EmergencySerializer, **problems(400, 401, 404)},
    )
    def post(self, request: Request, gezin: str) -> Response:
        professional = self.professional()
        household = Household.objects.filter(pk=gezin).first()
        if household is None or professional is None or not professional.works_with_families:
            audit.record(
                user=request.user,
                action="household.emergency_access.request",
                outcome=Outcome.DENIED,
                object_type="household",
                object_id=gezin,
                request=request,
            )
            from rest_framework.exceptions import NotFound

            raise NotFound
        data = self.valid(EmergencyCreateSerializer)
        access = emergency.emergency_open(
            by=professional, household=household, reason=data["reden"], hours=data["uren"]
        )
        return Response(
            EmergencySerializer(access).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": f"/api/v1/noodtoegang/{access.pk}"},
        )


def _require_officer(request: Request) -> Professional:
    return gate.require_privacy_officer(
        request,
        "emergency_access.queue",
        message=_("Alleen de privacy officer ziet de noodtoegangen."),
    )


class EmergencyQueueView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="noodtoegang_list",
        summary=_("Noodtoegangen die op beoordeling wachten"),
        description=_("Voor de privacy officer van de regio; vroegste termijn eerst."),
        responses={200: EmergencySerializer(many=True), **problems(401, 403)},
    )
    def get(self, request: Request) -> Response:
        _require_officer(request)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(emergency.review_queue(request.user), request, view=self)
        audit.record(
            user=request.user,
            action="emergency_access.queue",
            object_type="emergencyaccess",
            request=request,
        )
        return paginator.get_paginated_response(EmergencySerializer(page, many=True).data)


class EmergencyReviewView(ApiView):
    domain_fields = {"outcome": "uitkomst", "note": "notitie"}

    @extend_schema(
        operation_id="noodtoegang_beoordeling",
        summary=_("Een noodtoegang beoordelen: terecht, of niet in orde met een notitie"),
        request=ReviewSerializer,
        responses={200: EmergencySerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, noodtoegang: str) -> Response:
        officer = _require_officer(request)
        access = gate.access_among(
            request,
            EmergencyAccess.objects.filter(
                household__in=gate.access_log_households(request.user)
            ).select_related("household", "professional__organisation", "professional__user"),
            noodtoegang,
            action="emergency_access.review",
            object_type="emergencyaccess",
            grant=gate.Grant.PRIVACY_OFFICER,
        ).obj
        data = self.valid(ReviewSerializer)
        access = emergency.emergency_review(
            by=officer, access=access, outcome=data["uitkomst"], note=data["notitie"]
        )
        return Response(EmergencySerializer(access).data)
