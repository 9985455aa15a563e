"""The households API's routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.households.api import endings, measure_use, offers, views

urlpatterns = [
    path("gezinnen", views.HouseholdListView.as_view(), name="households"),
    path("gezinnen/<uuid:gezin>", views.HouseholdDetailView.as_view(), name="household"),
    path("gezinnen/<uuid:gezin>/leden", views.MemberListView.as_view(), name="members"),
    path(
        "gezinnen/<uuid:gezin>/betrokkenen",
        views.InvolvementListView.as_view(),
        name="involvements",
    ),
    path(
        "gezinnen/<uuid:gezin>/betrokkenen/<uuid:betrokkenheid>/beeindiging",
        endings.InvolvementEndView.as_view(),
        name="involvement-end",
    ),
    path("gezinnen/<uuid:gezin>/regie", views.LeadView.as_view(), name="lead"),
    path(
        "gezinnen/<uuid:gezin>/regie/verzoeken",
        offers.OfferCreateView.as_view(),
        name="handover-offers",
    ),
    path("regie-verzoeken/<uuid:verzoek>", offers.OfferDetailView.as_view(), name="handover-offer"),
    path(
        "regie-verzoeken/<uuid:verzoek>/aanvaarding",
        offers.OfferAcceptView.as_view(),
        name="handover-offer-accept",
    ),
    path(
        "regie-verzoeken/<uuid:verzoek>/afwijzing",
        offers.OfferDeclineView.as_view(),
        name="handover-offer-decline",
    ),
    path(
        "regie-verzoeken/<uuid:verzoek>/intrekking",
        offers.OfferWithdrawView.as_view(),
        name="handover-offer-withdraw",
    ),
    path("gezinnen/<uuid:gezin>/maatregelen", views.MeasureListView.as_view(), name="measures"),
    path(
        "gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>",
        views.MeasureDetailView.as_view(),
        name="measure",
    ),
    path(
        "gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>/verlenging",
        views.MeasureExtensionView.as_view(),
        name="measure-extension",
    ),
    path(
        "gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>/beeindiging",
        views.MeasureEndView.as_view(),
        name="measure-end",
    ),
    path(
        "gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>/tenuitvoerlegging",
        measure_use.MeasureUseView.as_view(),
        name="measure-use",
    ),
    path("gezinnen/<uuid:gezin>/toegangslog", views.AccessLogView.as_view(), name="access-log"),
    path("personen/zoeken", views.PersonSearchView.as_view(), name="person-search"),
]
