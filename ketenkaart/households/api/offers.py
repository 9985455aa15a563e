"""/api/v1: handover of regie as a question and an answer, the same rules as the web
(handover_services). Regie moves when the receiver accepts; until then the former regisseur
keeps it. Asked and read only by whom it asks and whom asked it; anyone else gets 404."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import text
from ketenkaart.api.views import ApiView
from ketenkaart.households import handover_services
from ketenkaart.households.api.serializers import HandoverCreateSerializer
from ketenkaart.households.models import OfferState

STATES = {
    OfferState.PENDING: "wacht",
    OfferState.ACCEPTED: "aanvaard",
    OfferState.DECLINED: "afgewezen",
    OfferState.WITHDRAWN: "ingetrokken",
}


class OfferSerializer(serializers.Serializer):
    class Meta:
        ref_name = "RegieVerzoek"

    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    huidigeRegisseur = serializers.UUIDField(source="from_professional_id", allow_null=True)
    gevraagd = serializers.UUIDField(source="to_professional_id")
    gevraagdDoor = serializers.UUIDField(source="offered_by_id")
    gevraagdOp = serializers.DateTimeField(source="offered_at")
    reden = StrictCharField(source="reason")
    stand = serializers.SerializerMethodField()
    toelichting = StrictCharField(source="answer")
    beantwoordOp = serializers.DateTimeField(source="decided_at", allow_null=True)

    def get_stand(self, offer) -> str:
        return STATES[offer.state]


class DeclineSerializer(serializers.Serializer):
    class Meta:
        ref_name = "RegieVerzoekAfwijzing"

    toelichting = text(
        max_length=2000,
        error_messages={
            "required": _("Geef aan waarom u de regie niet overneemt."),
            "blank": _("Geef aan waarom u de regie niet overneemt."),
        },
    )


def _location(offer) -> str:
    return reverse("api:handover-offer", kwargs={"verzoek": offer.pk})


class OfferCreateView(ApiView):
    domain_fields = {"professional": "regisseur", "reason": "reden"}

    @extend_schema(
        operation_id="regie_verzoek_create",
        summary=_("Een collega vragen de regie over te nemen"),
        description=_(
            "Zo draagt u de regie over (PUT/POST /gezinnen/{gezin}/regie bestaan niet meer). "
            "De regie gaat pas over als de gevraagde het verzoek aanvaardt (POST "
            "/regie-verzoeken/{verzoek}/aanvaarding, met het token van de gevraagde); tot dan "
            "houdt de huidige regisseur de regie en toont GET /gezinnen/{gezin}/regie het "
            "verzoek in openVerzoek. Alleen de regisseur vraagt (of wie schrijft, als niemand "
            "de regie heeft). Dezelfde regels als op het scherm: een professional die met "
            "gezinnen werkt, in de regio van het gezin; tijdens een kinderbeschermingsmaatregel "
            "een jeugdbeschermer van een gecertificeerde instelling, anders iemand van het "
            "lokale team. Een weigering geeft 400 op regisseur (409 als er al een verzoek "
            "openstaat) en verandert niets."
        ),
        request=HandoverCreateSerializer,
        responses={201: OfferSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "household.lead.hand_over")
        data = self.valid(HandoverCreateSerializer)
        offer = handover_services.handover_offer(
            by=self.professional(), household=household, to=data["regisseur"], reason=data["reden"]
        )
        return Response(
            OfferSerializer(offer).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": _location(offer)},
        )


class _OfferView(ApiView):
    def offer(self, verzoek, action: str):
        return gate.access_among(
            self.request,
            gate.visible_handover_offers(self.request.user).select_related("household"),
            verzoek,
            action=action,
            object_type="handoveroffer",
            grant="handover_offer",
        ).obj


class OfferDetailView(_OfferView):
    @extend_schema(
        operation_id="regie_verzoek_read",
        summary=_("Een verzoek om de regie over te nemen"),
        responses={200: OfferSerializer, **problems(401, 404)},
    )
    def get(self, request, verzoek):
        return Response(OfferSerializer(self.offer(verzoek, "household.lead.offer.read")).data)


class OfferAcceptView(_OfferView):
    @extend_schema(
        operation_id="regie_verzoek_aanvaarden",
        summary=_("Het verzoek aanvaarden: u krijgt de regie"),
        description=_(
            "Alleen de gevraagde. De regels worden opnieuw getoetst (er kan intussen een "
            "maatregel zijn opgelegd of geëindigd); een weigering verandert niets."
        ),
        request=None,
        responses={200: OfferSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, verzoek):
        offer = self.offer(verzoek, "household.lead.offer.answer")
        offer = handover_services.handover_accept(by=self.professional(), offer=offer)
        return Response(OfferSerializer(offer).data)


class OfferDeclineView(_OfferView):
    domain_fields = {"answer": "toelichting"}

    @extend_schema(
        operation_id="regie_verzoek_afwijzen",
        summary=_("Het verzoek afwijzen: de regie blijft waar die is"),
        request=DeclineSerializer,
        responses={200: OfferSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, verzoek):
        offer = self.offer(verzoek, "household.lead.offer.answer")
        data = self.valid(DeclineSerializer)
        offer = handover_services.handover_decline(
            by=self.professional(), offer=offer, answer=data["toelichting"]
        )
        return Response(OfferSerializer(offer).data)


class OfferWithdrawView(_OfferView):
    @extend_schema(
        operation_id="regie_verzoek_intrekken",
        summary=_("Het verzoek intrekken"),
        request=None,
        responses={200: OfferSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, verzoek):
        offer = self.offer(verzoek, "household.lead.offer.answer")
        offer = handover_services.handover_withdraw(by=self.professional(), offer=offer)
        return Response(OfferSerializer(offer).data)
