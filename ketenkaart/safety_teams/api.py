"""/api/v1/ for the veiligheidsteam: veiligheidsteams, casusoverleggen with their agendapunten,
acties (the caller's task list) and matching. Thin: access, serializer, service, selector."""

import contextlib

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.views import ApiView
from ketenkaart.core.errors import DomainError
from ketenkaart.organisations.models import Expertise, Professional
from ketenkaart.safety_teams import matching, selectors, services
from ketenkaart.safety_teams.models import Action, ActionState

STATES = {
    ActionState.OPEN: "open",
    ActionState.DONE: "afgerond",
    ActionState.CANCELLED: "vervallen",
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
    naam = serializers.CharField(source="name")
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
    gezinsnaam = serializers.CharField(source="household.name")
    volgorde = serializers.IntegerField(source="position")
    vraag = serializers.CharField(source="question")
    expertise = serializers.ListField(child=serializers.CharField(), source="tags")
    kaartversie = serializers.IntegerField(
        source="map_version", help_text=gettext_lazy("De versie van de kaart die het team zag.")
    )
    status = serializers.CharField()
    advies = serializers.CharField(source="advice")


class AgendaItemCreateSerializer(serializers.Serializer):
    gezin = serializers.UUIDField()
    vraag = serializers.CharField(max_length=4000)
    expertise = serializers.ListField(
        child=serializers.ChoiceField(choices=Expertise.values), required=False, default=list
    )


class ActionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    gezin = serializers.UUIDField(source="household_id")
    agendapunt = serializers.UUIDField(source="item_id")
    omschrijving = serializers.CharField(source="description")
    eigenaar = serializers.UUIDField(source="owner_id")
    uiterlijk = serializers.DateField(source="due_on")
    status = serializers.SerializerMethodField()

    def get_status(self, action) -> str:
        return STATES[action.state]


class ActionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["afgerond", "vervallen"])


class ReasonSerializer(serializers.Serializer):
    punten = serializers.IntegerField(source="points")
    reden = serializers.CharField(source="text")


class CandidateSerializer(serializers.Serializer):
    professional = serializers.UUIDField(source="professional.pk")
    naam = serializers.CharField(source="professional.display_name")
    organisatie = serializers.CharField(source="professional.organisation.name")
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
    reden = serializers.CharField(max_length=4000)


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
        teams = selectors.teams_of(self.professional()).prefetch_related("slots").order_by("name")
        page = paginator.paginate_queryset(teams, request, view=self)
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
        team = get_object_or_404(
            selectors.teams_of(self.professional()), pk=data["veiligheidsteam"]
        )
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
    domain_fields = {"question": "vraag", "tags": "expertise", "household": "gezin"}

    @extend_schema(
        operation_id="agendapunten_list",
        summary=_("De agenda van een casusoverleg"),
        responses={200: AgendaItemSerializer(many=True), **problems(401, 404)},
    )
    def get(self, request, casusoverleg):
        meeting = selectors.access_meeting(request, casusoverleg)
        items = meeting.items.select_related("household").order_by("position")
        return Response(AgendaItemSerializer(items, many=True).data)

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
        responses={200: ActionSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.task_list(self.professional()), request, view=self
        )
        return paginator.get_paginated_response(ActionSerializer(page, many=True).data)


class ActionDetailView(ApiView):
    def _action(self, actie) -> Action:
        professional = self.professional()
        action = Action.objects.filter(pk=actie).select_related("team").first()
        if action is None or not (
            professional.pk in (action.owner_id, action.created_by_id)
            or action.team.members.filter(pk=professional.pk).exists()
        ):
            raise exceptions.NotFound(_("Deze bron bestaat niet of u heeft er geen toegang toe."))
        return action

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
        action = self._action(actie)
        data = self.valid(ActionUpdateSerializer)
        state = {"afgerond": ActionState.DONE, "vervallen": ActionState.CANCELLED}[data["status"]]
        with _forbidden_as_403():
            action = services.action_close(by=self.professional(), action=action, state=state)
        return Response(ActionSerializer(action).data)


class MatchingView(ApiView):
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
        return Response(
            CandidateSerializer(matching.candidates(item.household, item.tags), many=True).data
        )

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
