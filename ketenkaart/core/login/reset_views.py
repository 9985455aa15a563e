"""Replacing one's own authenticator app, and the privacy officer's reset of another's
second factor. The rules live in `second_factor`; these pages ask and show."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from ketenkaart.access import gate
from ketenkaart.core.errors import DomainError
from ketenkaart.core.login import second_factor
from ketenkaart.core.login.forms import ReplaceForm, ResetForm


def _show_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@never_cache
@login_required
@sensitive_post_parameters("password", "code")
@require_http_methods(["GET", "POST"])
def second_factor_replace(request):
    """From the account menu: password and a current code, then the setup page."""
    form = ReplaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            second_factor.replace_check(
                user=request.user,
                password=form.cleaned_data["password"],
                code=form.cleaned_data["code"],
                request=request,
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            return redirect("second_factor_setup")
    return render(request, "registration/second_factor_replace.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_reset(request):
    """The privacy officer resets the second factor of a professional of their region."""
    gate.require_privacy_officer(request, "auth.second_factor.reset", object_type="user")
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            second_factor.second_factor_reset(
                by=request.user,
                username=form.cleaned_data["username"],
                identity_checked=form.cleaned_data["identity_checked"],
                request=request,
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "De tweede stap is hersteld. Bij het volgende inloggen stelt de gebruiker "
                    "een nieuwe authenticator-app in."
                ),
            )
            return redirect("second_factor_reset")
    return render(request, "registration/second_factor_reset.html", {"form": form})
