"""The test provider's pages: its OAuth2/OIDC endpoints and a bare login form."""

from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "preferred_username": "profile",
        "bsn": "openid",
    }

    def get_additional_claims(self, request):
        # A user's synthetic BSN, when the test gave one, rides in last_name (see serve.py).
        bsn = {"bsn": request.user.last_name} if request.user.last_name else {}
        return {"preferred_username": request.user.username, **bsn}


@csrf_exempt  # a throw-away provider on loopback, driven by the test alone
def login_page(request):
    next_url = request.GET.get("next", "/")
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST["username"], password=request.POST["password"]
        )
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(next_url)
    return HttpResponse(f'<form method="post" action="?next={escape(next_url)}"></form>')


urlpatterns = [
    path("login", login_page),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
