"""/api/v1/leerwerkgemeenschappen: a district's project group, readable by its members only;
its monthly meetings with pseudonymised cases (no family, no names, no BSN)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ketenkaart.access import community as access
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import date, text
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.community import learning, selectors
from ketenkaart.organisations.models import Professional


class MemberSerializer(serializers.Serializer):
    class Meta:
        ref_name = "LidLeerwerkgemeenschap"

    id = serializers.UUIDField()
    naam = StrictCharField(source="display_name")
    organisatie = StrictCharField(source="organisation.name")


class CaseSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BesprokenCasus"

    schuilnaam = StrictCharField(source="pseudonym")
    besproken = StrictCharField(source="discussion")
    georganiseerd = StrictCharField(source="organised")


class SessionSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Bijeenkomst"

    id = serializers.UUIDField()
    datum = serializers.DateField(source="held_on")
    theorie = StrictCharField(source="theory")
    aantekeningen = StrictCharField(source="notes")
    aanwezig = MemberSerializer(source="attendees", many=True)
    casussen = CaseSerializer(source="cases", many=True)


class CommunitySerializer(serializers.Serializer):
    class Meta:
        ref_name = "Leerwerkgemeenschap"

    id = serializers.UUIDField()
    naam = StrictCharField(source="name")
    wijk = serializers.UUIDField(source="district_id")


class CommunityDetailSerializer(CommunitySerializer):
    class Meta:
        ref_name = "LeerwerkgemeenschapDetail"

    leden = MemberSerializer(many=True)
    bijeenkomsten = SessionSerializer(many=True)


class CaseInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BesprokenCasusInvoer"

    schuilnaam = text(max_length=60)
    besproken = text(max_length=learning.MAX_TEXT)
    georganiseerd = text(max_length=learning.MAX_TEXT, required=False, allow_blank=True, default="")


class SessionInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BijeenkomstInvoer"

    datum = date()
    theorie = text(max_length=learning.MAX_TEXT)
    aantekeningen = text(max_length=learning.MAX_TEXT, required=False, allow_blank=True, default="")
    aanwezig = serializers.ListField(child=serializers.UUIDField(), allow_empty=False)
    casussen = CaseInputSerializer(many=True, required=False, default=list)


class CommunityListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="leerwerkgemeenschappen_list",
        summary=_("De leerwerkgemeenschappen waarvan u lid bent"),
        responses={200: CommunitySerializer(many=True), **problems(401)},
    )
    def get(self, request):
        audit.record(
            user=request.user,
            action="learning_community.list",
            object_type="learning_community",
            request=request,
        )
        rows = access.visible_learning_communities(request.user).order_by("name")
        return self.paged(rows, CommunitySerializer)


class CommunityDetailView(ApiView):
    @extend_schema(
        operation_id="leerwerkgemeenschappen_read",
        summary=_("Een leerwerkgemeenschap met haar leden en bijeenkomsten"),
        responses={200: CommunityDetailSerializer, **problems(401, 404)},
    )
    def get(self, request, leerwerkgemeenschap):
        item = access.access_learning_community(request, leerwerkgemeenschap)
        data = selectors.learning_community(item)
        body = {"id": item.pk, "name": item.name, "district_id": item.district_id}
        body.update({"leden": data["members"], "bijeenkomsten": data["sessions"]})
        return Response(CommunityDetailSerializer(body).data)


class SessionCreateView(ApiView):
    domain_fields = {
        "held_on": "datum",
        "theory": "theorie",
        "notes": "aantekeningen",
        "attendees": "aanwezig",
        "cases": "casussen",
        **{
            f"case_{n}_{part}": "casussen"
            for n in range(1, learning.MAX_CASES + 1)
            for part in ("pseudonym", "discussion", "organised")
        },
    }

    @extend_schema(
        operation_id="leerwerkgemeenschappen_bijeenkomst_create",
        summary=_("Een bijeenkomst vastleggen"),
        description=_(
            "Alleen leden. Casussen zonder namen en zonder BSN: een tekst met de naam van een "
            "gezin uit de wijk wordt geweigerd (400)."
        ),
        request=SessionInputSerializer,
        responses={201: SessionSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, leerwerkgemeenschap):
        item = access.access_learning_community(
            request, leerwerkgemeenschap, action="learning_session.record"
        )
        data = self.valid(SessionInputSerializer)
        attendees = list(Professional.objects.filter(pk__in=data["aanwezig"]))
        if len(attendees) != len(set(data["aanwezig"])):
            raise serializers.ValidationError({"aanwezig": [_("Onbekende professional.")]})
        session = learning.learning_session_record(
            by=self.professional(),
            community=item,
            held_on=data["datum"],
            theory=data["theorie"],
            notes=data["aantekeningen"],
            attendees=attendees,
            cases=[
                learning.CaseInput(c["schuilnaam"], c["besproken"], c["georganiseerd"])
                for c in data["casussen"]
            ],
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)
