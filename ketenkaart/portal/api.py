"""/api/v1/mijn-gezin/…: the family's own map, their words and score, the toegangslog and the
download, for a municipal app later. The caller is the logged-in family member; no id in any
path, so no other family can be asked for."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.access.family import access_own_family
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import Messages
from ketenkaart.api.views import ApiView
from ketenkaart.portal import exports, selectors, services
from ketenkaart.portal.models import ContributionKind

TEXT_ERRORS: Messages = {
    "blank": gettext_lazy("Vul dit veld in."),
    "required": gettext_lazy("Vul dit veld in."),
    "max_length": gettext_lazy("Gebruik hoogstens {max_length} tekens."),
}


class ScaleRowSerializer(serializers.Serializer):
    wie = StrictCharField(source="who")
    waar = StrictCharField(source="where")
    score = serializers.IntegerField()
    reden = StrictCharField(source="reason")
    gegeven = serializers.DateTimeField(source="given_at")


class InvolvedSerializer(serializers.Serializer):
    naam = StrictCharField(source="professional.display_name")
    organisatie = StrictCharField(source="organisation.name")
    rol = StrictCharField(source="role_in_family")
    telefoon = StrictCharField(source="professional.phone")
    regisseur = serializers.BooleanField(source="is_lead")


class ContributionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    soort = StrictCharField(source="kind")
    tekst = StrictCharField(source="text")
    score = serializers.IntegerField(allow_null=True)
    versieKaart = serializers.IntegerField(source="map_number", allow_null=True)
    geschreven = serializers.DateTimeField(source="created_at")


class PortalSerializer(serializers.Serializer):
    versie = serializers.IntegerField()
    eigenWoorden = ContributionSerializer(many=True)
    kaart = serializers.DictField()
    schalen = ScaleRowSerializer(many=True)
    betrokkenen = InvolvedSerializer(many=True)


class WordsSerializer(serializers.Serializer):
    tekst = StrictCharField(max_length=services.MAX_TEXT, error_messages=TEXT_ERRORS)


class FamilyScoreSerializer(serializers.Serializer):
    score = serializers.IntegerField(
        min_value=0,
        max_value=10,
        error_messages={
            "invalid": gettext_lazy("Geef een getal van 0 tot en met 10."),
            "min_value": gettext_lazy("Geef een getal van 0 tot en met 10."),
            "max_value": gettext_lazy("Geef een getal van 0 tot en met 10."),
            "required": gettext_lazy("Geef een score."),
        },
    )
    reden = StrictCharField(max_length=services.MAX_TEXT, error_messages=TEXT_ERRORS)


class LogLineSerializer(serializers.Serializer):
    wanneer = serializers.DateTimeField(source="when")
    organisatie = StrictCharField(source="organisation")
    rol = StrictCharField(source="role")
    wat = StrictCharField(source="what")
    waarom = StrictCharField(source="why")


class PortalView(ApiView):
    @extend_schema(
        operation_id="mijn_gezin_read",
        summary=_("Onze kaart zoals die nu is"),
        description=_(
            "De woorden van het gezin eerst, de kaart, ieders score naast elkaar (nooit "
            "gemiddeld) en wie er betrokken is. Alleen voor een gezinslid met een account."
        ),
        responses={200: PortalSerializer, **problems(401, 403, 404)},
    )
    def get(self, request):
        view = access_own_family(request, action="family.map.read")
        portal = selectors.portal_state(view)
        return Response(
            PortalSerializer(
                {
                    "versie": portal.state.number,
                    "eigenWoorden": portal.own_words,
                    "kaart": portal.state.content,
                    "schalen": portal.scales,
                    "betrokkenen": portal.involved,
                }
            ).data
        )


class _Write(ApiView):
    kind = ""
    serializer_class: type[serializers.Serializer] = WordsSerializer

    def post(self, request):
        view = access_own_family(request, action=f"family.{self.kind}.write")
        data = self.valid(self.serializer_class)
        contribution = services.contribution_add(
            view=view,
            kind=self.kind,
            text=data.get("tekst") or data.get("reden", ""),
            score=data.get("score"),
        )
        return Response(
            ContributionSerializer(contribution).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": "/api/v1/mijn-gezin"},
        )


class WordsView(_Write):
    kind = ContributionKind.WORDS
    serializer_class = WordsSerializer
    domain_fields = {"text": "tekst"}

    @extend_schema(
        operation_id="mijn_gezin_woorden",
        summary=_("Eigen woorden bij de kaart schrijven"),
        request=WordsSerializer,
        responses={201: ContributionSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request):
        return super().post(request)


class ScoreView(_Write):
    kind = ContributionKind.SCALE
    serializer_class = FamilyScoreSerializer
    domain_fields = {"text": "reden", "score": "score"}

    @extend_schema(
        operation_id="mijn_gezin_score",
        summary=_("Eigen score op de veiligheidsschaal geven, met een reden"),
        request=FamilyScoreSerializer,
        responses={201: ContributionSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request):
        return super().post(request)


class AccessLogView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="mijn_gezin_toegangslog",
        summary=_("Wie keek in ons dossier"),
        description=_(
            "Organisatie, soort werk, wanneer en waarom. Nooit een melder aan wie Veilig Thuis "
            "anonimiteit beloofde; geen namen van professionals."
        ),
        responses={200: LogLineSerializer(many=True), **problems(401, 403, 404)},
    )
    def get(self, request):
        view = access_own_family(request, action="family.access_log.read")
        return self.paged(selectors.access_log(view), LogLineSerializer)


class DownloadView(ApiView):
    @extend_schema(
        operation_id="mijn_gezin_download",
        summary=_("Al onze gegevens als JSON (AVG art. 15 en 20)"),
        responses={200: dict, **problems(401, 403, 404)},
    )
    def get(self, request):
        view = access_own_family(request, action="family.export.json")
        response = HttpResponse(exports.family_json(view), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="mijn-gezin.json"'
        return response
