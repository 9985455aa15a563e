"""The base of every API view: no OPTIONS self-description, the gate's helpers, and
input fields the serializer does not know rejected. Each app's API builds on ApiView."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenkaart.access import gate
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.validation import shared, validated
from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Professional


class ApiView(APIView):
    # No OPTIONS self-description: the OpenAPI document is the one description of the API.
    metadata_class = None
    # How a service's field names read in this resource's input (for invalidParams).
    domain_fields: dict[str, str] = {}

    def options(self, request, *args, **kwargs):
        """OPTIONS answers which methods this resource has (Allow), with no body."""
        return Response(
            status=status.HTTP_204_NO_CONTENT, headers={"Allow": ", ".join(self.allowed_methods)}
        )

    def professional(self) -> Professional | None:
        return gate.professional_of(self.request.user)

    def read(self, household_id, action: str) -> Household:
        return gate.access_household(self.request, household_id, action=action).obj

    def write(self, household_id, action: str) -> Household:
        return gate.access_household(self.request, household_id, action=action, write=True).obj

    def paged(self, rows, serializer_class, **kwargs) -> Response:
        """A collection in the one envelope every list has (aantal, volgende, vorige,
        resultaten), paged with ?pagina and ?paginaGrootte. The view sets
        `pagination_class = PagePagination` so that the document shows the envelope."""
        paginator = PagePagination()
        page = paginator.paginate_queryset(rows, self.request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True, **kwargs).data)

    def valid(self, serializer_class) -> dict:
        reject_unknown_fields(shared(serializer_class), self.request.data)
        return validated(serializer_class, self.request.data)


def unknown_fields(serializer, data, prefix: str = "") -> list[str]:
    """Input fields the serializer does not know, nested ones included, as dotted names."""
    if isinstance(serializer, serializers.ListSerializer):
        if not isinstance(data, list):
            return []
        return [
            name
            for index, item in enumerate(data)
            for name in unknown_fields(serializer.child, item, f"{prefix}{index}.")
        ]
    if not isinstance(serializer, serializers.Serializer) or not isinstance(data, dict):
        return []
    # A read-only field is known: it is ignored on input, so that a GET body can be sent back.
    fields = serializer.fields
    names = [f"{prefix}{key}" for key in data if key not in fields]
    for key, field in fields.items():
        if key in data and not field.read_only:
            names += unknown_fields(field, data[key], f"{prefix}{key}.")
    return names


def reject_unknown_fields(serializer, data) -> None:
    """An unknown field is a 400 naming it, not silently dropped (a typo would lose data)."""
    names = unknown_fields(serializer, data)
    if names:
        raise exceptions.ValidationError(
            {name: [_("Dit veld bestaat niet in deze bron.")] for name in names}
        )
