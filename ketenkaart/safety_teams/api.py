"""/api/v1/ for the veiligheidsteam: veiligheidsteams, casusoverleggen with their agendapunten,
acties (the caller's task list) and matching. Thin: access, serializer, service, selector."""

import contextlib

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.access import gate
from ketenkaart.api.formats import JSONRenderer, StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.organisations.models import Expertise, Professional
from ketenkaart.safety_maps.api import PdfRenderer
from ketenkaart.safety_teams import exports, matching, selectors, services
from ketenkaart.safety_teams.models import (
    Action,
    ActionState,
    AgendaItem,
    BoardCheck,
    BoardCheckOutcome,
    ItemStatus,
)

STATES = {
    ActionState.OPEN: "open",
    ActionState.DONE: "afgerond",
    ActionState.CANCELLED: "vervallen",
}


# Dutch values at the API edge; stored values stay as they are.
EXPERTISE = {
    Expertise.SAFETY_PLUS: "veiligheid_plus",
    Expertise.MILD_INTELLECTUAL_DISABILITY: "lvb",
    Expertise.MENTAL_HEALTH: "psychische_problemen",
    Expertise.DIVORCE_CONFLICT: "complexe_scheiding",
    Expertise.ADDICTION: "verslaving",
    Expertise.LANGUAGE: "taal_en_cultuur",
    Expertise.DEBTS: "schulden",
}
ITEM_STATUSES = {ItemStatus.PLANNED: "gepland", ItemStatus.DISCUSSED: "besproken"}


OUTCOMES = {
    BoardCheckOutcome.PENDING: "onbekend",
    BoardCheckOutcome.CHECK_SUFFICED: "toets_volstond",
    BoardCheckOutcome.FULL_INVESTIGATION: "volledig_onderzoek",
}


@contextlib.contextmanager
def _forbidden_as_403():
    try:
        yield
    except DomainError as error:
        if error.code == "forbidden":
            raise exceptions.PermissionDenied(error.message) from error
        raise


# -- shapes ------------------------------------------------------------------------------------


class TeamSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    naam = StrictCharField(source="name")
    nazorgDagen = serializers.IntegerField(source="follow_up_days")
    vasteMomenten = serializers.SerializerMethodField()

    def get_vasteMomenten(self, team) -> list[str]:
        return [f"{slot.get_weekday_display()} {slot.starts_at:%H:%M}" for slot in team.slots.all()]


class MeetingSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    veiligheidsteam = serializers.UUIDField(source="team_id")
    begint = serializers.DateTimeField(source="starts_at")
    eindigt = serializers.DateTimeField(source="ends_at")
    inzageTot = serializers.DateTimeField(source="access_until")


class MeetingCreateSerializer(serializers.Serializer):
    veiligheidsteam = serializers.UUIDField()
    begint = serializers.DateTimeField()
    duurMinuten = serializers.IntegerField(min_value=15, max_value=480, default=90)


class AgendaItemSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    gezinsnaam = StrictCharField(source="household.name")
    volgorde = serializers.IntegerField(source="position")
    vraag = StrictCharField(source="question")
    expertise = serializers.ListField(child=MappedChoiceField(EXPERTISE), source="tags")
    kaartversie = serializers.IntegerField(
        source="map_version", help_text=gettext_lazy("De versie van de kaart die het team zag.")
    )
    status = MappedChoiceField(ITEM_STATUSES)
    advies = StrictCharField(source="advice")


class AgendaItemCreateSerializer(serializers.Serializer):
    gezin = serializers.UUIDField()
    vraag = StrictCharField(max_length=4000)
    expertise = serializers.ListField(
        child=MappedChoiceField(EXPERTISE), required=False, default=list
    )


class DecisionSerializer(serializers.Serializer):
    besluit = StrictCharField(source="text")
    akkoord = serializers.SerializerMethodField()

    def get_akkoord(self, decision) -> list[str]:
        return [str(p.pk) for p in decision.agreed_by.all()]


class AgendaItemOutcomeSerializer(AgendaItemSerializer):
    besluiten = DecisionSerializer(source="decisions", many=True)


class OutcomeSerializer(serializers.Serializer):
    advies = StrictCharField(max_length=4000)
    besluit = StrictCharField(max_length=4000, required=False, default="", allow_blank=True)
    akkoord = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        help_text=gettext_lazy("Deelnemers die akkoord gaven met het besluit."),
    )


class BoardCheckSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    aangemaakt = serializers.DateTimeField(source="created_at")
    aangevraagdDoor = serializers.UUIDField(source="requested_by_id")
    kaartversie = serializers.IntegerField(source="map_version")
    uitkomst = serializers.SerializerMethodField()
    uitkomstVastgelegd = serializers.DateTimeField(source="outcome_at", allow_null=True)

    def get_uitkomst(self, check) -> str:
        return OUTCOMES[check.outcome]


class BoardCheckDetailSerializer(BoardCheckSerializer):
    pakket = serializers.JSONField(
        source="package",
        help_text=gettext_lazy("Het pakket zoals het naar de Raad ging: kaart, dossier, team."),
    )


class BoardCheckOutcomeSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=["toets_volstond", "volledig_onderzoek"])


class ActionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    agendapunt = serializers.UUIDField(source="item_id")
    omschrijving = StrictCharField(source="description")
    eigenaar = serializers.UUIDField(source="owner_id")
    uiterlijk = serializers.DateField(source="due_on")
    status = serializers.SerializerMethodField()

    def get_status(self, action) -> str:
        return STATES[action.state]


class ActionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["afgerond", "vervallen"])


class ReasonSerializer(serializers.Serializer):
    punten = serializers.IntegerField(source="points")
    reden = StrictCharField(source="text")


class CandidateSerializer(serializers.Serializer):
    professional = serializers.UUIDField(source="professional.pk")
    naam = StrictCharField(source="professional.display_name")
    organisatie = StrictCharField(source="professional.organisation.name")
    score = serializers.IntegerField()
    vrijePlekken = serializers.IntegerField(source="free")
    vol = serializers.BooleanField(source="at_capacity")
    redenen = ReasonSerializer(source="reasons", many=True)


class AssignResultSerializer(serializers.Serializer):
    gezin = serializers.UUIDField()
    regisseur = serializers.UUIDField()


class AssignSerializer(serializers.Serializer):
    agendapunt = serializers.UUIDField()
    professional = serializers.UUIDField()
    reden = StrictCharField(max_length=4000)


# -- views -------------------------------------------------------------------------------------


class TeamListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="veiligheidsteams_list",
        summary=_("De veiligheidsteams waarvan u lid bent"),
        responses={200: TeamSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        teams = gate.visible_teams(self.request.user).prefetch_related("slots").order_by("name")
        page = paginator.paginate_queryset(teams, request, view=self)
        audit.record_list(request, action="safety_team.list", object_type="safety_team")
        return paginator.get_paginated_response(TeamSerializer(page, many=True).data)


class MeetingListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"starts_at": "begint", "duration": "duurMinuten"}

    @extend_schema(
        operation_id="casusoverleggen_list",
        summary=_("Komende en lopende casusoverleggen van uw teams"),
        responses={200: MeetingSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.upcoming(request.user), request, view=self)
        audit.record_list(request, action="case_meeting.list", object_type="case_meeting")
        return paginator.get_paginated_response(MeetingSerializer(page, many=True).data)

    @extend_schema(
        operation_id="casusoverleggen_create",
        summary=_("Een casusoverleg plannen"),
        description=_("Alleen leden van het team; de leden zijn de deelnemers."),
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request):
        data = self.valid(MeetingCreateSerializer)
        team = get_object_or_404(gate.visible_teams(self.request.user), pk=data["veiligheidsteam"])
        with _forbidden_as_403():
            meeting = services.meeting_create(
                by=self.professional(),
                team=team,
                starts_at=data["begint"],
                duration_minutes=data["duurMinuten"],
            )
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class MeetingDetailView(ApiView):
    @extend_schema(
        operation_id="casusoverleggen_read",
        summary=_("Eén casusoverleg"),
        responses={200: MeetingSerializer, **problems(401, 404)},
    )
    def get(self, request, casusoverleg):
        meeting = selectors.access_meeting(request, casusoverleg)
        return Response(MeetingSerializer(meeting).data)


class AgendaItemListView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"question": "vraag", "tags": "expertise", "household": "gezin"}

    @extend_schema(
        operation_id="agendapunten_list",
        summary=_("De agenda van een casusoverleg"),
        responses={200: AgendaItemSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, casusoverleg):
        meeting = selectors.access_meeting(request, casusoverleg, agenda=True)
        items = meeting.items.select_related("household").order_by("position")
        return self.paged(items, AgendaItemSerializer)

    @extend_schema(
        operation_id="agendapunten_create",
        summary=_("Een gezin op de agenda zetten"),
        description=_(
            "U moet het dossier mogen wijzigen. Het team ziet de huidige versie van de kaart."
        ),
        request=AgendaItemCreateSerializer,
        responses={201: AgendaItemSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, casusoverleg):
        meeting = selectors.access_meeting(request, casusoverleg)
        data = self.valid(AgendaItemCreateSerializer)
        household = self.write(data["gezin"], "case_meeting.item.add")
        item = services.agenda_item_add(
            by=self.professional(),
            meeting=meeting,
            household=household,
            question=data["vraag"],
            tags=data["expertise"],
        )
        return Response(AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)


class ActionListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="acties_list",
        summary=_("Uw takenlijst: acties waarvan u eigenaar bent"),
        responses={200: ActionSerializer(many=True), **problems(401, 403)},
    )
    def get(self, request):
        professional = gate.require_professional(request)  # a family account has no tasks
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.task_list(professional), request, view=self)
        audit.record_list(
            request, action="case_meeting.action.list", object_type="action", rows=page
        )
        return paginator.get_paginated_response(ActionSerializer(page, many=True).data)


