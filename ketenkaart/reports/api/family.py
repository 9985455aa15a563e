"""/api/v1/meldingen/{id}/gezin: Veilig Thuis places a melding the radar could not place. PUT
links it to a family it knows (one of the melding's persons is a member, or Veilig Thuis reads
the family already); POST opens the family from the melding's persons (search first with
POST /personen/zoeken). Both through the reports services, for the region's VT team only."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import UUID_MESSAGES, reference, text
from ketenkaart.api.views import ApiView
from ketenkaart.organisations.models import District, Municipality
from ketenkaart.reports import services
from ketenkaart.reports.api.reports import ReportSerializer, _report_body


class LinkSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldingGezinKoppeling"

    gezin = serializers.UUIDField(
        error_messages=UUID_MESSAGES,
        help_text=gettext_lazy("De id van het gezin waar de melding over gaat."),
    )


class NewFamilySerializer(serializers.Serializer):
    class Meta:
        ref_name = "MeldingGezinNieuw"

    naam = text(max_length=200, help_text=gettext_lazy("Bijvoorbeeld: Gezin De Vries."))
    gemeente = reference(Municipality.objects.all(), gettext_lazy("Deze gemeente bestaat niet."))
    wijk = reference(
        District.objects.all(),
        gettext_lazy("Deze wijk bestaat niet."),
        required=False,
        allow_null=True,
        default=None,
    )


class ReportFamilyView(ApiView):
    domain_fields = {
        "household": "gezin",
        "name": "naam",
        "municipality": "gemeente",
        "district": "wijk",
    }

    @extend_schema(
        operation_id="meldingen_gezin_koppelen",
        summary=_("Een melding koppelen aan een bekend gezin"),
        description=_(
            "Alleen het Veilig Thuis-team van de regio (anders 403). Het gezin moet een gezin "
            "zijn waar de melding over gaat (een persoon van de melding is gezinslid, op BSN of "
            "achternaam en geboortedatum) of dat Veilig Thuis al mag inzien; anders 400 bij "
            "gezin. De personen worden aan de gezinsleden gekoppeld en de radar opnieuw bepaald."
        ),
        request=LinkSerializer,
        responses={200: ReportSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def put(self, request, melding):
        report = gate.access_report(
            request, melding, action="report.household.link", write=True
        ).obj
        data = self.valid(LinkSerializer)
        services.report_household_link(
            by=gate.require_professional(request), report=report, household_id=data["gezin"]
        )
        return Response(_report_body(request, report))

    @extend_schema(
        operation_id="meldingen_gezin_aanmaken",
        summary=_("Het gezin aanmaken vanuit een melding"),
        description=_(
            "Alleen het Veilig Thuis-team van de regio, en alleen als de melding nog bij geen "
            "gezin hoort (anders 409). Zoek eerst met POST /personen/zoeken. Het gezin krijgt "
            "de personen van de melding als leden; Veilig Thuis is betrokken."
        ),
        request=NewFamilySerializer,
        responses={201: ReportSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, melding):
        report = gate.access_report(
            request, melding, action="report.household.create", write=True
        ).obj
        data = self.valid(NewFamilySerializer)
        household = services.report_household_create(
            by=gate.require_professional(request),
            report=report,
            name=data["naam"],
            municipality=data["gemeente"],
            district=data["wijk"],
        )
        return Response(
            _report_body(request, report),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:household", kwargs={"gezin": household.pk})},
        )
