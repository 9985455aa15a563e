"""/api/v1/vragenlijsten: the questionnaires one may read, with their anonymous results
(tallies per closed question; open answers only from the threshold of responses on); one
of them read, changed (PATCH, while nobody answered) and closed."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from ketenkaart.access import monitor as access
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.serializers import MappedChoiceField, Messages
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.organisations.models import Organisation
from ketenkaart.questionnaires import selectors, services
from ketenkaart.questionnaires.models import Audience, QuestionKind, Questionnaire, Status

# Dutch values at the API edge; stored values stay as they are.
AUDIENCES = {Audience.PROFESSIONALS: "professionals", Audience.PARENTS: "ouders"}
STATUSES = {Status.DRAFT: "concept", Status.OPEN: "verstuurd", Status.CLOSED: "gesloten"}
KINDS = {QuestionKind.CLOSED: "gesloten", QuestionKind.OPEN: "open"}
DATE_ERRORS: Messages = {"invalid": gettext_lazy("Gebruik een datum als JJJJ-MM-DD.")}


class QuestionResultSerializer(serializers.Serializer):
    vraag = StrictCharField(source="question.text")
    soort = MappedChoiceField(KINDS, source="question.kind")
    aantallen = serializers.DictField(
        source="counts", child=serializers.IntegerField(), allow_null=True
    )
    antwoorden = serializers.ListField(source="answers", child=StrictCharField(), allow_null=True)


class QuestionnaireResultSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="questionnaire.id")
    titel = StrictCharField(source="questionnaire.title")
    voorWie = MappedChoiceField(AUDIENCES, source="questionnaire.audience")
    stand = MappedChoiceField(STATUSES, source="questionnaire.status")
    sluitOp = serializers.DateField(source="questionnaire.closes_on")
    aantalAntwoorden = serializers.IntegerField(source="responses")
    aantalUitgenodigd = serializers.IntegerField(source="invited")
    onderdrukt = serializers.BooleanField(source="suppressed")
    vragen = QuestionResultSerializer(source="questions", many=True)


class QuestionnaireListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="vragenlijsten_list",
        summary=_("Vragenlijsten met hun anonieme uitkomsten"),
        description=_(
            "Beleid leest de vragenlijsten van de eigen regio, een team die het zelf maakte. "
            "Onder de drempel van antwoorden (standaard 10) zijn de uitkomsten onderdrukt."
        ),
        responses={200: QuestionnaireResultSerializer(many=True), **problems(400, 401, 403)},
    )
    def get(self, request):
        professional = self.professional()
        if not access.may_build_questionnaires(professional):
            raise exceptions.PermissionDenied(_("U mag geen vragenlijsten inzien."))
        audit.record(
            user=request.user,
            action="questionnaire.list",
            object_type="questionnaire",
            request=request,
        )
        results = selectors.results(access.visible_questionnaires(request.user))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(results, request, view=self)
        return paginator.get_paginated_response(QuestionnaireResultSerializer(page, many=True).data)


class QuestionnaireUpdateSerializer(serializers.Serializer):
    titel = StrictCharField(max_length=200, required=False)
    voorWie = MappedChoiceField(AUDIENCES, required=False)
    organisaties = serializers.ListField(
        child=serializers.UUIDField(), required=False, allow_empty=False
    )
    geslotenVragen = serializers.ListField(
        child=StrictCharField(max_length=300), required=False, allow_empty=False
    )
    openVraag = StrictCharField(max_length=300, required=False)
    sluitOp = serializers.DateField(required=False, error_messages=DATE_ERRORS)


def _result(questionnaire: Questionnaire):
    return selectors.results(Questionnaire.objects.filter(pk=questionnaire.pk))[0]


class QuestionnaireDetailView(ApiView):
    domain_fields = {
        "title": "titel",
        "audience": "voorWie",
        "organisations": "organisaties",
        "closed_questions": "geslotenVragen",
        "open_question": "openVraag",
        "closes_on": "sluitOp",
    }

    @extend_schema(
        operation_id="vragenlijsten_read",
        summary=_("Eén vragenlijst: stand, aantallen en anonieme uitkomsten"),
        responses={200: QuestionnaireResultSerializer, **problems(401, 404)},
    )
    def get(self, request, vragenlijst):
        questionnaire = access.access_questionnaire(request, vragenlijst)
        return Response(QuestionnaireResultSerializer(_result(questionnaire)).data)

    @extend_schema(
        operation_id="vragenlijsten_update",
        summary=_("Een vragenlijst wijzigen (titel, vragen, voor wie), zolang niemand antwoordde"),
        description=_(
            "Wat u niet meestuurt, blijft. Na het eerste antwoord weigert de dienst elke "
            "wijziging (409)."
        ),
        request=QuestionnaireUpdateSerializer,
        responses={200: QuestionnaireResultSerializer, **problems(400, 401, 403, 404, 409)},
    )
    def patch(self, request, vragenlijst):
        questionnaire = access.access_questionnaire(
            request, vragenlijst, action="questionnaire.edit"
        )
        data = self.valid(QuestionnaireUpdateSerializer)
        organisations = None
        if "organisaties" in data:
            wanted = set(data["organisaties"])
            organisations = list(Organisation.objects.filter(pk__in=wanted))
            if len(organisations) != len(wanted):
                raise DomainError(_("Kies organisaties uit uw eigen regio."), field="organisations")
        questionnaire = services.questionnaire_update(
            by=self.professional(),
            questionnaire=questionnaire,
            title=data.get("titel"),
            audience=data.get("voorWie"),
            organisations=organisations,
            closed_questions=data.get("geslotenVragen"),
            open_question=data.get("openVraag"),
            closes_on=data.get("sluitOp"),
        )
        return Response(QuestionnaireResultSerializer(_result(questionnaire)).data)


class QuestionnaireCloseView(ApiView):
    @extend_schema(
        operation_id="vragenlijsten_close",
        summary=_("Een vragenlijst sluiten: geen antwoorden en herinneringen meer"),
        request=None,
        responses={200: QuestionnaireResultSerializer, **problems(401, 403, 404, 409)},
    )
    def post(self, request, vragenlijst):
        questionnaire = access.access_questionnaire(
            request, vragenlijst, action="questionnaire.close"
        )
        questionnaire = services.questionnaire_close(
            by=self.professional(), questionnaire=questionnaire
        )
        return Response(QuestionnaireResultSerializer(_result(questionnaire)).data)
