"""The veiligheidsteam's pages: Dutch paths with UUIDs only."""

from django.urls import path

from ketenkaart.safety_teams import views

app_name = "safety_teams"
urlpatterns = [
    path("veiligheidsteams", views.teams, name="teams"),
    path(
        "veiligheidsteams/<uuid:team_id>/casusoverleggen/nieuw",
        views.meeting_add,
        name="meeting_add",
    ),
    path("veiligheidsteams/<uuid:team_id>/leden", views.roster, name="roster"),
    path(
        "veiligheidsteams/<uuid:team_id>/organisaties",
        views.roster_organisation_add,
        name="roster_organisation_add",
    ),
    path("veiligheidsteams/<uuid:team_id>/verwijderen", views.roster_remove, name="roster_remove"),
    path("casusoverleggen/<uuid:meeting_id>", views.meeting, name="meeting"),
    path("casusoverleggen/<uuid:meeting_id>/agendapunten/nieuw", views.item_add, name="item_add"),
    path("agendapunten/<uuid:item_id>/uitkomst", views.outcome, name="outcome"),
    path("agendapunten/<uuid:item_id>/acties/nieuw", views.action_add, name="action_add"),
    path("agendapunten/<uuid:item_id>/matching", views.matching_page, name="matching"),
    path("taken", views.tasks, name="tasks"),
    path("acties/<uuid:action_id>/afsluiten", views.action_close, name="action_close"),
    path("berichten", views.inbox, name="inbox"),
    path(
        "berichten/<uuid:notification_id>/gelezen",
        views.notification_read,
        name="notification_read",
    ),
    path("gezinnen/<uuid:household_id>/ook-betrokken", views.also_involved, name="also_involved"),
    path("gezinnen/<uuid:household_id>/toets", views.board_check, name="board_check"),
    path(
        "gezinnen/<uuid:household_id>/toets/<uuid:check_id>.<str:fmt>",
        views.board_check_download,
        name="board_check_download",
    ),
    path(
        "gezinnen/<uuid:household_id>/toets/<uuid:check_id>/uitkomst",
        views.board_check_outcome,
        name="board_check_outcome",
    ),
]
