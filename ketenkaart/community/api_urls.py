"""Guide and consult API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.community import api, api_learning, api_offers

urlpatterns = [
    path("wijken/<uuid:wijk>/gids", api.GuideView.as_view(), name="guide"),
    path(
        "agendapunten/<uuid:agendapunt>/hulpaanbod",
        api_offers.ItemOffersView.as_view(),
        name="item-offers",
    ),
    path(
        "gezinnen/<uuid:gezin>/hulpaanbod",
        api_offers.HouseholdOffersView.as_view(),
        name="household-offers",
    ),
    path(
        "gezinnen/<uuid:gezin>/hulpaanbod/<uuid:aanbod>/antwoord",
        api_offers.OfferAnswerView.as_view(),
        name="offer-answer",
    ),
    path(
        "leerwerkgemeenschappen",
        api_learning.CommunityListView.as_view(),
        name="learning-communities",
    ),
    path(
        "leerwerkgemeenschappen/<uuid:leerwerkgemeenschap>",
        api_learning.CommunityDetailView.as_view(),
        name="learning-community",
    ),
    path(
        "leerwerkgemeenschappen/<uuid:leerwerkgemeenschap>/bijeenkomsten",
        api_learning.SessionCreateView.as_view(),
        name="learning-sessions",
    ),
    path("consulten", api.ConsultListView.as_view(), name="consults"),
    path("consulten/<uuid:consult>", api.ConsultDetailView.as_view(), name="consult"),
]
