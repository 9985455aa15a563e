"""The veiligheidsteam's API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.safety_teams import api

urlpatterns = [
    path("veiligheidsteams", api.TeamListView.as_view(), name="safety-teams"),
    path("casusoverleggen", api.MeetingListView.as_view(), name="case-meetings"),
    path(
        "casusoverleggen/<uuid:casusoverleg>",
        api.MeetingDetailView.as_view(),
        name="case-meeting",
    ),
    path(
        "casusoverleggen/<uuid:casusoverleg>/agendapunten",
        api.AgendaItemListView.as_view(),
        name="agenda-items",
    ),
    path("acties", api.ActionListView.as_view(), name="actions"),
    path("acties/<uuid:actie>", api.ActionDetailView.as_view(), name="action"),
    path("matching", api.MatchingView.as_view(), name="matching"),
]
