"""The veiligheidsteam's API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import include, path

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
    path(
        "casusoverleggen/<uuid:casusoverleg>/agendapunten/<uuid:agendapunt>/uitkomst",
        api.AgendaItemOutcomeView.as_view(),
        name="agenda-item-outcome",
    ),
    path("acties", api.ActionListView.as_view(), name="actions"),
    path("acties/<uuid:actie>", api.ActionDetailView.as_view(), name="action"),
    path("matching", api.MatchingView.as_view(), name="matching"),
    path("gezinnen/<uuid:gezin>/toetsen", api.BoardCheckListView.as_view(), name="board-checks"),
    path(
        "gezinnen/<uuid:gezin>/toetsen/<uuid:toets>",
        api.BoardCheckDetailView.as_view(),
        name="board-check",
    ),
    path(
        "gezinnen/<uuid:gezin>/toetsen/<uuid:toets>/uitkomst",
        api.BoardCheckOutcomeView.as_view(),
        name="board-check-outcome",
    ),
    # The inbox has no routes of its own in /api/v1/: it comes in with the team that fills it.
    path("", include("ketenkaart.notifications.api_urls")),
]
