"""/api/v1/vragenlijsten: the questionnaires one may read, with their anonymous results
(tallies per closed question; open answers only from the threshold of responses on)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers

from ketenkaart.access import monitor as access
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.questionnaires import selectors


class QuestionResultSerializer(serializers.Serializer):
    vraag = serializers.CharField(source="question.text")
    soort = serializers.CharField(source="question.kind")
    aantallen = serializers.DictField(
        source="counts", child=serializers.IntegerField(), allow_null=True
    )
    antwoorden = serializers.ListField(
        source="answers", child=serializers.CharField(), allow_null=True
    )


class QuestionnaireResultSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="questionnaire.id")
    titel = serializers.CharField(source="questionnaire.title")
    voorWie = serializers.CharField(source="questionnaire.audience")
    stand = serializers.CharField(source="questionnaire.status")
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
