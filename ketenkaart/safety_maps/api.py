"""/api/v1/gezinnen/{id}/veiligheidskaart: GET with an ETag, PUT with If-Match (428 without,
412 when stale, nothing stored), the versions, one version, and the difference between two."""

import re

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, renderers, serializers
from rest_framework.response import Response

from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import PROBLEM_MEDIA_TYPE, ProblemSerializer, problems
from ketenkaart.api.views import ApiView
from ketenkaart.safety_maps import diff, exports, selectors, services
from ketenkaart.safety_maps.content import ContentSerializer
from ketenkaart.safety_maps.models import ParticipantKind

KINDS = {ParticipantKind.MEMBER: "gezinslid", ParticipantKind.PROFESSIONAL: "professional"}
ETAG = re.compile(r'^(?:W/)?"([0-9a-f-]{36})-(\d+)"$')


class PdfRenderer(renderers.BaseRenderer):
    """Lets `Accept: application/pdf` through negotiation; errors still go out as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return renderers.JSONRenderer().render(data)


# -- shapes ------------------------------------------------------------------------------------


class ParticipantSerializer(serializers.Serializer):
    soort = serializers.CharField(help_text=gettext_lazy("gezinslid of professional"))
    id = serializers.UUIDField(help_text=gettext_lazy("Persoon-id (gezinslid) of professional-id."))
    naam = serializers.CharField(read_only=True)


class ScoreSerializer(serializers.Serializer):
    deelnemer = ParticipantSerializer()
    score = serializers.IntegerField(min_value=0, max_value=10)
    reden = serializers.CharField()
    gegevenOp = serializers.DateTimeField()
    versie = serializers.IntegerField()

    def to_representation(self, score):
        return {
            "deelnemer": {
                "soort": KINDS[score.participant_kind],
                "id": str(score.participant_id),
                "naam": score.participant_name,
            },
            "score": score.score,
            "reden": score.reason,
            "gegevenOp": score.given_at.isoformat(),
            "versie": score.number,
        }


class ScoreInputSerializer(serializers.Serializer):
    deelnemerSoort = serializers.ChoiceField(
        choices=list(KINDS.values()),
        error_messages={"invalid_choice": gettext_lazy("Kies gezinslid of professional.")},
    )
    deelnemerId = serializers.UUIDField(
        error_messages={"invalid": gettext_lazy("Dit is geen geldige UUID.")},
        help_text=gettext_lazy("Persoon-id (gezinslid) of professional-id."),
    )
    score = serializers.IntegerField(
        min_value=0,
        max_value=10,
        error_messages={
            "min_value": gettext_lazy("Een score ligt tussen 0 en 10."),
            "max_value": gettext_lazy("Een score ligt tussen 0 en 10."),
            "invalid": gettext_lazy("Geef een geheel getal van 0 tot 10."),
        },
    )
    reden = serializers.CharField(
        max_length=services.MAX_REASON,
        error_messages={"blank": gettext_lazy("Geef de reden bij de score.")},
    )


class AuthorSerializer(serializers.Serializer):
    naam = serializers.CharField()
    organisatie = serializers.CharField()


class FamilyAgreementSerializer(serializers.Serializer):
    afgesproken = serializers.BooleanField()
    met = serializers.CharField(allow_null=True)
    op = serializers.DateTimeField(allow_null=True)


class VersionSummarySerializer(serializers.Serializer):
    versie = serializers.IntegerField(source="number")
    opgeslagen = serializers.DateTimeField(source="created_at")
    auteur = serializers.SerializerMethodField()
    gewijzigd = serializers.ListField(child=serializers.CharField(), source="changed_sections")
    afgesprokenMetGezin = serializers.SerializerMethodField()

    def get_auteur(self, version) -> AuthorSerializer:
        return {"naam": version.author.display_name, "organisatie": version.organisation.name}

    def get_afgesprokenMetGezin(self, version) -> FamilyAgreementSerializer:
        return {
            "afgesproken": version.agreed_with_family,
            "met": version.agreed_with or None,
            "op": version.agreed_at.isoformat() if version.agreed_at else None,
        }


class MapSerializer(serializers.Serializer):
    gezin = serializers.UUIDField()
    versie = serializers.IntegerField(help_text=gettext_lazy("0 zolang er nog geen versie is."))
    opgeslagen = serializers.DateTimeField(allow_null=True)
    auteur = AuthorSerializer(allow_null=True)
    afgesprokenMetGezin = FamilyAgreementSerializer()
    inhoud = ContentSerializer()
    schalen = ScoreSerializer(many=True)


class MapUpdateSerializer(serializers.Serializer):
    inhoud = ContentSerializer()
    schalen = ScoreInputSerializer(
        many=True,
        required=False,
        default=list,
        help_text=gettext_lazy(
            "Scores die bij deze versie gegeven worden. Wie niet genoemd wordt, houdt de "
            "vorige score."
        ),
    )
    afgesprokenMet = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("Vul in om deze versie als afgesproken met het gezin te markeren."),
    )


class DiffEntrySerializer(serializers.Serializer):
    onderdeel = serializers.CharField()
    titel = serializers.CharField()
    was = serializers.CharField(required=False)
    wordt = serializers.CharField(required=False)
    toegevoegd = serializers.ListField(child=serializers.CharField(), required=False)
    verwijderd = serializers.ListField(child=serializers.CharField(), required=False)


class DiffSerializer(serializers.Serializer):
    van = serializers.IntegerField()
    tot = serializers.IntegerField()
    onderdelen = DiffEntrySerializer(many=True)


# -- helpers -----------------------------------------------------------------------------------


def _state_json(state) -> dict:
    current = state.current
    return {
        "gezin": str(state.household.pk),
        "versie": state.number,
        "opgeslagen": current.created_at.isoformat() if current else None,
        "auteur": (
            {"naam": current.author.display_name, "organisatie": current.organisation.name}
            if current
            else None
        ),
        "afgesprokenMetGezin": {
            "afgesproken": bool(current and current.agreed_with_family),
            "met": (current.agreed_with or None) if current else None,
            "op": current.agreed_at.isoformat() if current and current.agreed_at else None,
        },
        "inhoud": state.content,
        "schalen": [ScoreSerializer(s).data for s in state.scores],
    }


def etag_for(state) -> str:
    key = state.safety_map.pk if state.safety_map else state.household.pk
    return f'"{key}-{state.number}"'


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_code = "stale"


def _base_number(request, state) -> int:
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        raise PreconditionRequired(_("Stuur de ETag van uw laatste GET mee in de header If-Match."))
    for candidate in header.split(","):
        match = ETAG.match(candidate.strip())
        if match and match.group(0) == etag_for(state):
            return int(match.group(2))
    raise PreconditionFailed(
        _(
            "De veiligheidskaart is intussen gewijzigd: de huidige versie is %(n)s. Er is niets "
            "opgeslagen. Haal de kaart opnieuw op en voeg uw wijziging samen."
        )
        % {"n": state.number}
    )


STALE_RESPONSE = {
    (412, PROBLEM_MEDIA_TYPE): OpenApiResponse(
        ProblemSerializer, description=gettext_lazy("If-Match is verouderd; niets opgeslagen.")
    ),
    (428, PROBLEM_MEDIA_TYPE): OpenApiResponse(
        ProblemSerializer, description=gettext_lazy("If-Match ontbreekt.")
    ),
}


# -- views -------------------------------------------------------------------------------------


class SafetyMapView(ApiView):
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]
    domain_fields = {
        "scores": "schalen",
        "safetyConditions": "inhoud.safetyConditions",
        "agreed_with": "afgesprokenMet",
    }

    @extend_schema(
        operation_id="veiligheidskaart_read",
        summary=_("De huidige veiligheidskaart van een gezin"),
        description=_(
            "Met ETag; stuur die mee als If-Match bij PUT. Met `Accept: application/pdf` de "
            "PDF voor het gezin. Elke lezing en elke export komt in de toegangslog."
        ),
        responses={
            (200, "application/json"): MapSerializer,
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("De PDF voor het gezin.")
            ),
            **problems(401, 404),
        },
    )
    def get(self, request, gezin):
        if request.accepted_renderer.media_type == PdfRenderer.media_type:
            household = self.read(gezin, "safety_map.export.pdf")
            response = HttpResponse(exports.family_pdf(household), content_type="application/pdf")
            response["Content-Disposition"] = 'attachment; filename="veiligheidskaart.pdf"'
            return response
        household = self.read(gezin, "safety_map.read")
        state = selectors.map_state(household)
        return Response(_state_json(state), headers={"ETag": etag_for(state)})

    @extend_schema(
        operation_id="veiligheidskaart_update",
        summary=_("Een nieuwe versie van de veiligheidskaart opslaan"),
        description=_(
            "Vereist If-Match met de ETag van de versie waarop u voortbouwt: zonder If-Match "
            "428, met een verouderde 412; in beide gevallen wordt niets opgeslagen. Alleen "
            "Veilig Thuis mag de veiligheidsvoorwaarden wijzigen."
        ),
        parameters=[
            OpenApiParameter(
                "If-Match",
                location=OpenApiParameter.HEADER,
                required=True,
                description=_("De ETag van uw laatste GET."),
            )
        ],
        request=MapUpdateSerializer,
        responses={200: MapSerializer, **problems(400, 401, 403, 404), **STALE_RESPONSE},
    )
    def put(self, request, gezin):
        household = self.write(gezin, "safety_map.version.save")
        state = selectors.map_state(household)
        base = _base_number(request, state)
        data = self.valid(MapUpdateSerializer)
        kinds = {value: key for key, value in KINDS.items()}
        try:
            services.safety_map_save(
                by=self.professional(),
                household=household,
                content=request.data.get("inhoud"),
                scores=[
                    services.ScoreInput(
                        kinds[s["deelnemerSoort"]], s["deelnemerId"], s["score"], s["reden"]
                    )
                    for s in data["schalen"]
                ],
                base_number=base,
                agreed_with=data["afgesprokenMet"],
            )
        except services.StaleVersion as error:
            raise PreconditionFailed(error.message) from error
        state = selectors.map_state(household)
        return Response(_state_json(state), headers={"ETag": etag_for(state)})


class VersionListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="veiligheidskaart_versies_list",
        summary=_("De versies van de veiligheidskaart, nieuwste eerst"),
        responses={200: VersionSummarySerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "safety_map.history.read")
        safety_map = selectors.map_of(household)
        paginator = self.pagination_class()
        rows = selectors.versions(safety_map) if safety_map else []
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(VersionSummarySerializer(page, many=True).data)


class VersionDetailView(ApiView):
    @extend_schema(
        operation_id="veiligheidskaart_versies_read",
        summary=_("Eén versie van de veiligheidskaart, met de scores zoals ze toen stonden"),
        responses={200: MapSerializer, **problems(401, 404)},
    )
    def get(self, request, gezin, versie):
        household = self.read(gezin, "safety_map.version.read")
        state = selectors.map_state(household, number=versie)
        if state.current is None:
            raise exceptions.NotFound(_("Deze versie bestaat niet."))
        return Response(_state_json(state))


class VersionDiffView(ApiView):
    @extend_schema(
        operation_id="veiligheidskaart_verschil",
        summary=_("Wat veranderde tussen twee versies, onderdeel voor onderdeel"),
        parameters=[
            OpenApiParameter("van", int, required=True, description=_("De oudere versie.")),
            OpenApiParameter("tot", int, required=True, description=_("De nieuwere versie.")),
        ],
        responses={200: DiffSerializer, **problems(400, 401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "safety_map.diff.read")
        numbers = {}
        for name in ("van", "tot"):
            try:
                numbers[name] = int(request.query_params.get(name, ""))
            except ValueError:
                raise exceptions.ValidationError(
                    {name: [_("Geef een versienummer (een geheel getal).")]}
                ) from None
        old = selectors.map_state(household, number=numbers["van"])
        new = selectors.map_state(household, number=numbers["tot"])
        if old.current is None or new.current is None:
            raise exceptions.NotFound(_("Een van deze versies bestaat niet."))
        changes = diff.content_diff(old.content, new.content, old.scores, new.scores)
        return Response(
            {"van": numbers["van"], "tot": numbers["tot"], "onderdelen": diff.as_json(changes)}
        )
