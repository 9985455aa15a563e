"""Pages of a long list, with Dutch names for the page, its size and the envelope."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class PagePagination(PageNumberPagination):
    # The descriptions and message are lazy text, which DRF reads with str(); the stubs say str.
    page_query_param = "pagina"
    page_query_description = _("Het nummer van de pagina (vanaf 1).")  # type: ignore[assignment]
    page_size_query_param = "paginaGrootte"
    page_size_query_description = _("Het aantal resultaten per pagina (hoogstens 200).")  # type: ignore[assignment]
    max_page_size = 200
    invalid_page_message = _("Deze pagina bestaat niet.")  # type: ignore[assignment]

    def _number(self, request, name: str, maximum: int | None = None) -> int | None:
        raw = request.query_params.get(name)
        if raw in (None, ""):
            return None
        if not raw.isdigit() or int(raw) < 1:
            raise exceptions.ValidationError({name: [_("Geef een geheel getal vanaf 1.")]})
        if maximum is not None and int(raw) > maximum:
            raise exceptions.ValidationError({name: [_("Geef hoogstens %(n)s.") % {"n": maximum}]})
        return int(raw)

    def get_page_size(self, request):
        return self._number(request, self.page_size_query_param, self.max_page_size) or (
            self.page_size
        )

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        # A malformed number is a 400 naming the parameter; a page past the end stays a 404.
        self._number(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None  # paginate_queryset ran first
        return Response(
            {
                "aantal": self.page.paginator.count,
                "volgende": self.get_next_link(),
                "vorige": self.get_previous_link(),
                "resultaten": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["aantal", "volgende", "vorige", "resultaten"],
            "properties": {
                "aantal": {"type": "integer", "example": 123},
                "volgende": {**link, "example": "https://example.org/api/v1/gezinnen?pagina=3"},
                "vorige": {**link, "example": "https://example.org/api/v1/gezinnen?pagina=1"},
                "resultaten": schema,
            },
        }
