"""M3's API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.reports import api

urlpatterns = [
    path("meldingen", api.ReportListView.as_view(), name="reports"),
    path("meldingen/<uuid:melding>", api.ReportDetailView.as_view(), name="report"),
    path("meldingen/<uuid:melding>/gezin", api.ReportFamilyView.as_view(), name="report-family"),
    path(
        "meldingen/<uuid:melding>/veiligheidsbeoordeling",
        api.AssessmentView.as_view(),
        name="report-assessment",
    ),
    path(
        "meldingen/<uuid:melding>/anonimiteit",
        api.AnonymityView.as_view(),
        name="report-anonymity",
    ),
    path(
        "meldingen/<uuid:melding>/anonimiteit/intrekking",
        api.AnonymityWithdrawView.as_view(),
        name="report-anonymity-withdrawal",
    ),
    path("meldingen/<uuid:melding>/acuut", api.AcuteView.as_view(), name="report-acute"),
    path(
        "meldingen/<uuid:melding>/terugkoppelingen",
        api.FeedbackListView.as_view(),
        name="report-feedback-list",
    ),
    path(
        "meldingen/<uuid:melding>/terugkoppelingen/<uuid:terugkoppeling>",
        api.FeedbackGiveView.as_view(),
        name="report-feedback",
    ),
    path(
        "meldingen/<uuid:melding>/onderzoek",
        api.InvestigationView.as_view(),
        name="report-investigation",
    ),
    path("adviezen", api.AdviceListView.as_view(), name="advice-list"),
    path(
        "adviezen/<uuid:advies>/omzetting",
        api.AdviceConvertView.as_view(),
        name="advice-convert",
    ),
    path("adviezen/<uuid:advies>", api.AdviceDetailView.as_view(), name="advice"),
    path("meldcode-trajecten", api.TrailListView.as_view(), name="trails"),
    path("meldcode-trajecten/<uuid:traject>", api.TrailDetailView.as_view(), name="trail"),
    path(
        "meldcode-trajecten/<uuid:traject>/stappen",
        api.TrailStepsView.as_view(),
        name="trail-steps",
    ),
    path(
        "meldcode-trajecten/<uuid:traject>/stop",
        api.TrailStopView.as_view(),
        name="trail-stop",
    ),
    path(
        "meldcode-trajecten/<uuid:traject>/antwoorden",
        api.TrailAnswerView.as_view(),
        name="trail-answers",
    ),
    path("huisbezoeken", api.VisitListView.as_view(), name="visits"),
    path("huisbezoeken/<uuid:huisbezoek>", api.VisitDetailView.as_view(), name="visit"),
    path(
        "huisbezoeken/<uuid:huisbezoek>/verslag",
        api.VisitRecordView.as_view(),
        name="visit-record",
    ),
]
