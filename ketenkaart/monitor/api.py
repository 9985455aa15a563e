"""/api/v1/monitor/indicatoren and /monitor/indicatoren/{code}: the indicators with their
definitions, and one indicator's series for an area and a range of periods. Aggregates only,
with the same suppression as the dashboard; for the policy role (403 otherwise)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from ketenkaart.access import monitor as access
from ketenkaart.api.formats import AmountField, StrictCharField, money
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import Messages
from ketenkaart.api.views import ApiView
from ketenkaart.monitor import periods, selectors
from ketenkaart.monitor.indicators import BY_CODE, REGISTRY

DATE_ERRORS: Messages = {"invalid": gettext_lazy("Gebruik een datum als JJJJ-MM-DD.")}
UUID_ERRORS: Messages = {"invalid": gettext_lazy("Geef een id (UUID).")}


class IndicatorSerializer(serializers.Serializer):
    code = StrictCharField()
    titel = StrictCharField(source="title")
    definitie = StrictCharField(source="definition")
    thema = StrictCharField(source="theme")
    eenheid = StrictCharField(source="unit")
    # A norm and a value are measures in the indicator's `eenheid` (a percentage, days, a
    # count), written like every rate in the API: a string with two decimals (docs/api.md).
    norm = AmountField(
        allow_null=True,
        help_text=gettext_lazy('In de eenheid van de indicator, met twee decimalen: "90.00".'),
    )


class PointSerializer(serializers.Serializer):
    periode = StrictCharField()
    start = serializers.DateField()
    waarde = AmountField(
        allow_null=True,
        help_text=gettext_lazy(
            'In de eenheid van de indicator, met twee decimalen: "2.00"; null als onderdrukt.'
        ),
    )
    status = serializers.ChoiceField(
        choices=["ok", "onderdrukt", "afgeschermd", "leeg"],
        help_text=gettext_lazy(
            "onderdrukt: minder dan de drempel (drempel); afgeschermd: niet getoond omdat met "
            "dit getal een onderdrukte cel uit te rekenen is; leeg: niets om te delen."
        ),
    )
    basis = serializers.IntegerField(allow_null=True)


class SeriesSerializer(serializers.Serializer):
    reeks = StrictCharField()
    naam = StrictCharField()
    waarden = PointSerializer(many=True)


class IndicatorDataSerializer(IndicatorSerializer):
    regio = serializers.UUIDField()
    gemeente = serializers.UUIDField(allow_null=True)
    per = StrictCharField()
    drempel = serializers.IntegerField()
    reeksen = SeriesSerializer(many=True)


class QuerySerializer(serializers.Serializer):
    regio = serializers.UUIDField(required=False, error_messages=UUID_ERRORS)
    gemeente = serializers.UUIDField(required=False, error_messages=UUID_ERRORS)
    van = serializers.DateField(required=False, error_messages=DATE_ERRORS)
    tot = serializers.DateField(required=False, error_messages=DATE_ERRORS)
    per = serializers.ChoiceField(
        choices=list(periods.API_NAMES),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies week, maand of kwartaal.")},
    )


STATUS = {"ok": "ok", "suppressed": "onderdrukt", "protected": "afgeschermd", "empty": "leeg"}


class MonitorView(ApiView):
    def gate(self, action: str, object_id="") -> None:
        access.require_monitor(self.request, action=action, object_id=object_id)


class IndicatorListView(MonitorView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="monitor_indicatoren_list",
        summary=_("De indicatoren van de monitor, met hun definitie en norm"),
        description=_("Voor beleid. Alleen definities; de cijfers staan per indicator."),
        responses={200: IndicatorSerializer(many=True), **problems(400, 401, 403)},
    )
    def get(self, request):
        self.gate("monitor.indicator.list")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(list(REGISTRY), request, view=self)
        return paginator.get_paginated_response(IndicatorSerializer(page, many=True).data)


class IndicatorDetailView(MonitorView):
    @extend_schema(
        operation_id="monitor_indicatoren_read",
        summary=_("Eén indicator per periode, voor de regio of een gemeente"),
        description=_(
            "Cellen met minder dan de drempel (standaard 10) eenheden zijn onderdrukt: waarde "
            "null en status onderdrukt. Zonder van/tot: de laatste 26 weken, 12 maanden of 8 "
            "kwartalen."
        ),
        parameters=[
            OpenApiParameter("regio", str, description=_("De id (UUID) van de regio.")),
            OpenApiParameter("gemeente", str, description=_("De id (UUID) van een gemeente.")),
            OpenApiParameter("van", str, description=_("Eerste dag (JJJJ-MM-DD).")),
            OpenApiParameter("tot", str, description=_("Laatste dag (JJJJ-MM-DD).")),
            OpenApiParameter("per", str, enum=list(periods.API_NAMES)),
        ],
        responses={200: IndicatorDataSerializer, **problems(400, 401, 403, 404)},
    )
    def get(self, request, code):
        self.gate("monitor.indicator.read", object_id=code)
        indicator = BY_CODE.get(code)
        if indicator is None:
            raise exceptions.NotFound()
        query = QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        errors = {}
        regions = access.monitor_regions(request.user)
        region = regions.filter(pk=data["regio"]).first() if "regio" in data else regions.first()
        if region is None:
            errors["regio"] = [_("Deze regio bestaat niet of u mag haar niet inzien.")]
        municipality = None
        if "gemeente" in data and region is not None:
            municipality = region.municipalities.filter(pk=data["gemeente"]).first()
            if municipality is None:
                errors["gemeente"] = [_("Deze gemeente hoort niet bij de regio.")]
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            errors["tot"] = [_("Deze datum ligt vóór de begindatum.")]
        if data.get("van") and data.get("tot") and (data["tot"] - data["van"]).days > 366 * 5:
            errors["van"] = [_("Kies hoogstens vijf jaar.")]
        if errors:
            raise exceptions.ValidationError(errors)
        period = periods.API_NAMES[data.get("per", "maand")]
        (result,) = selectors.dashboard(
            region_id=region.pk,
            municipality_id=municipality.pk if municipality else None,
            period=period,
            first=data.get("van"),
            last=data.get("tot"),
            codes=[code],
        )
        body = IndicatorSerializer(indicator).data | {
            "regio": str(region.pk),
            "gemeente": str(municipality.pk) if municipality else None,
            "per": periods.API_NAME_OF[period],
            "drempel": selectors.threshold(),
            "reeksen": [
                {
                    "reeks": s.key,
                    "naam": s.label or str(indicator.title),
                    "waarden": [
                        {
                            "periode": label,
                            "start": start.isoformat(),
                            "waarde": money(point.value),
                            "status": STATUS[point.status],
                            "basis": point.base,
                        }
                        for label, start, point in zip(
                            result.labels, result.starts, s.points, strict=True
                        )
                    ],
                }
                for s in result.series
            ],
        }
        return Response(body)
