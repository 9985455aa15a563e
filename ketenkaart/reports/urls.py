"""Dutch paths with UUIDs only: never a name or a BSN in a URL."""

from django.urls import path

from ketenkaart.reports import views, views_decisions

app_name = "reports"
urlpatterns = [
    path("meldingen", views.index, name="index"),
    path("meldingen/nieuw", views.create, name="report_new"),
    path("meldingen/<uuid:report_id>", views.detail, name="detail"),
    path("meldingen/<uuid:report_id>/overdracht.txt", views.export, name="export"),
    path("meldingen/<uuid:report_id>/veiligheidsbeoordeling", views.assess, name="assess"),
    path(
        "meldingen/<uuid:report_id>/terugkoppeling/<uuid:feedback_id>",
        views.feedback,
        name="feedback",
    ),
    path(
        "meldingen/<uuid:report_id>/onderzoek",
        views.investigation_complete,
        name="investigation",
    ),
    path("meldingen/<uuid:report_id>/huisbezoek", views.visit_plan, name="visit_plan"),
    path("meldingen/<uuid:report_id>/anonimiteit", views.anonymity, name="anonymity"),
    path(
        "meldingen/<uuid:report_id>/anonimiteit/intrekken",
        views_decisions.anonymity_withdraw,
        name="anonymity_withdraw",
    ),
    path("meldingen/<uuid:report_id>/acuut", views_decisions.mark_acute, name="mark_acute"),
    path("meldingen/<uuid:report_id>/gezin", views.household_create, name="household_create"),
    path("huisbezoeken/<uuid:visit_id>/verslag", views.visit_record, name="visit_record"),
    path("adviezen/nieuw", views.advice_create, name="advice_create"),
    path("adviezen/<uuid:advice_id>", views.advice_detail, name="advice"),
    path("adviezen/<uuid:advice_id>/omzetting", views.advice_convert, name="advice_convert"),
    path("meldcode", views.trails, name="trails"),
    path("meldcode/nieuw", views.trail_create, name="trail_create"),
    path("meldcode/<uuid:trail_id>", views.trail_detail, name="trail"),
    path("meldcode/<uuid:trail_id>/opnieuw", views.trail_restart, name="trail_restart"),
    path("meldcode/<uuid:trail_id>/stoppen", views_decisions.trail_stop, name="trail_stop"),
]
