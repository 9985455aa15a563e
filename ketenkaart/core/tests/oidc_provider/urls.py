"""The test provider's pages: its OAuth2/OIDC endpoints and a bare login form."""

from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "preferred_username": "profile"}

    def get_additional_claims(self, request):
        return {"preferred_username": request.user.username}


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
