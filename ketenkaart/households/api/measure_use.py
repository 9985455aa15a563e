"""gezinnen/{id}/maatregelen/{id}/tenuitvoerlegging: the machtiging uithuisplaatsing carried
out, so it does not lapse after 3 months unused (art. 1:265c lid 3 BW). Additive to the
measures API: its own input and an answer that names the use and the lapse date."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import date
from ketenkaart.api.views import ApiView
from ketenkaart.households import measure_services
from ketenkaart.households.api import serializers as s
from ketenkaart.households.api.views import _measure


class MeasureUseInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "TenuitvoerleggingInvoer"

    tenUitvoerGelegdOp = date()


class PlacementSerializer(s.MeasureSerializer):
    class Meta:
        ref_name = "MachtigingUithuisplaatsing"

    tenUitvoerGelegdOp = serializers.DateField(source="used_on", allow_null=True)
    vervaltOp = serializers.DateField(
        source="lapses_on",
        allow_null=True,
        help_text=_("Vervalt op deze dag als zij niet is gebruikt (art. 1:265c lid 3 BW)."),
    )


class MeasureUseView(ApiView):
    domain_fields = {"used_on": "tenUitvoerGelegdOp"}

    @extend_schema(
        operation_id="maatregelen_tenuitvoerlegging",
        summary=_("Een machtiging uithuisplaatsing ten uitvoer gelegd"),
        description=_(
            "Alleen voor een machtiging uithuisplaatsing, binnen haar looptijd en binnen 3 "
            "maanden na de beslissing (art. 1:265c lid 3 BW). Daarna vervalt zij niet meer."
        ),
        request=MeasureUseInputSerializer,
        responses={200: PlacementSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, gezin, maatregel):
        household = self.write(gezin, "household.measure.use")
        measure = _measure(household, maatregel)
        data = self.valid(MeasureUseInputSerializer)
        measure = measure_services.measure_use(
            by=self.professional(), measure=measure, used_on=data["tenUitvoerGelegdOp"]
        )
        measure = household.measures.select_related("child").get(pk=measure.pk)
        return Response(PlacementSerializer(measure).data)
