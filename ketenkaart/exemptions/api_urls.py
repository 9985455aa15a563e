"""The ventieltafel's API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.exemptions import api, api_invitations

BASE = "ventielaanvragen/<uuid:aanvraag>"
urlpatterns = [
    path("ventielaanvragen", api.RequestListView.as_view(), name="exemption-requests"),
    path(BASE, api.RequestDetailView.as_view(), name="exemption-request"),
    path(f"{BASE}/kosten-baten", api.AnalysisView.as_view(), name="exemption-cost-benefit"),
    path(f"{BASE}/besluit", api.DecisionView.as_view(), name="exemption-decision"),
    path(
        f"{BASE}/uitnodigingen",
        api_invitations.InvitationListView.as_view(),
        name="exemption-invitations",
    ),
    path("referentiekosten", api.ReferenceCostListView.as_view(), name="reference-costs"),
    path("beleidssignalen", api.SignalListView.as_view(), name="policy-signals"),
    path("beleidssignalen/<uuid:signaal>", api.SignalDetailView.as_view(), name="policy-signal"),
    path(
        "beleidssignalen/<uuid:signaal>/reactie",
        api.SignalResponseView.as_view(),
        name="policy-signal-response",
    ),
]
