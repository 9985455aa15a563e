"""/api/v1/vernietiging: the dossiers due for destruction (privacy officer) and the confirm
step /api/v1/vernietiging/{gezin}/bevestiging."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.retention import services
from ketenkaart.retention.views import due_for


class DueSerializer(serializers.Serializer):
    gezin = serializers.UUIDField(source="household_id")
    vernietigenVanaf = serializers.DateField(source="destroy_on", allow_null=True)
    opVerzoek = serializers.BooleanField(source="on_request")
    verzoekBeantwoordenUiterlijk = serializers.DateField(source="request_due_on", allow_null=True)


class ConfirmSerializer(serializers.Serializer):
    gecontroleerd = serializers.BooleanField()
    opVerzoek = serializers.BooleanField(required=False, default=False)

    def validate_gecontroleerd(self, value):
        if not value:
            raise serializers.ValidationError(_("Bevestig dat u het dossier hebt gecontroleerd."))
        return value


def _officer(request, action):
    return gate.require_privacy_officer(
        request, action, message=_("Alleen de privacy officer vernietigt dossiers.")
    )


class DueView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="vernietiging_list",
        summary=_("Dossiers waarvan de bewaartermijn voorbij is"),
        description=_("Voor de privacy officer van de regio; zonder namen, alleen ids."),
        responses={200: DueSerializer(many=True), **problems(401, 403)},
    )
    def get(self, request):
        _officer(request, "retention.due.list")
        rows = [due for _household, due in due_for(request.user)]
        audit.record(
            user=request.user, action="retention.due.list", object_type="household", request=request
        )
        return self.paged(rows, DueSerializer)


class ConfirmView(ApiView):
    domain_fields = {"on_request": "opVerzoek"}

    @extend_schema(
        operation_id="vernietiging_bevestiging",
        summary=_("Vernietiging van een dossier bevestigen: het hele dossier gaat weg"),
        request=ConfirmSerializer,
        responses={204: None, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, gezin):
        _officer(request, "retention.household.destroy")
        household = gate.access_household_log(request, gezin)
        data = self.valid(ConfirmSerializer)
        services.household_destroy(
            by=self.professional(),
            household=household,
            on_request=data["opVerzoek"],
            request=request,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
