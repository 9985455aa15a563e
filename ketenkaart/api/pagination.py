"""Pages of a long list, with Dutch names for the page, its size and the envelope."""

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class PagePagination(PageNumberPagination):
    page_query_param = "pagina"
    page_query_description = _("Het nummer van de pagina (vanaf 1).")
    page_size_query_param = "paginaGrootte"
    page_size_query_description = _("Het aantal resultaten per pagina (hoogstens 200).")
    max_page_size = 200
    invalid_page_message = _("Deze pagina bestaat niet.")

    def get_paginated_response(self, data):
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
