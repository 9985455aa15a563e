from django.urls import path

from ketenkaart.portal import digid, views

app_name = "portal"
urlpatterns = [
    path("mijn-gezin", views.home, name="home"),
    path("mijn-gezin/uitnodiging", views.redeem, name="redeem"),
    path("mijn-gezin/digid/", digid.FamilyAuthenticationRequestView.as_view(), name="digid"),
    path(
        "mijn-gezin/digid/terug/",
        digid.FamilyAuthenticationCallbackView.as_view(),
        name="digid_callback",
    ),
    path("mijn-gezin/woorden", views.words, name="words"),
    path("mijn-gezin/score", views.scale, name="scale"),
    path("mijn-gezin/goed-moment", views.moment, name="moment"),
    path("mijn-gezin/besproken", views.discussed, name="discussed"),
    path("mijn-gezin/reactie", views.reaction, name="reaction"),
    path("mijn-gezin/wie-keek", views.access_log, name="access_log"),
    path("mijn-gezin/verzoeken", views.rights_requests, name="requests"),
    path("mijn-gezin/download.<str:fmt>", views.download, name="download"),
    path(
        "mijn-gezin/toestemmingen/<uuid:consent_id>/intrekken",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("gezinnen/<uuid:household_id>/gezinsportaal", views.invitations, name="invitations"),
    path(
        "gezinnen/<uuid:household_id>/gezinsportaal/verzoeken/<uuid:rights_request_id>/antwoord",
        views.request_answer,
        name="request_answer",
    ),
]
