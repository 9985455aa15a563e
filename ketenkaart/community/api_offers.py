"""/api/v1/agendapunten/{id}/hulpaanbod, /api/v1/gezinnen/{id}/hulpaanbod and its
.../{aanbod}/antwoord: help offered in a case discussion, and the answers of regisseur and
family. Family data, behind the gate like the pages."""

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
from ketenkaart.community import offers
from ketenkaart.community.models import HelpOffer, OfferAnswer, OfferKind
from ketenkaart.reports.api.common import enum
from ketenkaart.safety_teams import selectors as team_selectors

KINDS = {
    OfferKind.CHILDCARE: "kinderopvang",
    OfferKind.COMMUNITY_WORK: "opbouwwerk",
    OfferKind.SPORT: "sport",
    OfferKind.YOUTH_HEALTH: "jgz",
    OfferKind.VOLUNTEER: "vrijwilliger",
    OfferKind.OTHER: "anders",
}
ANSWERS = {
    OfferAnswer.PENDING: "nog_niet",
    OfferAnswer.ACCEPTED: "aangenomen",
    OfferAnswer.DECLINED: "afgeslagen",
}


class HelpOfferSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Hulpaanbod"

    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    agendapunt = serializers.UUIDField(source="item_id")
    soort = enum(KINDS, source="kind", read_only=True)
    omschrijving = StrictCharField(source="description")
    aangebodenDoor = StrictCharField(source="offered_by.display_name")
    organisatie = StrictCharField(source="organisation.name")
    aangeboden = serializers.DateTimeField(source="offered_at")
    antwoordRegisseur = enum(ANSWERS, source="regisseur_answer", read_only=True)
    antwoordGezin = enum(ANSWERS, source="family_answer", read_only=True)
    woordenGezin = StrictCharField(source="family_words")
    uitkomst = enum(ANSWERS, source="outcome", read_only=True)


class HelpOfferInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "HulpaanbodInvoer"

    soort = enum(KINDS)
    omschrijving = text(max_length=offers.MAX_TEXT)


class HelpOfferAnswerInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "HulpaanbodAntwoordInvoer"

    antwoordRegisseur = enum(ANSWERS)
    antwoordGezin = enum(ANSWERS)
    woordenGezin = text(max_length=offers.MAX_TEXT, required=False, allow_blank=True, default="")


def _rows(household_id):
    return HelpOffer.objects.filter(household_id=household_id).select_related(
        "offered_by__user", "organisation"
    )


class ItemOffersView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"kind": "soort", "description": "omschrijving"}

    @extend_schema(
        operation_id="hulpaanbod_agendapunt_list",
        summary=_("Het hulpaanbod rond een agendapunt van een casusoverleg"),
        responses={200: HelpOfferSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, agendapunt):
        item = team_selectors.access_item(request, agendapunt, action="help_offer.list")
        return self.paged(_rows(item.household_id), HelpOfferSerializer)

    @extend_schema(
        operation_id="hulpaanbod_create",
        summary=_("Hulp aanbieden in een casusoverleg"),
        description=_("Alleen deelnemers aan het casusoverleg; de regisseur krijgt bericht."),
        request=HelpOfferInputSerializer,
        responses={201: HelpOfferSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, agendapunt):
        item = team_selectors.access_item(request, agendapunt, action="help_offer.make")
        data = self.valid(HelpOfferInputSerializer)
        offer = offers.help_offer_make(
            by=self.professional(), item=item, kind=data["soort"], description=data["omschrijving"]
        )
        offer = _rows(item.household_id).get(pk=offer.pk)
        return Response(HelpOfferSerializer(offer).data, status=status.HTTP_201_CREATED)


class HouseholdOffersView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="hulpaanbod_gezin_list",
        summary=_("Het hulpaanbod voor een gezin"),
        responses={200: HelpOfferSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "help_offer.list")
        return self.paged(_rows(household.pk), HelpOfferSerializer)


class OfferAnswerView(ApiView):
    domain_fields = {
        "regisseur_answer": "antwoordRegisseur",
        "family_answer": "antwoordGezin",
        "family_words": "woordenGezin",
    }

    @extend_schema(
        operation_id="hulpaanbod_antwoord",
        summary=_("De antwoorden van regisseur en gezin op een aanbod vastleggen"),
        description=_(
            "Alleen de regisseur van het gezin. Het aanbod gaat door als beiden 'aangenomen' "
            "antwoorden; één 'afgeslagen' is genoeg om het niet te doen."
        ),
        request=HelpOfferAnswerInputSerializer,
        responses={200: HelpOfferSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, gezin, aanbod):
        household = self.write(gezin, "help_offer.answer")
        offer = _rows(household.pk).filter(pk=gate.as_uuid(aanbod)).first()
        if offer is None:
            raise exceptions.NotFound(_("Dit aanbod bestaat niet."))
        data = self.valid(HelpOfferAnswerInputSerializer)
        offers.help_offer_answer(
            by=self.professional(),
            offer=offer,
            regisseur_answer=data["antwoordRegisseur"],
            family_answer=data["antwoordGezin"],
            family_words=data["woordenGezin"],
        )
        return Response(HelpOfferSerializer(_rows(household.pk).get(pk=offer.pk)).data)
