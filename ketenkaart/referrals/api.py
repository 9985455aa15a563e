"""/api/v1/gezinnen/{id}/verwijzingen: read (audited by the gate) and record one."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField, Messages
from ketenkaart.api.views import ApiView
from ketenkaart.referrals import selectors, services
from ketenkaart.referrals.models import CareKind, Referrer

# Stored values are English; the API speaks Dutch (docs/api.md, "Conventions").
CARE_KINDS = {
    CareKind.YOUTH_MENTAL_HEALTH: "jeugd_ggz",
    CareKind.RESIDENTIAL: "verblijf",
    CareKind.FOSTER_CARE: "pleegzorg",
    CareKind.INTELLECTUAL_DISABILITY: "lvb_zorg",
    CareKind.SPECIALISED_AMBULANT: "specialistisch_ambulant",
    CareKind.OTHER: "anders",
}
REFERRERS = {
    Referrer.LOCAL_TEAM: "wijkteam",
    Referrer.CERTIFIED_INSTITUTION: "gecertificeerde_instelling",
    Referrer.COURT: "kinderrechter",
}
DATE_ERRORS: Messages = {"invalid": gettext_lazy("Gebruik een datum als JJJJ-MM-DD.")}


class ReferralSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    soortZorg = MappedChoiceField(CARE_KINDS, source="care_kind")
    verwezenDoor = MappedChoiceField(REFERRERS, source="referred_by")
    datum = serializers.DateField(source="referred_on")


class ReferralCreateSerializer(serializers.Serializer):
    soortZorg = MappedChoiceField(CARE_KINDS)
    verwezenDoor = MappedChoiceField(REFERRERS)
    datum = serializers.DateField(error_messages=DATE_ERRORS)


class ReferralsView(ApiView):
    pagination_class = PagePagination
    domain_fields = {
        "care_kind": "soortZorg",
        "referred_by": "verwezenDoor",
        "referred_on": "datum",
    }

    @extend_schema(
        operation_id="verwijzingen_list",
        summary=_("De verwijzingen naar tweedelijnszorg van een gezin, nieuwste eerst"),
        responses={200: ReferralSerializer(many=True), **problems(400, 401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "referral.list")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.referrals(household), request, view=self)
        return paginator.get_paginated_response(ReferralSerializer(page, many=True).data)

    @extend_schema(
        operation_id="verwijzingen_create",
        summary=_(
            "Een verwijzing vastleggen: soort zorg, wie verwees (wijkteam, GI, rechter), datum"
        ),
        request=ReferralCreateSerializer,
        responses={201: ReferralSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "referral.record")
        data = self.valid(ReferralCreateSerializer)
        referral = services.referral_record(
            by=self.professional(),
            household=household,
            care_kind=data["soortZorg"],
            referred_by=data["verwezenDoor"],
            referred_on=data["datum"],
        )
        return Response(
            ReferralSerializer(referral).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.path},
        )
