"""Dutch paths with UUIDs only: never a name or a BSN in a URL."""

from django.urls import path

from ketenkaart.households import handover_views, views

app_name = "households"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("gezinnen/nieuw", views.create, name="create"),
    path("gezinnen/<uuid:household_id>", views.detail, name="detail"),
    path("gezinnen/<uuid:household_id>/leden/nieuw", views.member_add, name="member_add"),
    path(
        "gezinnen/<uuid:household_id>/betrokkenen/nieuw",
        views.involvement_add,
        name="involvement_add",
    ),
    path(
        "gezinnen/<uuid:household_id>/betrokkenen/<uuid:involvement_id>/beeindigen",
        views.involvement_end,
        name="involvement_end",
    ),
    path("gezinnen/<uuid:household_id>/regie", handover_views.hand_over, name="hand_over"),
    path("regie-overdrachten/<uuid:offer_id>", handover_views.offer, name="offer"),
    path("gezinnen/<uuid:household_id>/maatregelen/nieuw", views.measure_add, name="measure_add"),
    path(
        "gezinnen/<uuid:household_id>/maatregelen/<uuid:measure_id>/verlengen",
        views.measure_extend,
        name="measure_extend",
    ),
    path(
        "gezinnen/<uuid:household_id>/maatregelen/<uuid:measure_id>/beeindigen",
        views.measure_end,
        name="measure_end",
    ),
    path(
        "gezinnen/<uuid:household_id>/maatregelen/<uuid:measure_id>/tenuitvoerlegging",
        views.measure_use,
        name="measure_use",
    ),
    path("gezinnen/<uuid:household_id>/toegangslog", views.access_log, name="access_log"),
]
