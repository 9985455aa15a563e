"""/api/v1/wijken/{id}/gids and /api/v1/consulten: the guide (work contact details only) and
consults (no family, until the asker converts one on the web page)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ketenkaart.access import community as access
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.community import selectors, services
from ketenkaart.community.models import ConsultStatus, Subject

# Dutch values at the API edge; stored values stay as they are.
SUBJECTS = {
    Subject.SCHOOL: "school",
    Subject.CHILDCARE: "kinderopvang",
    Subject.YOUTH_HEALTH: "jgz",
    Subject.GP: "huisarts",
    Subject.COMMUNITY_WORK: "opbouwwerk",
    Subject.SPORT: "sport",
    Subject.LOCAL_TEAM: "wijkteam",
    Subject.OTHER: "anders",
}
SUBJECTS_FROM_API = {value: key for key, value in SUBJECTS.items()}
CONSULT_STATUSES = {
    ConsultStatus.OPEN: "open",
    ConsultStatus.ANSWERED: "beantwoord",
    ConsultStatus.CONVERTED: "omgezet",
}


class GuideEntrySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    onderwerp = MappedChoiceField(SUBJECTS, source="subject")
    naam = StrictCharField(source="contact_name")
    rol = StrictCharField(source="role")
    organisatie = StrictCharField(source="organisation.name")
    telefoon = StrictCharField(source="phone")
    email = StrictCharField()
    waarEnWanneer = StrictCharField(source="where_and_when")


class ConsultSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    wijk = serializers.UUIDField(source="district_id")
    vraag = StrictCharField(source="question")
    stand = MappedChoiceField(CONSULT_STATUSES, source="status")
    gesteld = serializers.DateTimeField(source="created_at")
    vraagsteller = StrictCharField(source="asked_by.display_name")
    contactpersoon = StrictCharField(source="contact.display_name")


class ConsultCreateSerializer(serializers.Serializer):
    wijk = serializers.UUIDField(error_messages={"invalid": gettext_lazy("Geen geldige UUID.")})
    vraag = StrictCharField(
        max_length=services.MAX_TEXT,
        error_messages={
            "blank": gettext_lazy("Vul dit veld in."),
            "required": gettext_lazy("Vul dit veld in."),
        },
    )


class GuideView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="wijkgids_list",
        summary=_("Wie u kunt bellen in een wijk"),
        description=_("Alleen werkgegevens van professionals; geen gegevens van gezinnen."),
        parameters=[
            OpenApiParameter("zoek", str, description=_("Woorden in naam, rol of organisatie.")),
            OpenApiParameter("onderwerp", str, enum=list(SUBJECTS.values())),
        ],
        responses={200: GuideEntrySerializer(many=True), **problems(400, 401, 404)},
    )
    def get(self, request, wijk):
        district = access.access_district(request, wijk)
        subject = request.query_params.get("onderwerp", "")
        if subject and subject not in SUBJECTS_FROM_API:
            raise ValidationError({"onderwerp": [_("Kies een bestaand onderwerp.")]})
        entries = selectors.guide(
            district,
            query=request.query_params.get("zoek", ""),
            subject=SUBJECTS_FROM_API.get(subject, ""),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(entries, request, view=self)
        return paginator.get_paginated_response(GuideEntrySerializer(page, many=True).data)


class ConsultListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"question": "vraag", "district": "wijk"}

    @extend_schema(
        operation_id="consulten_list",
        summary=_("Uw consulten: gesteld of aan u gevraagd"),
        responses={200: ConsultSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        audit.record(
            user=request.user, action="consult.list", object_type="consult", request=request
        )
        rows = (
            access.visible_consults(request.user)
            .select_related("asked_by__user", "contact__user")
            .order_by("-created_at")
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(ConsultSerializer(page, many=True).data)

    @extend_schema(
        operation_id="consulten_create",
        summary=_("Een vraag stellen aan de contactpersoon van het wijkteam, zonder gezin"),
        request=ConsultCreateSerializer,
        responses={201: ConsultSerializer, **problems(400, 401, 403)},
    )
    def post(self, request):
        professional = access.require_region_professional(request)
        data = self.valid(ConsultCreateSerializer)
        district = (
            access.visible_districts(request.user)
            .select_related("municipality")
            .filter(pk=data["wijk"])
            .first()
        )
        if district is None:
            raise ValidationError({"wijk": [_("Deze wijk bestaat niet in uw regio.")]})
        consult = services.consult_ask(by=professional, district=district, question=data["vraag"])
        return Response(
            ConsultSerializer(consult).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": f"{request.path}/{consult.pk}"},
        )


class ConsultDetailView(ApiView):
    @extend_schema(
        operation_id="consulten_read",
        summary=_("Eén consult"),
        responses={200: ConsultSerializer, **problems(401, 404)},
    )
    def get(self, request, consult):
        item = access.access_consult(request, consult)
        return Response(ConsultSerializer(item).data)
