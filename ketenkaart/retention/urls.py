from django.urls import path

from ketenkaart.retention import views

app_name = "retention"
urlpatterns = [
    path("vernietiging", views.due_list, name="due"),
    path("vernietiging/<uuid:household_id>/bevestiging", views.confirm, name="confirm"),
    path("gezinnen/<uuid:household_id>/bewaartermijn", views.household_view, name="household"),
    path(
        "gezinnen/<uuid:household_id>/bewaartermijn/blokkades",
        views.hold_place,
        name="hold_place",
    ),
    path(
        "gezinnen/<uuid:household_id>/bewaartermijn/blokkades/<uuid:hold_id>/opheffen",
        views.hold_lift,
        name="hold_lift",
    ),
]
