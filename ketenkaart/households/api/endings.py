"""/api/v1/gezinnen/{id}/betrokkenen/{id}/beeindiging: ending an involvement. The regisseur's
own ends only with regie taken over: regieNaar and reden ask the successor (a regieverzoek, 202)
and the involvement ends when they accept; the gate and the audit as for every write."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import professionals, reference, text
from ketenkaart.api.views import ApiView
from ketenkaart.households import services
from ketenkaart.households.api import serializers as s
from ketenkaart.households.api.offers import OfferSerializer
from ketenkaart.households.models import Involvement, OfferState


class InvolvementEndSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BetrokkenheidBeeindigen"

    regieNaar = reference(
        professionals(),
        gettext_lazy("Deze professional bestaat niet."),
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy(
            "Alleen als dit de betrokkenheid van de regisseur is: wie de regie overneemt."
        ),
    )
    reden = text(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text=gettext_lazy("De reden van de overdracht (bij de regisseur verplicht)."),
    )


class InvolvementEndView(ApiView):
    domain_fields = {"lead_to": "regieNaar", "professional": "regieNaar", "reason": "reden"}

    @extend_schema(
        operation_id="betrokkenen_beeindigen",
        summary=_("Een betrokkenheid beëindigen"),
        description=_(
            "Wie het gezin mag wijzigen. Is dit de eigen betrokkenheid van de regisseur, geef "
            "dan in regieNaar en reden aan wie de regie overneemt: dat wordt een regieverzoek "
            "(202, het verzoek; Location wijst ernaar), met dezelfde regels. De betrokkenheid "
            "eindigt pas als de gevraagde aanvaardt; tot dan blijft u de regisseur. Zonder "
            "regieNaar 409; een weigering verandert niets."
        ),
        request=InvolvementEndSerializer,
        responses={
            200: s.InvolvementSerializer,
            202: OfferSerializer,
            **problems(400, 401, 403, 404, 409),
        },
    )
    def post(self, request, gezin, betrokkenheid):
        household = self.write(gezin, "household.involvement.end")
        involvement = (
            Involvement.objects.filter(household=household, pk=betrokkenheid)
            .select_related("professional__user", "organisation", "household")
            .first()
        )
        if involvement is None:
            raise exceptions.NotFound(_("Deze bron bestaat niet of u heeft er geen toegang toe."))
        data = self.valid(InvolvementEndSerializer)
        involvement = services.involvement_end(
            by=self.professional(),
            involvement=involvement,
            lead_to=data["regieNaar"],
            reason=data["reden"],
        )
        if involvement.ended_on is None:  # the regisseur's: asked, ends at acceptance
            offer = household.offers.get(state=OfferState.PENDING)
            return Response(
                OfferSerializer(offer).data,
                status=status.HTTP_202_ACCEPTED,
                headers={"Location": reverse("api:handover-offer", kwargs={"verzoek": offer.pk})},
            )
        return Response(s.InvolvementSerializer(involvement).data)
