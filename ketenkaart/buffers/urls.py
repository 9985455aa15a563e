"""Pages under the household: UUIDs and positions only in the URL, never a name."""

from django.urls import path

from ketenkaart.buffers import views

app_name = "buffers"
BASE = "gezinnen/<uuid:household_id>"
urlpatterns = [
    path(f"{BASE}/buffers", views.buffers_page, name="buffers"),
    path(f"{BASE}/buffers/nieuw", views.observation_add, name="observation_add"),
    path(f"{BASE}/goede-momenten", views.moments_page, name="moments"),
    path(f"{BASE}/goede-momenten/nieuw", views.moment_add, name="moment_add"),
    path(f"{BASE}/netwerk", views.network_page, name="network"),
    path(f"{BASE}/netwerk/<int:index>/weghalen", views.network_remove, name="network_remove"),
]
