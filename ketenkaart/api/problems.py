"""Errors as application/problem+json (RFC 9457), in Dutch, with every invalid parameter."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from ketenkaart.core.errors import DomainError

PROBLEM_TYPE = "https://ketenkaart.nl/problemen/"
TITLES = {
    400: gettext_lazy("Ongeldige invoer"),
    401: gettext_lazy("Niet ingelogd"),
    403: gettext_lazy("Geen toestemming"),
    404: gettext_lazy("Niet gevonden"),
    405: gettext_lazy("Methode niet toegestaan"),
    406: gettext_lazy("Formaat niet beschikbaar"),
    409: gettext_lazy("Conflict"),
    412: gettext_lazy("Gegevens zijn intussen gewijzigd"),
    413: gettext_lazy("Invoer te groot"),
    415: gettext_lazy("Formaat van de invoer niet ondersteund"),
    428: gettext_lazy("If-Match ontbreekt"),
    429: gettext_lazy("Te veel verzoeken"),
    500: gettext_lazy("Interne fout"),
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def problem(
    status_code: int,
    detail: str,
    *,
    code: str = "",
    invalid_params=None,
    instance="",
    request_id: str = "",
):
    body = {
        "type": PROBLEM_TYPE + (code or str(status_code)),
        "title": str(TITLES.get(status_code, _("Fout"))),
        "status": status_code,
        "detail": str(detail),
    }
    if instance:
        body["instance"] = instance
    if request_id:
        # The same id as the X-Request-ID header and the log line: quote it to the helpdesk.
        body["requestId"] = request_id
    if invalid_params:
        body["invalidParams"] = invalid_params
    return body


def _flatten(detail, prefix: str = "") -> list[dict]:
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{_camel(str(key))}" if prefix else _camel(str(key))
            params += _flatten(value, name)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                params += _flatten(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                code = getattr(value, "code", "invalid")
                params.append(
                    {
                        "name": prefix or "nonFieldErrors",
                        "code": code,
                        "reason": str(DUTCH_REASONS.get(code, value)),
                    }
                )
    else:
        params.append(
            {"name": prefix or "nonFieldErrors", "code": "invalid", "reason": str(detail)}
        )
    return params


# DRF messages that have no Dutch translation, by their code.
DUTCH_REASONS = {
    "null": gettext_lazy("Geef een object met de velden van dit onderdeel."),
    "surrogate_characters_not_allowed": gettext_lazy(
        "Deze tekst bevat een ongeldig teken (een losse surrogaat)."
    ),
}


# DRF's own messages for these are English or name internals; say it plainly in Dutch.
PLAIN_MESSAGES = {
    exceptions.ParseError: gettext_lazy("De invoer is geen geldige JSON."),
    exceptions.UnsupportedMediaType: gettext_lazy("Stuur de invoer als application/json."),
    exceptions.NotAcceptable: gettext_lazy("Deze API antwoordt alleen in JSON."),
    exceptions.NotAuthenticated: gettext_lazy(
        "Log in, of stuur een geldig token mee (Authorization: Bearer)."
    ),
}


def _domain_field(field: str, context) -> str:
    """The API's name for a service's field: views name theirs in `domain_fields`."""
    names = getattr(context.get("view"), "domain_fields", {})
    return names.get(field, _camel(field))


# A service's refusal: a conflict with the current state, or a rule about who may do this.
DOMAIN_STATUS = {"conflict": status.HTTP_409_CONFLICT, "forbidden": status.HTTP_403_FORBIDDEN}


def exception_handler(exc, context):
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, DjangoValidationError):
        # A model or form rule reached the view: still the client's input, so 400.
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"nonFieldErrors": exc.messages}
        )
    elif isinstance(exc, RequestDataTooBig):
        from ketenkaart.api.parsers import PayloadTooLarge

        exc = PayloadTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(_("Het verzoek kon niet worden verwerkt."))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Deze bron bestaat niet of u heeft er geen toegang toe."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("U heeft geen toestemming voor deze handeling."))
    if isinstance(exc, DomainError):
        set_rollback()
        status_code = DOMAIN_STATUS.get(exc.code, status.HTTP_400_BAD_REQUEST)
        params = (
            [{"name": _domain_field(exc.field, context), "code": exc.code, "reason": exc.message}]
            if exc.field
            else None
        )
        return _response(
            problem(
                status_code, exc.message, code=exc.code, invalid_params=params, instance=instance
            ),
            status_code,
        )
    if isinstance(exc, exceptions.ValidationError):
        set_rollback()
        body = problem(
            400,
            _("Een of meer velden zijn ongeldig."),
            code="invalid",
            invalid_params=_flatten(exc.detail),
            instance=instance,
        )
        return _response(body, 400)
    if isinstance(exc, exceptions.APIException):
        set_rollback()
        detail = PLAIN_MESSAGES.get(type(exc)) or (
            exc.detail
            if isinstance(exc.detail, str)
            else _("Het verzoek kon niet worden verwerkt.")
        )
        codes = exc.get_codes()
        response = _response(
            problem(
                exc.status_code,
                detail,
                code=codes if isinstance(codes, str) else "",
                instance=instance,
            ),
            exc.status_code,
        )
        if getattr(exc, "auth_header", None):
            response["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            response["Retry-After"] = str(int(exc.wait))
        return response
    return None


def _response(body: dict, status_code: int) -> Response:
    return Response(body, status=status_code, content_type="application/problem+json")


def problem_response(request, status_code: int, detail: str, code: str = "") -> JsonResponse:
    """A problem outside DRF: unknown paths and errors Django answers itself."""
    request_id = getattr(request, "request_id", "") if status_code >= 500 else ""
    return JsonResponse(
        problem(status_code, detail, code=code, instance=request.path, request_id=request_id),
        status=status_code,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt
def not_found_json(request, exception=None, **kwargs):
    """404 for any /api/ path that matches no route (a trailing slash included)."""
    return problem_response(request, 404, _("Deze bron bestaat niet."), code="not_found")
