"""Guide and consult API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.community import api

urlpatterns = [
    path("wijken/<uuid:wijk>/gids", api.GuideView.as_view(), name="guide"),
    path("consulten", api.ConsultListView.as_view(), name="consults"),
    path("consulten/<uuid:consult>", api.ConsultDetailView.as_view(), name="consult"),
]
