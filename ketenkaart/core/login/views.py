"""The login pages: password, then the second factor (or setting it up the first time)."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from ketenkaart.core.forms import LoginForm
from ketenkaart.core.login import audit
from ketenkaart.core.login import second_factor as factor
from ketenkaart.core.login.forms import CodeForm
from ketenkaart.core.login.middleware import needs_second_factor


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "oidc_enabled": settings.OIDC_ENABLED,
            "two_factor_required": settings.TWO_FACTOR_REQUIRED,
        }

    def get_success_url(self):
        if needs_second_factor(self.request):
            return _second_factor_url(self.get_redirect_url())
        return super().get_success_url()


def _second_factor_url(next_url: str) -> str:
    url = reverse("second_factor")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _next(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
@sensitive_post_parameters("code")
@csrf_protect
def second_factor(request):
    """The code from the app, or one recovery code (which is then used up)."""
    if not request.user.is_authenticated:
        return redirect("login")
    if not needs_second_factor(request):
        return redirect(_next(request))
    if not user_has_device(request.user, confirmed=True):
        return redirect("second_factor_setup")
    form = CodeForm(
        request.POST or None,
        check=lambda code: match_token(request.user, code),
        help_text=_(
            "De zes cijfers die uw authenticator-app nu toont, of een van uw herstelcodes."
        ),
    )
    if request.method == "POST":
        if form.is_valid():
            otp_login(request, form.device)
            action = (
                audit.RECOVERY_CODE_USED
                if isinstance(form.device, StaticDevice)
                else audit.SECOND_FACTOR_VERIFIED
            )
            audit.second_factor_recorded(
                user=request.user, request=request, action=action, succeeded=True
            )
            return redirect(_next(request))
        audit.second_factor_recorded(
            user=request.user, request=request, action=audit.SECOND_FACTOR_FAILED, succeeded=False
        )
    return render(
        request, "registration/second_factor.html", {"form": form, "next": _next(request)}
    )


@never_cache
@sensitive_post_parameters("code")
@csrf_protect
def second_factor_setup(request):
    """Scan the QR code, confirm with one code, get recovery codes: on the first login
    without an app, or to replace the app after password and code (second_factor_replace).
    The key waits in the session, so a GET or a wrong code stores no device."""
    if not request.user.is_authenticated:
        return redirect("login")
    replacing = factor.may_replace(request)
    if user_has_device(request.user, confirmed=True) and not replacing:
        return redirect(_second_factor_url(_next(request)))
    device = factor.pending_device(request)
    form = CodeForm(
        request.POST or None,
        check=lambda code: device if factor.code_fits(device, code) else None,
        help_text=_("De zes cijfers die uw authenticator-app toont nadat u de QR-code scande."),
    )
    if request.method == "POST":
        if form.is_valid():
            codes = factor.enrol(request=request, device=device)
            otp_login(request, device)
            return render(
                request,
                "registration/recovery_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        audit.second_factor_recorded(
            user=request.user, request=request, action=audit.SECOND_FACTOR_FAILED, succeeded=False
        )
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "registration/second_factor_setup.html",
        {
            "form": form,
            "next": _next(request),
            "replacing": replacing,
            "qr_svg": qr.svg_inline(scale=4, title=_("QR-code voor uw authenticator-app")),
            "secret": _grouped(device.key),
        },
    )


def _grouped(hex_key: str) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    raw = b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
