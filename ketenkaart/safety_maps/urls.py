"""The map's pages under the household: UUIDs and version numbers only in the URL."""

from django.urls import path

from ketenkaart.safety_maps import views

app_name = "safety_maps"
BASE = "gezinnen/<uuid:household_id>/veiligheidskaart"
urlpatterns = [
    path(BASE, views.detail, name="detail"),
    path(f"{BASE}/onderdelen/<slug:section>", views.section_edit, name="section"),
    path(f"{BASE}/afspraak-met-gezin", views.agree, name="agree"),
    path(f"{BASE}/versies", views.history, name="history"),
    path(f"{BASE}/versies/<int:number>", views.version_detail, name="version"),
    path(f"{BASE}/verschil", views.compare, name="compare"),
    path(f"{BASE}/schalen", views.scales, name="scales"),
    path(f"{BASE}/gezin.pdf", views.family_pdf, name="family_pdf"),
    path(f"{BASE}/overdracht.zip", views.handover_package, name="handover"),
]
