"""What the OpenAPI document needs beyond the views: the problem shape, the bearer scheme,
and the API-Version header on every response."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from ketenkaart.api.formats import StrictCharField

PROBLEM_MEDIA_TYPE = "application/problem+json"


PATH_PARAMETERS = {
    "gezin": _("De id (UUID) van het gezin."),
    "maatregel": _("De id (UUID) van de maatregel."),
}


class DutchAutoSchema(AutoSchema):
    def get_paginated_name(self, serializer_name: str) -> str:
        return f"{serializer_name}Pagina"


class InvalidParamSerializer(serializers.Serializer):
    name = StrictCharField(help_text=_("Het veld, in camelCase."))
    code = StrictCharField()
    reason = StrictCharField(help_text=_("Wat er mis is, in het Nederlands."))


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = StrictCharField()
    title = StrictCharField()
    status = serializers.IntegerField()
    detail = StrictCharField()
    instance = StrictCharField(required=False)
    invalidParams = InvalidParamSerializer(many=True, required=False)
    requestId = StrictCharField(
        required=False, help_text=_("Bij een serverfout: het id van het verzoek, voor de helpdesk.")
    )


PROBLEM_DESCRIPTIONS = {
    400: _("Ongeldige invoer; invalidParams noemt elk ongeldig veld."),
    401: _("Niet ingelogd of geen geldig token."),
    403: _("Geen toestemming voor deze handeling."),
    404: _("Bestaat niet, of u heeft er geen toegang toe."),
    409: _("Conflict met de huidige toestand."),
    413: _("De invoer is groter dan de API aanneemt."),
    415: _("De invoer is niet als application/json gestuurd."),
    429: _("Te veel verzoeken; Retry-After zegt na hoeveel seconden het weer kan."),
}


def problems(*codes: int) -> dict:
    """Error responses for `extend_schema(responses=...)`, as application/problem+json."""
    return {
        (code, PROBLEM_MEDIA_TYPE): OpenApiResponse(
            ProblemSerializer, description=str(PROBLEM_DESCRIPTIONS[code])
        )
        for code in codes
    }


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "ketenkaart.api.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("Een token van `ketenkaart token create --user NAAM`.")),
        }


PAGE_PARAMETERS = [
    {
        "in": "query",
        "name": "pagina",
        "required": False,
        "description": str(_("Het nummer van de pagina (vanaf 1).")),
        "schema": {"type": "integer", "minimum": 1},
    },
    {
        "in": "query",
        "name": "paginaGrootte",
        "required": False,
        "description": str(_("Het aantal resultaten per pagina (hoogstens 200).")),
        "schema": {"type": "integer", "minimum": 1, "maximum": 200},
    },
]
PAGE_SUFFIX = "Pagina"
BODY_METHODS = ("post", "put", "patch")


def _problem_response(code: int) -> dict:
    return {
        "description": str(PROBLEM_DESCRIPTIONS[code]),
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _is_page(operation: dict) -> bool:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    return ref.endswith(PAGE_SUFFIX)


def document_conventions(method: str, operation: dict) -> None:
    """What the views do not say but every operation does: paging parameters on the paged lists,
    400 wherever input is read (Logius /core/error-handling/invalid-input), 413 and 415 on
    every body."""
    parameters = operation.setdefault("parameters", [])
    if method == "get" and _is_page(operation):
        known = {parameter["name"] for parameter in parameters}
        parameters += [dict(p) for p in PAGE_PARAMETERS if p["name"] not in known]
        operation.setdefault("responses", {}).setdefault(
            "404",
            {**_problem_response(404), "description": str(_("Deze pagina bestaat niet."))},
        )
    if not parameters:
        del operation["parameters"]
    responses = operation.setdefault("responses", {})
    if method in BODY_METHODS or parameters:
        responses.setdefault("400", _problem_response(400))
    if method in BODY_METHODS:
        responses.setdefault("413", _problem_response(413))
        responses.setdefault("415", _problem_response(415))


def add_version_header(result, generator, request, public):
    """Every response carries API-Version (Dutch API Design Rules); path ids are described."""
    headers = result.setdefault("components", {}).setdefault("headers", {})
    headers["API-Version"] = {
        "description": str(_("De versie van de API die antwoordde.")),
        "schema": {"type": "string", "example": settings.API_VERSION},
    }
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            document_conventions(method, operation)
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in PATH_PARAMETERS:
                    parameter["description"] = str(PATH_PARAMETERS[parameter["name"]])
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})["API-Version"] = {
                    "$ref": "#/components/headers/API-Version"
                }
    return result