class ActionDetailView(ApiView):
    def _action(self, actie, action: str = "case_meeting.action.read") -> Action:
        return gate.access_action(self.request, actie, action=action).obj

    @extend_schema(
        operation_id="acties_read",
        summary=_("Eén actie"),
        responses={200: ActionSerializer, **problems(401, 404)},
    )
    def get(self, request, actie):
        return Response(ActionSerializer(self._action(actie)).data)

    @extend_schema(
        operation_id="acties_update",
        summary=_("Een actie afsluiten (afgerond of vervallen)"),
        request=ActionUpdateSerializer,
        responses={200: ActionSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def patch(self, request, actie):
        action = self._action(actie, "case_meeting.action.close")
        data = self.valid(ActionUpdateSerializer)
        state = {"afgerond": ActionState.DONE, "vervallen": ActionState.CANCELLED}[data["status"]]
        with _forbidden_as_403():
            action = services.action_close(by=self.professional(), action=action, state=state)
        return Response(ActionSerializer(action).data)


class MatchingView(ApiView):
    pagination_class = PagePagination
    domain_fields = {"professional": "professional", "reason": "reden"}

    @extend_schema(
        operation_id="matching_list",
        summary=_("De best passende jeugdprofessionals voor een agendapunt"),
        description=_(
            "Met per kandidaat de punten en hun redenen. Wie vol zit, staat onderaan met "
            "vol: true. De score beslist niet; het team kiest."
        ),
        parameters=[OpenApiParameter("agendapunt", str, required=True)],
        responses={200: CandidateSerializer(many=True), **problems(400, 401, 404)},
    )
    def get(self, request):
        item = selectors.access_item(
            request, request.query_params.get("agendapunt", ""), action="case_meeting.matching.read"
        )
        return self.paged(matching.candidates(item.household, item.tags), CandidateSerializer)

    @extend_schema(
        operation_id="matching_assign",
        summary=_("De gekozen professional regisseur maken"),
        request=AssignSerializer,
        responses={200: AssignResultSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request):
        data = self.valid(AssignSerializer)
        item = selectors.access_item(
            request, data["agendapunt"], action="case_meeting.matching.assign"
        )
        to = get_object_or_404(Professional, pk=data["professional"])
        with _forbidden_as_403():
            involvement = services.matching_assign(
                by=self.professional(), item=item, to=to, reason=data["reden"]
            )
        return Response(
            {"gezin": str(item.household_id), "regisseur": str(involvement.professional_id)}
        )


class AgendaItemOutcomeView(ApiView):
    domain_fields = {"advice": "advies", "decision": "besluit", "agreed_by": "akkoord"}

    @extend_schema(
        operation_id="agendapunten_uitkomst",
        summary=_("De uitkomst van een besproken casus vastleggen"),
        description=_(
            "Het advies van het team en, als er een besluit is, wie ermee akkoord ging. Alleen "
            "deelnemers, en niet voor het overleg begon."
        ),
        request=OutcomeSerializer,
        responses={200: AgendaItemOutcomeSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, casusoverleg, agendapunt):
        item = selectors.access_item(request, agendapunt, action="case_meeting.outcome.record")
        if item.meeting_id != casusoverleg:
            raise exceptions.NotFound(_("Deze bron bestaat niet of u heeft er geen toegang toe."))
        data = self.valid(OutcomeSerializer)
        agreed = list(Professional.objects.filter(pk__in=data["akkoord"]))
        if len(agreed) != len(set(data["akkoord"])):
            raise DomainError(_("Alleen deelnemers kunnen akkoord geven."), field="agreed_by")
        with _forbidden_as_403():
            item = services.outcome_record(
                by=self.professional(),
                item=item,
                advice=data["advies"],
                decision=data["besluit"],
                agreed_by=agreed,
            )
        item = (
            AgendaItem.objects.select_related("household")
            .prefetch_related("decisions__agreed_by")
            .get(pk=item.pk)
        )
        return Response(AgendaItemOutcomeSerializer(item).data)


# -- de toets van de Raad ----------------------------------------------------------------------


class BoardCheckListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="toetsen_list",
        summary=_("De toetspakketten van een gezin, nieuwste eerst"),
        responses={200: BoardCheckSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, gezin):
        household = self.read(gezin, "board_check.read")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            BoardCheck.objects.filter(household=household).order_by("-created_at", "pk"),
            request,
            view=self,
        )
        return paginator.get_paginated_response(BoardCheckSerializer(page, many=True).data)

    @extend_schema(
        operation_id="toetsen_create",
        summary=_("Een toetspakket voor de Raad maken"),
        description=_(
            "Bevroren zoals het nu is: de kaart, het dossier met de maatregelen en wat het "
            "veiligheidsteam adviseerde en besloot. U moet het dossier mogen wijzigen."
        ),
        request=None,
        responses={201: BoardCheckDetailSerializer, **problems(401, 403, 404)},
    )
    def post(self, request, gezin):
        household = self.write(gezin, "board_check.create")
        check = services.board_check_create(by=self.professional(), household=household)
        location = reverse("api:board-check", kwargs={"gezin": household.pk, "toets": check.pk})
        return Response(
            BoardCheckDetailSerializer(check).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


def _board_check(view: ApiView, gezin, toets, action: str) -> BoardCheck:
    household = view.read(gezin, action)
    check = BoardCheck.objects.filter(pk=toets, household=household).first()
    if check is None:
        raise exceptions.NotFound(_("Deze bron bestaat niet of u heeft er geen toegang toe."))
    return check


class BoardCheckDetailView(ApiView):
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="toetsen_read",
        summary=_("Eén toetspakket, met het pakket zelf"),
        description=_(
            "Het pakket als JSON; met `Accept: application/pdf` als PDF. Elke download komt "
            "in de toegangslog."
        ),
        responses={
            (200, "application/json"): BoardCheckDetailSerializer,
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("Het toetspakket als PDF.")
            ),
            **problems(401, 404),
        },
    )
    def get(self, request, gezin, toets):
        if request.accepted_renderer.media_type == PdfRenderer.media_type:
            check = _board_check(self, gezin, toets, "board_check.export.pdf")
            response = HttpResponse(
                exports.board_check_pdf(check.household, check.package),
                content_type="application/pdf",
            )
            response["Content-Disposition"] = 'attachment; filename="toets.pdf"'
            return response
        check = _board_check(self, gezin, toets, "board_check.export.json")
        return Response(BoardCheckDetailSerializer(check).data)


class BoardCheckOutcomeView(ApiView):
    domain_fields = {"outcome": "uitkomst"}

    @extend_schema(
        operation_id="toetsen_uitkomst",
        summary=_("Vastleggen of de toets volstond (alleen de Raad)"),
        description=_("Eén keer per pakket; daarna 409."),
        request=BoardCheckOutcomeSerializer,
        responses={200: BoardCheckSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, gezin, toets):
        check = _board_check(self, gezin, toets, "board_check.outcome.record")
        data = self.valid(BoardCheckOutcomeSerializer)
        outcome = {value: key for key, value in OUTCOMES.items()}[data["uitkomst"]]
        with _forbidden_as_403():
            check = services.board_check_outcome_record(
                by=self.professional(), check=check, outcome=outcome
            )
        return Response(BoardCheckSerializer(check).data)
