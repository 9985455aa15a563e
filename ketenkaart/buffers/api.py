"""/api/v1/gezinnen/{id}/buffers, /goede-momenten and /netwerk: read (audited by the gate) and
add one. The two views of a buffer come back as two lists, never as one merged value."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField, Messages
from ketenkaart.api.views import ApiView
from ketenkaart.buffers import selectors, services
from ketenkaart.buffers.models import Area, Footing, View
from ketenkaart.safety_maps.api_content import NETWORK_CLOSENESS, NETWORK_KINDS

DATE_ERRORS: Messages = {"invalid": gettext_lazy("Gebruik een datum als JJJJ-MM-DD.")}
CHOICE_ERRORS: Messages = {"invalid_choice": gettext_lazy("“{input}” is geen geldige keuze.")}
TEXT_ERRORS: Messages = {
    "blank": gettext_lazy("Vul dit veld in."),
    "required": gettext_lazy("Vul dit veld in."),
    "max_length": gettext_lazy("Gebruik hoogstens {max_length} tekens."),
}
VIEWS = {View.PARENT: "ouder", View.PROFESSIONAL: "professional"}
# Dutch values at the API edge; stored values stay as they are.
AREAS = {
    Area.SOLIDARY_COMMUNITY: "solidaire_samenleving",
    Area.NETWORK: "sociaal_netwerk",
    Area.META_POSITION: "metapositie",
    Area.GOOD_PARENT_EXPERIENCES: "goede_ouderervaringen",
    Area.VIEW_OF_CHILD: "zicht_op_kind",
    Area.CARING: "verzorgen",
    Area.SAFETY: "veiligheid_bieden",
    Area.DEMANDS: "eisen_stellen",
    Area.LIMITS: "grenzen_trekken",
}
FOOTINGS = {
    Footing.CARRIES: "draagt",
    Footing.GROWING: "groeit",
    Footing.NEEDS_SUPPORT: "kan_steun_gebruiken",
}


# -- shapes ------------------------------------------------------------------------------------


class ObservationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    moment = serializers.DateField(source="observed_on")
    buffer = MappedChoiceField(AREAS, source="area")
    bufferNaam = StrictCharField(source="get_area_display")
    draagt = MappedChoiceField(
        FOOTINGS,
        source="footing",
        help_text=gettext_lazy("draagt, groeit of kan_steun_gebruiken; geen score."),
    )
    woorden = StrictCharField(source="words")
    vastgelegdDoor = StrictCharField(source="recorded_by.display_name")


class ParentViewsSerializer(serializers.Serializer):
    ouder = serializers.UUIDField()
    naam = StrictCharField()
    kijkOuder = ObservationSerializer(many=True)
    kijkProfessional = ObservationSerializer(many=True)


class ObservationCreateSerializer(serializers.Serializer):
    ouder = serializers.UUIDField(error_messages={"invalid": gettext_lazy("Geen geldige UUID.")})
    kijk = serializers.ChoiceField(choices=list(VIEWS.values()), error_messages=CHOICE_ERRORS)
    buffer = MappedChoiceField(AREAS)
    draagt = MappedChoiceField(FOOTINGS)
    woorden = StrictCharField(max_length=services.MAX_WORDS, error_messages=TEXT_ERRORS)
    moment = serializers.DateField(error_messages=DATE_ERRORS)


class MomentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    wat = StrictCharField(source="what")
    inWoordenVanOuder = serializers.BooleanField(source="in_parents_words")
    ouder = serializers.UUIDField(source="parent_id", allow_null=True)
    gezienDoor = StrictCharField(source="noticed_by")
    wanneer = serializers.DateField(source="occurred_on")


class MomentCreateSerializer(serializers.Serializer):
    wat = StrictCharField(max_length=services.MAX_WORDS, error_messages=TEXT_ERRORS)
    inWoordenVanOuder = serializers.BooleanField(required=False, default=False)
    ouder = serializers.UUIDField(required=False, allow_null=True, default=None)
    gezienDoor = StrictCharField(max_length=services.MAX_NOTICED_BY, error_messages=TEXT_ERRORS)
    wanneer = serializers.DateField(error_messages=DATE_ERRORS)


class NetworkPersonSerializer(serializers.Serializer):
    naam = StrictCharField(source="name")
    relatie = StrictCharField(source="relation")
    helptMet = StrictCharField(source="helps_with")
    soortRelatie = MappedChoiceField(NETWORK_KINDS, source="kind", allow_blank=True)
    nabijheid = MappedChoiceField(NETWORK_CLOSENESS, source="closeness", allow_blank=True)


class FamilyNetworkSerializer(serializers.Serializer):
    versieVeiligheidskaart = serializers.IntegerField(
        help_text=gettext_lazy("Het netwerk staat in de veiligheidskaart; dit is die versie.")
    )
    mensen = NetworkPersonSerializer(many=True)


class NetworkPersonCreateSerializer(serializers.Serializer):
    naam = StrictCharField(max_length=200, error_messages=TEXT_ERRORS)
    relatie = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    helptMet = StrictCharField(
        max_length=services.MAX_WORDS, required=False, allow_blank=True, default=""
    )
    soortRelatie = MappedChoiceField(NETWORK_KINDS)
    nabijheid = MappedChoiceField(NETWORK_CLOSENESS)


# -- views -------------------------------------------------------------------------------------


def _views_json(household) -> list[dict]:
    return [
        {
            "ouder": str(film.parent.pk),
            "naam": film.parent.full_name,
            "kijkOuder": ObservationSerializer(film.views[0].observations, many=True).data,
            "kijkProfessional": ObservationSerializer(film.views[1].observations, many=True).data,
        }
        for film in selectors.films(household)
    ]


class _Rows:
    """Rows already in their API shape, for ApiView.paged."""

    def __init__(self, rows, many=True):
        self.data = list(rows)


class BuffersView(ApiView):
    pagination_class = PagePagination
    domain_fields = {
        "parent": "ouder",
        "view": "kijk",
        "area": "buffer",
        "footing": "draagt",
        "words": "woorden",
        "observed_on": "moment",
    }

    @extend_schema(
        operation_id="buffers_list",
        summary=_("De buffers van ouderschap door de tijd, per ouder en per kijk"),
        description=_(
            "Naar Alice van der Pas (Handboek Methodische Ouderbegeleiding). De kijk van de "
            "ouder en die van de professional staan apart; ze worden nooit samengevoegd en er "
            "is geen score."
        ),
        responses={200: ParentViewsSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "buffers.read")
        return self.paged(_views_json(household), _Rows)

    @extend_schema(
        operation_id="buffers_create",
        summary=_("Eén kijk op één buffer of taak op één moment vastleggen"),
        request=ObservationCreateSerializer,
        responses={201: ObservationSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "buffers.observation.record")
        data = self.valid(ObservationCreateSerializer)
        kinds = {value: key for key, value in VIEWS.items()}
        observation = services.buffer_observation_record(
            by=self.professional(),
            household=household,
            parent_id=data["ouder"],
            view=kinds[data["kijk"]],
            area=data["buffer"],
            footing=data["draagt"],
            words=data["woorden"],
            observed_on=data["moment"],
        )
        return Response(
            ObservationSerializer(observation).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.path},
        )


class MomentsView(ApiView):
    pagination_class = PagePagination
    domain_fields = {
        "parent": "ouder",
        "what": "wat",
        "noticed_by": "gezienDoor",
        "occurred_on": "wanneer",
    }

    @extend_schema(
        operation_id="goede_momenten_list",
        summary=_("Wat er goed ging, nieuwste eerst"),
        responses={200: MomentSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "good_moment.list")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.moments(household), request, view=self)
        return paginator.get_paginated_response(MomentSerializer(page, many=True).data)

    @extend_schema(
        operation_id="goede_momenten_create",
        summary=_("Een goed moment vastleggen"),
        request=MomentCreateSerializer,
        responses={201: MomentSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "good_moment.record")
        data = self.valid(MomentCreateSerializer)
        moment = services.good_moment_record(
            by=self.professional(),
            household=household,
            what=data["wat"],
            noticed_by=data["gezienDoor"],
            occurred_on=data["wanneer"],
            parent_id=data["ouder"],
            in_parents_words=data["inWoordenVanOuder"],
        )
        return Response(
            MomentSerializer(moment).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.path},
        )


class NetworkView(ApiView):
    domain_fields = {
        "name": "naam",
        "relation": "relatie",
        "helpsWith": "helptMet",
        "kind": "soortRelatie",
        "closeness": "nabijheid",
    }

    def _json(self, household) -> dict:
        number, people = selectors.network(household)
        return {
            "versieVeiligheidskaart": number,
            "mensen": NetworkPersonSerializer(people, many=True).data,
        }

    @extend_schema(
        operation_id="netwerk_read",
        summary=_("Het netwerk van het gezin (dezelfde gegevens als op de veiligheidskaart)"),
        responses={200: FamilyNetworkSerializer, **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "network.read")
        return Response(self._json(household))

    @extend_schema(
        operation_id="netwerk_create",
        summary=_("Iemand aan het netwerk toevoegen (een nieuwe versie van de kaart)"),
        request=NetworkPersonCreateSerializer,
        responses={201: FamilyNetworkSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "network.person.add")
        data = self.valid(NetworkPersonCreateSerializer)
        services.network_person_add(
            by=self.professional(),
            household=household,
            name=data["naam"],
            relation=data["relatie"],
            helps_with=data["helptMet"],
            kind=data["soortRelatie"],
            closeness=data["nabijheid"],
        )
        return Response(
            self._json(household),
            status=status.HTTP_201_CREATED,
            headers={"Location": request.path},
        )
