"""The retention API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.retention import api

urlpatterns = [
    path("vernietiging", api.DueView.as_view(), name="retention-due"),
    path(
        "vernietiging/<uuid:gezin>/bevestiging",
        api.ConfirmView.as_view(),
        name="retention-confirm",
    ),
]
