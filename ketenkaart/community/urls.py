"""Guide and consult pages: UUIDs only in the URL."""

from django.urls import path

from ketenkaart.community import views, views_learning, views_offers

app_name = "community"
urlpatterns = [
    path("wijken", views.districts, name="districts"),
    path("wijken/<uuid:district_id>/gids", views.guide, name="guide"),
    path("wijken/<uuid:district_id>/gids/nieuw", views.entry_add, name="entry_add"),
    path(
        "wijken/<uuid:district_id>/gids/<uuid:entry_id>/wijzigen",
        views.entry_edit,
        name="entry_edit",
    ),
    path("agendapunten/<uuid:item_id>/hulpaanbod", views_offers.item_offers, name="item_offers"),
    path(
        "gezinnen/<uuid:household_id>/hulpaanbod",
        views_offers.household_offers,
        name="household_offers",
    ),
    path(
        "gezinnen/<uuid:household_id>/hulpaanbod/<uuid:offer_id>",
        views_offers.offer_answer,
        name="offer_answer",
    ),
    path("leerwerkgemeenschappen", views_learning.communities, name="learning_communities"),
    path(
        "leerwerkgemeenschappen/<uuid:community_id>",
        views_learning.community,
        name="learning_community",
    ),
    path(
        "leerwerkgemeenschappen/<uuid:community_id>/bijeenkomsten/nieuw",
        views_learning.session_add,
        name="learning_session_add",
    ),
    path("consulten", views.consults, name="consults"),
    path("consulten/<uuid:consult_id>", views.consult, name="consult"),
    path("consulten/<uuid:consult_id>/meldcode", views.convert, name="convert"),
    path("consulten/<uuid:consult_id>/signaal", views.signal_create, name="signal_create"),
    path("signalen/<uuid:signal_id>", views.signal, name="signal"),
]
