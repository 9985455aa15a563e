"""The households API (gezinnen, leden, betrokkenen, regie, maatregelen, toegangslog,
personen zoeken). Thin: the gate lets the caller in (and audits it), a serializer checks the
shape of the input, a service does the work, a selector reads. Not visible answers 404."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.core import replica
from ketenkaart.households import search, selectors, services
from ketenkaart.households.api import access_log, plain
from ketenkaart.households.api import serializers as s
from ketenkaart.households.models import (
    Handover,
    HandoverOffer,
    Household,
    Involvement,
    OfferState,
    active_measures_q,
)
from ketenkaart.organisations.models import Organisation


def _created(data, location: str) -> Response:
    return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})


# -- gezinnen ----------------------------------------------------------------------------------


class HouseholdListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {
        "name": "naam",
        "district": "wijk",
        "role_in_family": "rolBijGezin",
        "legal_basis": "grondslag",
    }

    @extend_schema(
        operation_id="gezinnen_list",
        summary=_("De gezinnen die u mag zien"),
        description=_(
            "Alleen gezinnen waarbij u (of uw team) betrokken bent, met waarschuwingen. "
            "Een lijst toont nooit een persoon of een BSN."
        ),
        responses={200: s.HouseholdListItemSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        day = timezone.localdate()
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.caseload_page(request.user, day=day), request, view=self
        )
        page = selectors.with_warnings(page, day=day)
        # As on the "Mijn gezinnen" page: one row for the list, not one per family.
        audit.record_list(request, action="household.list", object_type="household", rows=page)
        data = s.HouseholdListItemSerializer(page, many=True).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        operation_id="gezinnen_create",
        summary=_("Een gezin aanmaken"),
        description=_(
            "Zoek eerst met POST /personen/zoeken of het gezin al bestaat. De maker wordt "
            "betrokken, en regisseur als die van het lokale team is."
        ),
        request=s.HouseholdCreateSerializer,
        responses={201: s.DossierSerializer, **problems(400, 401, 403)},
    )
    def post(self, request):
        if not gate.can_search_persons(request.user):
            raise exceptions.PermissionDenied(
                _("Alleen professionals die met gezinnen werken kunnen een gezin aanmaken.")
            )
        data = self.valid(s.HouseholdCreateSerializer)
        household = services.household_create(
            by=self.professional(),
            name=data["naam"],
            municipality=data["gemeente"],
            district=data.get("wijk"),
            role_in_family=data["rolBijGezin"],
            legal_basis=data["grondslag"],
        )
        dossier = selectors.dossier(household)
        return _created(s.DossierSerializer(dossier).data, _household_url(household.pk))


def _household_url(household_id) -> str:
    return reverse("api:household", kwargs={"gezin": household_id})


class HouseholdDetailView(ApiView):
    @extend_schema(
        operation_id="gezinnen_read",
        summary=_("Het dossier van een gezin"),
        description=_(
            "Leden (met volledig BSN), betrokkenen met contactgegevens, regisseur, kader, "
            "maatregelen, overdrachten en waarschuwingen. Elke lezing komt in de toegangslog."
        ),
        responses={200: s.DossierSerializer, **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "household.read")
        day = timezone.localdate()
        # Plain dicts, not the serializer (the schema above): every click's read (issue 17).
        return Response(plain.dossier(selectors.dossier(household, day=day), day=day))


# -- leden -------------------------------------------------------------------------------------


class MemberListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {
        "bsn": "bsn",
        "surname": "achternaam",
        "birth_date": "geboortedatum",
        "has_custody": "heeftGezag",
    }

    @extend_schema(
        operation_id="gezinsleden_list",
        summary=_("De leden van een gezin"),
        description=_("In deze lijst toont het BSN alleen de laatste drie cijfers."),
        responses={200: s.MemberListItemSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "household.member.read")
        members = household.members.select_related("person").order_by("role", "person__birth_date")
        return self.paged(members, s.MemberListItemSerializer)

    @extend_schema(
        operation_id="gezinsleden_create",
        summary=_("Een lid toevoegen"),
        request=s.MemberCreateSerializer,
        responses={201: s.MemberSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "household.member.add")
        data = self.valid(s.MemberCreateSerializer)
        member = services.member_add(
            by=self.professional(),
            household=household,
            given_names=data["voornamen"],
            surname_prefix=data["tussenvoegsel"],
            surname=data["achternaam"],
            birth_date=data["geboortedatum"],
            bsn=data["bsn"],
            role=data["rol"],
            has_custody=data["heeftGezag"],
        )
        return _created(s.MemberSerializer(member).data, request.path)


# -- betrokkenen -------------------------------------------------------------------------------


class InvolvementListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {
        "role_in_family": "rolBijGezin",
        "started_on": "sinds",
        "legal_basis": "grondslag",
        "consented_by": "toestemmingVan",
    }

    @extend_schema(
        operation_id="betrokkenen_list",
        summary=_("Wie er betrokken is, en hoe u ze bereikt"),
        responses={200: s.InvolvementSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "household.involvement.read")
        involvements = (
            household.involvements.filter(ended_on__isnull=True)
            .select_related("professional__user", "organisation")
            .order_by("-is_lead", "organisation__name", "started_on")
        )
        return self.paged(involvements, s.InvolvementSerializer)

    @extend_schema(
        operation_id="betrokkenen_create",
        summary=_("Een professional betrekken"),
        request=s.InvolvementCreateSerializer,
        responses={201: s.InvolvementSerializer, **problems(400, 401, 403, 404)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "household.involvement.add")
        data = self.valid(s.InvolvementCreateSerializer)
        involvement = services.involvement_add(
            by=self.professional(),
            household=household,
            professional=data["professional"],
            role_in_family=data["rolBijGezin"],
            legal_basis=data["grondslag"],
            started_on=data["sinds"],
            consented_by=data["toestemmingVan"],
        )
        return _created(s.InvolvementSerializer(involvement).data, request.path)


# -- regie -------------------------------------------------------------------------------------


class LeadView(ApiView):
    """Read-only: what GET returns is the regie, not something to PUT back. Regie is handed
    over as a question the receiver answers (POST /gezinnen/{gezin}/regie/verzoeken, then
    /regie-verzoeken/{id}/aanvaarding), the same conversation and the same law rules as the
    web (handover_services); PUT and POST answer 405 with Allow: GET, HEAD, OPTIONS."""

    @extend_schema(
        operation_id="regie_read",
        summary=_("De regisseur, het kader, de overdrachten en een open verzoek"),
        description=_(
            "Alleen lezen. De regie overdragen gaat met een verzoek dat de gevraagde aanvaardt: "
            "POST /gezinnen/{gezin}/regie/verzoeken, daarna POST "
            "/regie-verzoeken/{verzoek}/aanvaarding door de gevraagde. openVerzoek wijst naar "
            "het verzoek dat op antwoord wacht (of is null). Een maatregel vastleggen of "
            "beëindigen verplaatst de regie wel meteen: daar beslist de rechter."
        ),
        responses={200: s.LeadSerializer, **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "household.lead.read")
        return Response(s.LeadSerializer(_lead(household)).data)


class Lead:
    def __init__(self, lead, frame_court_ordered, handovers, open_offer=None):
        self.lead = lead
        self.frame_court_ordered = frame_court_ordered
        self.handovers = handovers
        self.open_offer = open_offer


def _lead(household: Household) -> Lead:
    lead = (
        Involvement.objects.filter(household=household, is_lead=True)
        .select_related("professional__user", "organisation")
        .first()
    )
    court_ordered = household.measures.filter(active_measures_q(timezone.localdate())).exists()
    handovers = Handover.objects.filter(household=household).select_related(
        "from_professional__user", "to_professional__user", "recorded_by__user"
    )
    # At most one (handover_offer_one_pending_per_household).
    open_offer = HandoverOffer.objects.filter(household=household, state=OfferState.PENDING).first()
    return Lead(lead, court_ordered, list(handovers), open_offer)


# -- maatregelen -------------------------------------------------------------------------------


class MeasureListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {
        "type": "soort",
        "child": "kind",
        "court": "rechtbank",
        "ends_on": "einddatum",
        "professional": "regieNaar",
        "reason": "reden",
        "starts_on": "ingangsdatum",
        "supervision": "ots",
        "guardian_kind": "voogdijBij",
        "guardian_organisation": "voogdijInstelling",
        "guardian_name": "voogdNaam",
    }

    @extend_schema(
        operation_id="maatregelen_list",
        summary=_("De kinderbeschermingsmaatregelen van een gezin"),
        responses={200: s.MeasureSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "household.measure.read")
        measures = household.measures.select_related("child").order_by("-starts_on")
        return self.paged(measures, s.MeasureSerializer)

    @extend_schema(
        operation_id="maatregelen_create",
        summary=_("Een maatregel van de rechter vastleggen"),
        description=_("Met regieNaar gaat de regie meteen naar die jeugdbeschermer."),
        request=s.MeasureCreateSerializer,
        responses={201: s.MeasureSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "household.measure.record")
        data = self.valid(s.MeasureCreateSerializer)
        member = household.members.select_related("person").filter(person_id=data["kind"]).first()
        if member is None:
            raise exceptions.ValidationError(
                {"kind": _("Een maatregel geldt voor een kind van dit gezin.")}
            )
        supervision = household.measures.filter(pk=data["ots"]).first() if data["ots"] else None
        guardian_org = (
            Organisation.objects.filter(pk=data["voogdijInstelling"]).first()
            if data["voogdijInstelling"]
            else None
        )
        measure = services.measure_record(
            by=self.professional(),
            household=household,
            child=member.person,
            type=data["soort"],
            starts_on=data["ingangsdatum"],
            ends_on=data["einddatum"],
            court=data["rechtbank"],
            lead_to=data["regieNaar"],
            reason=data["reden"],
            supervision=supervision,
            guardian_kind={"instelling": "institution", "persoon": "person"}.get(
                data["voogdijBij"] or "", ""
            ),
            guardian_organisation=guardian_org,
            guardian_name=data["voogdNaam"],
        )
        return _created(s.MeasureSerializer(measure).data, _measure_url(household.pk, measure.pk))


def _measure_url(household_id, measure_id) -> str:
    return reverse("api:measure", kwargs={"gezin": household_id, "maatregel": measure_id})


def _measure(household: Household, measure_id):
    measure = household.measures.select_related("child", "household").filter(pk=measure_id).first()
    if measure is None:
        raise exceptions.NotFound(_("Deze maatregel bestaat niet."))
    return measure


class MeasureDetailView(ApiView):
    @extend_schema(
        operation_id="maatregelen_read",
        summary=_("Een maatregel"),
        responses={200: s.MeasureSerializer, **problems(401, 404)},
    )
    def get(self, request, gezin, maatregel):
        household = self.read(gezin, "household.measure.read")
        return Response(s.MeasureSerializer(_measure(household, maatregel)).data)


def _measure_course(view: ApiView, gezin, maatregel, action: str, serializer, change):
    """An extension or an early end: the gate's write grant on the family, the measure of
    that family, the valid input, then the service (which decides who may)."""
    household = view.write(gezin, action)
    measure = _measure(household, maatregel)
    data = view.valid(serializer)
    return household, change(view.professional(), measure, data)


class MeasureExtensionView(ApiView):
    domain_fields = {"ends_on": "einddatum"}

    @extend_schema(
        operation_id="maatregelen_verlengen",
        summary=_("Een maatregel verlengen"),
        description=_(
            "Een verlenging is een nieuwe maatregel die begint op de dag na de huidige einddatum."
        ),
        request=s.MeasureExtendSerializer,
        responses={201: s.MeasureSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, gezin, maatregel):
        household, extension = _measure_course(
            self,
            gezin,
            maatregel,
            "household.measure.extend",
            s.MeasureExtendSerializer,
            lambda by, measure, data: services.measure_extend(
                by=by, measure=measure, ends_on=data["einddatum"], court=data["rechtbank"]
            ),
        )
        return _created(
            s.MeasureSerializer(extension).data, _measure_url(household.pk, extension.pk)
        )


class MeasureEndView(ApiView):
    domain_fields = {
        "ended_on": "beeindigdOp",
        "lead_to": "regieNaar",
        "professional": "regieNaar",
        "reason": "reden",
    }

    @extend_schema(
        operation_id="maatregelen_beeindigen",
        summary=_("Een maatregel eerder beëindigen"),
        description=_(
            "Loopt er daarna geen maatregel meer, dan gaat de regie terug naar het lokale team: "
            "geef dan in regieNaar aan naar wie."
        ),
        request=s.MeasureEndSerializer,
        responses={200: s.MeasureSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, gezin, maatregel):
        _household, measure = _measure_course(
            self,
            gezin,
            maatregel,
            "household.measure.end",
            s.MeasureEndSerializer,
            lambda by, measure, data: services.measure_end(
                by=by,
                measure=measure,
                ended_on=data["beeindigdOp"],
                lead_to=data["regieNaar"],
                reason=data["reden"],
            ),
        )
        return Response(s.MeasureSerializer(measure).data)


# -- toegangslog -------------------------------------------------------------------------------


class AccessLogView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="toegangslog_list",
        summary=_("Wie het dossier inzag of wijzigde"),
        description=_(
            "Alleen voor de regisseur en de privacy officer van de regio. Nieuwste eerst; "
            "zonder persoonsgegevens van het gezin."
        ),
        responses={200: s.AccessEventSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = gate.access_household_log(request, gezin)
        with replica.reads():  # the listing may be a moment behind; the gate read the primary
            paginator = self.pagination_class()
            page = paginator.paginate_queryset(access_log.events(household.pk), request, self)
            names = {e["actor_organisation_id"]: e["organisation_name"] for e in page}
            data = plain.access_events(page, names)
        return paginator.get_paginated_response(data)


# -- personen ----------------------------------------------------------------------------------


class PersonSearchView(ApiView):
    @extend_schema(
        operation_id="personen_zoeken",
        summary=_("Zoeken of een gezin al bekend is"),
        description=_(
            "De zoektermen staan in de body, zodat een BSN nooit in een URL of log komt. "
            "Een gezin dat u niet mag zien, noemt alleen de regisseur om contact op te nemen. "
            "Elke zoekactie komt in de toegangslog, zonder de zoektermen."
        ),
        request=s.PersonSearchSerializer,
        responses={200: s.MatchesSerializer, **problems(400, 401, 403, 429)},
    )
    def post(self, request):
        try:
            gate.require_person_search(request)
        except PermissionDenied as error:
            raise exceptions.PermissionDenied(_("U mag niet naar personen zoeken.")) from error
        data = self.valid(s.PersonSearchSerializer)
        try:
            matches = search.search_before_create(
                request,
                bsn=data["bsn"],
                surname=data["achternaam"].strip(),
                birth_date=data["geboortedatum"],
            )
        except gate.PersonSearchLimited as error:
            raise exceptions.Throttled(wait=error.wait, detail=error.message) from error
        return Response(s.MatchesSerializer({"resultaten": matches}).data)
