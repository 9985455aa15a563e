from django.urls import path

from ketenkaart.access import views

app_name = "access"
urlpatterns = [
    path(
        "gezinnen/<uuid:household_id>/noodtoegang",
        views.emergency_request,
        name="emergency_request",
    ),
    path("noodtoegang", views.review_queue, name="review_queue"),
    path("noodtoegang/<uuid:access_id>/beoordeling", views.review, name="review"),
]
