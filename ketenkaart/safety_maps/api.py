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

from ketenkaart.api.formats import JSONRenderer, StrictCharField, timestamp
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import PROBLEM_MEDIA_TYPE, ProblemSerializer, problems
from ketenkaart.api.views import ApiView
from ketenkaart.safety_maps import api_content, diff, exports, selectors, services
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
        return JSONRenderer().render(data)


# -- shapes ------------------------------------------------------------------------------------


class ParticipantSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Deelnemer"

    soort = serializers.ChoiceField(
        choices=list(KINDS.values()),
        help_text=gettext_lazy("gezinslid of professional"),
        error_messages={"invalid_choice": gettext_lazy("Kies gezinslid of professional.")},
    )
    id = serializers.UUIDField(
        help_text=gettext_lazy("Persoon-id (gezinslid) of professional-id."),
        error_messages={"invalid": gettext_lazy("Dit is geen geldige UUID.")},
    )
    naam = StrictCharField(read_only=True)


class ScoreSerializer(serializers.Serializer):
    """One score on the safety scale: the same shape in GET and in PUT. In a PUT, a score
    equal to the participant's current one (same score and reason) is not given again."""

    class Meta:
        ref_name = "Schaal"

    deelnemer = ParticipantSerializer()
    score = serializers.IntegerField(
        min_value=0,
        max_value=10,
        error_messages={
            "min_value": gettext_lazy("Een score ligt tussen 0 en 10."),
            "max_value": gettext_lazy("Een score ligt tussen 0 en 10."),
            "invalid": gettext_lazy("Geef een geheel getal van 0 tot 10."),
        },
    )
    reden = StrictCharField(
        max_length=services.MAX_REASON,
        error_messages={"blank": gettext_lazy("Geef de reden bij de score.")},
    )
    gegevenOp = serializers.DateTimeField(read_only=True)
    versie = serializers.IntegerField(read_only=True)

    def to_representation(self, score):
        return {
            "deelnemer": {
                "soort": KINDS[score.participant_kind],
                "id": str(score.participant_id),
                "naam": score.participant_name,
            },
            "score": score.score,
            "reden": score.reason,
            "gegevenOp": timestamp(score.given_at),
            "versie": score.number,
        }


class AuthorSerializer(serializers.Serializer):
    naam = StrictCharField()
    organisatie = StrictCharField()


class FamilyAgreementSerializer(serializers.Serializer):
    afgesproken = serializers.BooleanField(read_only=True)
    met = StrictCharField(
        allow_null=True,
        allow_blank=True,
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Met wie in het gezin deze versie is afgesproken. In een PUT: vul `met` in en "
            "laat `op` weg (of null) om de nieuwe versie als afgesproken te markeren. Stuurt u "
            "de afspraak van de vorige versie ongewijzigd terug (met haar `op`), dan geldt die "
            "niet voor de nieuwe versie: een afspraak hoort bij één versie."
        ),
    )
    op = serializers.DateTimeField(allow_null=True, read_only=True)


class VersionSummarySerializer(serializers.Serializer):
    versie = serializers.IntegerField(source="number")
    opgeslagen = serializers.DateTimeField(source="created_at")
    auteur = serializers.SerializerMethodField()
    gewijzigd = serializers.SerializerMethodField()
    afgesprokenMetGezin = serializers.SerializerMethodField()

    def get_auteur(self, version) -> AuthorSerializer:
        return {"naam": version.author.display_name, "organisatie": version.organisation.name}

    def get_gewijzigd(self, version) -> list[str]:
        return [api_content.section_key(key) for key in version.changed_sections]

    def get_afgesprokenMetGezin(self, version) -> FamilyAgreementSerializer:
        return _agreement(version)


