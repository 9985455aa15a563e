"""The monitor's and the questionnaires' API routes, included into /api/v1/."""

from django.urls import path

from ketenkaart.monitor import api
from ketenkaart.questionnaires import api as questionnaires

urlpatterns = [
    path("monitor/indicatoren", api.IndicatorListView.as_view(), name="monitor-indicators"),
    path(
        "monitor/indicatoren/<slug:code>",
        api.IndicatorDetailView.as_view(),
        name="monitor-indicator",
    ),
    path("vragenlijsten", questionnaires.QuestionnaireListView.as_view(), name="questionnaires"),
    path(
        "vragenlijsten/<uuid:vragenlijst>",
        questionnaires.QuestionnaireDetailView.as_view(),
        name="questionnaire",
    ),
    path(
        "vragenlijsten/<uuid:vragenlijst>/sluiten",
        questionnaires.QuestionnaireCloseView.as_view(),
        name="questionnaire-close",
    ),
]
