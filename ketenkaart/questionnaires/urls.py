from django.urls import path

from ketenkaart.questionnaires import views

app_name = "questionnaires"
urlpatterns = [
    path("vragenlijsten", views.index, name="index"),
    path("vragenlijsten/nieuw", views.create, name="create"),
    path("vragenlijsten/<uuid:questionnaire_id>", views.detail, name="detail"),
    path("vragenlijsten/<uuid:questionnaire_id>/wijzigen", views.edit, name="edit"),
    path("vragenlijsten/<uuid:questionnaire_id>/sluiten", views.close, name="close"),
    path("vragenlijsten/<uuid:questionnaire_id>/versturen", views.send, name="send"),
    path("vragenlijsten/invullen/<uuid:token>", views.answer, name="answer"),
]
