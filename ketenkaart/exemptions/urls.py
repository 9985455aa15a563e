"""The ventieltafel's pages: UUIDs only in the URL, never a name or a BSN."""

from django.urls import path

from ketenkaart.exemptions import views

app_name = "exemptions"
BASE = "ventieltafel/aanvragen/<uuid:request_id>"
urlpatterns = [
    path("ventieltafel", views.index, name="index"),
    path("ventieltafel/aanvragen/nieuw", views.create, name="create"),
    path(BASE, views.detail, name="detail"),
    path(f"{BASE}/kosten-baten", views.calculator, name="calculator"),
    path(f"{BASE}/kosten-baten/voorbeeld", views.calculator_preview, name="preview"),
    path(f"{BASE}/uitnodigen", views.invite, name="invite"),
    path(f"{BASE}/besluit", views.decide, name="decide"),
    path("ventieltafel/besluiten", views.precedent_list, name="precedents"),
    path("ventieltafel/referentiekosten", views.catalogue, name="catalogue"),
    path("ventieltafel/referentiekosten/nieuw", views.catalogue_add, name="catalogue_add"),
    path("ventieltafel/beleidssignalen", views.signal_list, name="signals"),
    path("ventieltafel/beleidssignalen/<uuid:signal_id>", views.signal_detail, name="signal"),
]