class MapSerializer(serializers.Serializer):
    """The map as GET returns it and PUT takes it back: the read-only fields of a GET body
    (gezin, versie, opgeslagen, auteur, a score's naam/gegevenOp/versie) are ignored."""

    class Meta:
        ref_name = "Veiligheidskaart"

    gezin = serializers.UUIDField(read_only=True)
    versie = serializers.IntegerField(
        read_only=True, help_text=gettext_lazy("0 zolang er nog geen versie is.")
    )
    opgeslagen = serializers.DateTimeField(allow_null=True, read_only=True)
    auteur = AuthorSerializer(allow_null=True, read_only=True)
    afgesprokenMetGezin = FamilyAgreementSerializer(required=False)
    inhoud = api_content.Inhoud()
    schalen = ScoreSerializer(
        many=True,
        required=False,
        default=list,
        help_text=gettext_lazy(
            "De scores. In een PUT: wie niet genoemd wordt, of met dezelfde score en reden, "
            "houdt de vorige score."
        ),
    )


class DiffEntrySerializer(serializers.Serializer):
    onderdeel = StrictCharField()
    titel = StrictCharField()
    was = StrictCharField(required=False)
    wordt = StrictCharField(required=False)
    toegevoegd = serializers.ListField(child=StrictCharField(), required=False)
    verwijderd = serializers.ListField(child=StrictCharField(), required=False)


class DiffSerializer(serializers.Serializer):
    van = serializers.IntegerField()
    tot = serializers.IntegerField()
    onderdelen = DiffEntrySerializer(many=True)


# -- helpers -----------------------------------------------------------------------------------


def _agreement(version) -> dict:
    return {
        "afgesproken": bool(version and version.agreed_with_family),
        "met": (version.agreed_with or None) if version else None,
        "op": timestamp(version.agreed_at) if version else None,
    }


def _state_json(state) -> dict:
    current = state.current
    return {
        "gezin": str(state.household.pk),
        "versie": state.number,
        "opgeslagen": timestamp(current.created_at) if current else None,
        "auteur": (
            {"naam": current.author.display_name, "organisatie": current.organisation.name}
            if current
            else None
        ),
        "afgesprokenMetGezin": _agreement(current),
        "inhoud": api_content.to_api(state.content),
        "schalen": [ScoreSerializer(s).data for s in state.scores],
    }


def _new_agreement(raw) -> str:
    """Whom the family agreed the new version with: `met` given without the `op` of an
    agreement already made (an echoed agreement belongs to the version it was made on)."""
    if not isinstance(raw, dict) or raw.get("op") is not None:
        return ""
    return raw.get("met") or ""


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
    renderer_classes = [JSONRenderer, PdfRenderer]
    domain_fields = {
        "scores": "schalen",
        "safetyConditions": "inhoud.veiligheidsvoorwaarden",
        "agreed_with": "afgesprokenMetGezin.met",
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
        request=MapSerializer,
        responses={200: MapSerializer, **problems(400, 401, 403, 404), **STALE_RESPONSE},
    )
    def put(self, request, gezin):
        household = self.write(gezin, "safety_map.version.save")
        state = selectors.map_state(household)
        base = _base_number(request, state)
        data = self.valid(MapSerializer)
        kinds = {value: key for key, value in KINDS.items()}
        by = self.professional()
        try:
            version = services.safety_map_save(
                by=by,
                household=household,
                content=data["inhoud"],
                scores=[
                    services.ScoreInput(
                        kinds[s["deelnemer"]["soort"]], s["deelnemer"]["id"], s["score"], s["reden"]
                    )
                    for s in data["schalen"]
                ],
                base_number=base,
                agreed_with=_new_agreement(request.data.get("afgesprokenMetGezin")),
                known=state,
            )
        except services.StaleVersion as error:
            raise PreconditionFailed(error.message) from error
        state = selectors.state_after_save(state, version, by)
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
        entries = [
            {**entry, "onderdeel": api_content.section_key(entry["onderdeel"])}
            for entry in diff.as_json(changes)
        ]
        return Response({"van": numbers["van"], "tot": numbers["tot"], "onderdelen": entries})
