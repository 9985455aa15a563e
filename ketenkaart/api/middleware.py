"""What every /api/ response shares: the API-Version header, no caching of personal data, and
errors as problem+json even when Django (not DRF) answers them."""

from django.conf import settings
from django.utils.translation import gettext as _

from ketenkaart.api.parsers import max_body_bytes
from ketenkaart.api.problems import TITLES, problem_response

API_PREFIX = "/api/"
CURRENT_PREFIX = "/api/v1/"
PROBLEM_TYPES = ("application/problem+json", "application/json")


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith(API_PREFIX) and path != API_PREFIX.rstrip("/"):
            return self.get_response(request)
        if path.startswith(CURRENT_PREFIX) and _declared_length(request) > max_body_bytes():
            # Refused before the body is read: a client sees 413, not a parse error.
            response = problem_response(
                request,
                413,
                _("De invoer is groter dan %(n)s bytes.")
                % {"n": f"{max_body_bytes():,}".replace(",", ".")},
                code="too_large",
            )
        elif path.startswith(CURRENT_PREFIX):
            response = self.get_response(request)
        else:
            # /api, /api/ and unknown versions: answered here, before any slash is appended.
            response = problem_response(
                request, 404, _("Deze bron bestaat niet."), code="not_found"
            )
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            PROBLEM_TYPES
        ):
            # An error Django answered itself (a server error, a bad Host header).
            logged = getattr(response, "_has_been_logged", False)
            response = problem_response(
                request,
                response.status_code,
                str(TITLES.get(response.status_code, _("Fout"))),
            )
            response._has_been_logged = logged  # Django logged it already; not twice.
        response["API-Version"] = settings.API_VERSION
        response.setdefault("Cache-Control", "no-store")
        return response


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
