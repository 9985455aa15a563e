"""The emergency-access API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.access import api

urlpatterns = [
    path("gezinnen/<uuid:gezin>/noodtoegang", api.EmergencyOpenView.as_view(), name="emergency"),
    path("noodtoegang", api.EmergencyQueueView.as_view(), name="emergency-queue"),
    path(
        "noodtoegang/<uuid:noodtoegang>/beoordeling",
        api.EmergencyReviewView.as_view(),
        name="emergency-review",
    ),
]
