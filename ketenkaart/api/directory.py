"""Who am I, and whom and where I work with: `ik`, `professionals`, `gemeenten`, `wijken`.
The directory shows no family data; every read leaves one audit row like the rest."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.organisations.models import Role

# The role in the API's Dutch (stored values stay English).
ROLES = {
    Role.YOUTH_PROFESSIONAL: "jeugdprofessional",
    Role.VEILIG_THUIS: "veilig_thuis",
    Role.CHILD_PROTECTION_BOARD: "raad_voor_de_kinderbescherming",
    Role.CHILD_PROTECTOR: "jeugdbeschermer",
    Role.POLICE: "politie",
    Role.REPORTER: "signaleerder",
    Role.EXEMPTION_TABLE: "ventieltafel",
    Role.POLICY: "beleid",
    Role.PRIVACY_OFFICER: "privacy_officer",
}


class MunicipalitySerializer(serializers.Serializer):
    class Meta:
        ref_name = "Gemeente"

    id = serializers.UUIDField()
    naam = StrictCharField(source="name")


class DistrictSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Wijk"

    id = serializers.UUIDField()
    naam = StrictCharField(source="name")
    gemeenteId = serializers.UUIDField(source="municipality_id")
    gemeente = StrictCharField(source="municipality.name")


class DirectoryProfessionalSerializer(serializers.Serializer):
    """Name, organisation, role and phone: nothing more (no caseload, no e-mail, no families)."""

    class Meta:
        ref_name = "ProfessionalInGids"

    id = serializers.UUIDField()
    naam = StrictCharField(source="display_name")
    organisatie = StrictCharField(source="organisation.name")
    organisatieId = serializers.UUIDField(source="organisation_id")
    functie = StrictCharField(source="get_role_display")
    telefoon = serializers.SerializerMethodField()

    def get_telefoon(self, professional) -> str:
        return professional.phone or professional.organisation.phone


class MeSerializer(DirectoryProfessionalSerializer):
    class Meta:
        ref_name = "Ik"

    rol = MappedChoiceField(ROLES, source="role")
    regio = StrictCharField(source="organisation.region.name")
    regioId = serializers.UUIDField(source="organisation.region_id")
    wijken = DistrictSerializer(source="districts", many=True)


def _uuid_param(request, name: str):
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    value = gate.as_uuid(raw)
    if value is None:
        raise exceptions.ValidationError({name: [_("Dit is geen geldige identificatie (UUID).")]})
    return value


def _page(view, request, queryset, serializer, action: str, object_type: str):
    paginator = PagePagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    audit.record(user=request.user, action=action, object_type=object_type, request=request)
    return paginator.get_paginated_response(serializer(page, many=True).data)


class MeView(ApiView):
    @extend_schema(
        operation_id="ik_read",
        summary=gettext_lazy("Wie ben ik"),
        description=gettext_lazy("Uw professional, organisatie, rol, regio en wijken."),
        responses={200: MeSerializer, **problems(401, 403)},
    )
    def get(self, request):
        professional = gate.require_professional(request)
        audit.record(
            user=request.user,
            action="me.read",
            object_type="professional",
            legal_basis="own_account",
            request=request,
            object_id=professional.pk,
        )
        return Response(MeSerializer(professional).data)


class ProfessionalListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="professionals_list",
        summary=gettext_lazy("De professionals van uw regio"),
        description=gettext_lazy(
            "Om uit te kiezen bij betrekken of overdragen: naam, organisatie, functie en "
            "telefoon. Zoek op naam (een deel ervan), organisatie of wijk."
        ),
        parameters=[
            OpenApiParameter("naam", str, description=gettext_lazy("Een deel van de naam.")),
            OpenApiParameter(
                "organisatie", str, description=gettext_lazy("De id (UUID) van een organisatie.")
            ),
            OpenApiParameter("wijk", str, description=gettext_lazy("De id (UUID) van een wijk.")),
        ],
        responses={200: DirectoryProfessionalSerializer(many=True), **problems(400, 401)},
    )
    def get(self, request):
        organisation = _uuid_param(request, "organisatie")
        district = _uuid_param(request, "wijk")
        name = request.query_params.get("naam", "").strip()[:100]
        queryset = gate.visible_professionals(request.user).select_related("user", "organisation")
        for word in name.split():
            queryset = queryset.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__username__icontains=word)
            )
        if organisation:
            queryset = queryset.filter(organisation_id=organisation)
        if district:
            queryset = queryset.filter(districts__id=district)
        queryset = queryset.order_by("user__last_name", "user__first_name", "id").distinct()
        return _page(
            self,
            request,
            queryset,
            DirectoryProfessionalSerializer,
            "professional.list",
            "professional",
        )


class MunicipalityListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="gemeenten_list",
        summary=gettext_lazy("De gemeenten van uw regio"),
        responses={200: MunicipalitySerializer(many=True), **problems(401)},
    )
    def get(self, request):
        queryset = gate.visible_municipalities(request.user).order_by("name", "id")
        return _page(
            self, request, queryset, MunicipalitySerializer, "municipality.list", "municipality"
        )


class DistrictListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="wijken_list",
        summary=gettext_lazy("De wijken van uw regio"),
        parameters=[
            OpenApiParameter(
                "gemeente", str, description=gettext_lazy("De id (UUID) van een gemeente.")
            )
        ],
        responses={200: DistrictSerializer(many=True), **problems(400, 401)},
    )
    def get(self, request):
        municipality = _uuid_param(request, "gemeente")
        queryset = gate.visible_districts(request.user).select_related("municipality")
        if municipality:
            queryset = queryset.filter(municipality_id=municipality)
        queryset = queryset.order_by("municipality__name", "name", "id")
        return _page(self, request, queryset, DistrictSerializer, "district.list", "district")
