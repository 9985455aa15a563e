"""The inbox's API routes, included into /api/v1/ (through the veiligheidsteam's routes)."""

from django.urls import path

from ketenkaart.notifications import api

urlpatterns = [
    path("berichten", api.NotificationListView.as_view(), name="notifications"),
    path(
        "berichten/<uuid:bericht>/gelezen",
        api.NotificationReadView.as_view(),
        name="notification-read",
    ),
]
