from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    page_query_param = "pagina"
    page_size_query_param = "paginaGrootte"
    max_page_size = 200
