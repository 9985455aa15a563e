"""/api/v1/ventielaanvragen/{id}/uitnodigingen: the parties the ventieltafel invited to one
request (read by whoever may read the request), and inviting one more (the convener only,
through services.invitation_add: a chain partner of the region, once). An invited party sees
the request pseudonymised (exemptions/selectors.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import professionals, reference
from ketenkaart.api.views import ApiView
from ketenkaart.exemptions import services


class InvitedSerializer(serializers.Serializer):
    class Meta:
        ref_name = "UitgenodigdeProfessional"

    id = serializers.UUIDField(source="pk")
    naam = StrictCharField(source="display_name")
    organisatie = StrictCharField(source="organisation.name")


class InvitationSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Uitnodiging"

    id = serializers.UUIDField()
    professional = InvitedSerializer()
    uitgenodigdDoor = StrictCharField(source="invited_by.display_name")
    uitgenodigdOp = serializers.DateTimeField(source="invited_at")


class InvitationCreateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "UitnodigingNieuw"

    professional = reference(
        professionals(),
        gettext_lazy("Deze professional bestaat niet."),
        help_text=gettext_lazy("De id van de professional (zie /professionals)."),
    )


def _invitations(exemption):
    return exemption.invitations.select_related(
        "professional__user", "professional__organisation", "invited_by__user"
    ).order_by("invited_at")


class InvitationListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"professional": "professional"}

    @extend_schema(
        operation_id="uitnodigingen_list",
        summary=_("De partijen die de ventieltafel voor deze aanvraag uitnodigde"),
        responses={200: InvitationSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, aanvraag):
        exemption = gate.access_exemption_request(
            request, aanvraag, action="exemption.invitation.read"
        ).obj
        return self.paged(_invitations(exemption), InvitationSerializer)

    @extend_schema(
        operation_id="uitnodigingen_create",
        summary=_("Een ketenpartner uitnodigen aan tafel voor deze aanvraag"),
        description=_(
            "Alleen de ventieltafel van de gemeente (anders 403). Een partij uit de regio "
            "(gemeente, corporatie, schuldhulp, leerlingenvervoer, ggz, onderwijs), één keer. "
            "De uitgenodigde partij ziet de aanvraag zonder namen."
        ),
        request=InvitationCreateSerializer,
        responses={201: InvitationSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, aanvraag):
        exemption = gate.access_exemption_request(
            request, aanvraag, action="exemption.invitation.add"
        ).obj
        data = self.valid(InvitationCreateSerializer)
        invitation = services.invitation_add(
            by=self.professional(), request=exemption, professional=data["professional"]
        )
        invitation = _invitations(exemption).get(pk=invitation.pk)
        return Response(
            InvitationSerializer(invitation).data,
            status=status.HTTP_201_CREATED,
            headers={
                "Location": reverse("api:exemption-invitations", kwargs={"aanvraag": aanvraag})
            },
        )
