"""What the OpenAPI document needs beyond the views: the problem shape, the bearer scheme,
and the API-Version header on every response."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

PROBLEM_MEDIA_TYPE = "application/problem+json"


PATH_PARAMETERS = {
    "gezin": _("De id (UUID) van het gezin."),
    "maatregel": _("De id (UUID) van de maatregel."),
}


class DutchAutoSchema(AutoSchema):
    def get_paginated_name(self, serializer_name: str) -> str:
        return f"{serializer_name}Pagina"


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("Het veld, in camelCase."))
    code = serializers.CharField()
    reason = serializers.CharField(help_text=_("Wat er mis is, in het Nederlands."))


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    invalidParams = InvalidParamSerializer(many=True, required=False)


PROBLEM_DESCRIPTIONS = {
    400: _("Ongeldige invoer; invalidParams noemt elk ongeldig veld."),
    401: _("Niet ingelogd of geen geldig token."),
    403: _("Geen toestemming voor deze handeling."),
    404: _("Bestaat niet, of u heeft er geen toegang toe."),
    409: _("Conflict met de huidige toestand."),
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


def add_version_header(result, generator, request, public):
    """Every response carries API-Version (Dutch API Design Rules); path ids are described."""
    headers = result.setdefault("components", {}).setdefault("headers", {})
    headers["API-Version"] = {
        "description": str(_("De versie van de API die antwoordde.")),
        "schema": {"type": "string", "example": settings.API_VERSION},
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in PATH_PARAMETERS:
                    parameter["description"] = str(PATH_PARAMETERS[parameter["name"]])
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})["API-Version"] = {
                    "$ref": "#/components/headers/API-Version"
                }
    return result
