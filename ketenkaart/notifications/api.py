"""/api/v1/berichten: the caller's own inbox. Nobody reads another's messages; another's
message answers 404 like one that does not exist."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.pagination import PagePagination
from ketenkaart.api.schema import problems
from ketenkaart.api.views import ApiView
from ketenkaart.audit import services as audit
from ketenkaart.notifications import selectors, services
from ketenkaart.notifications.models import Kind, Notification

KINDS = {
    Kind.ACTION: "actie",
    Kind.MATCH: "matching",
    Kind.HANDOVER: "overdracht",
    Kind.DEADLINE: "termijn",
    Kind.INVOLVEMENT: "ook_betrokken",
    Kind.PRIVACY: "privacy",
    Kind.DECISION: "besluit",
}


class NotificationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    soort = serializers.SerializerMethodField()
    onderwerp = StrictCharField(source="title")
    bericht = StrictCharField(source="body")
    link = StrictCharField()
    verstuurd = serializers.DateTimeField(source="created_at")
    gelezen = serializers.DateTimeField(source="read_at", allow_null=True)

    def get_soort(self, notification) -> str:
        return KINDS[notification.kind]


class NotificationListView(ApiView):
    pagination_class = PagePagination

    @extend_schema(
        operation_id="berichten_list",
        summary=_("Uw berichten, nieuwste eerst"),
        responses={200: NotificationSerializer(many=True), **problems(401)},
    )
    def get(self, request):
        professional = self.professional()
        rows = selectors.inbox(professional) if professional else Notification.objects.none()
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        audit.record_list(request, action="notification.list", object_type="notification")
        return paginator.get_paginated_response(NotificationSerializer(page, many=True).data)


class NotificationReadView(ApiView):
    @extend_schema(
        operation_id="berichten_gelezen",
        summary=_("Een bericht als gelezen markeren"),
        description=_("Nog een keer markeren verandert niets."),
        request=None,
        responses={200: NotificationSerializer, **problems(401, 404)},
    )
    def post(self, request, bericht):
        professional = self.professional()
        notification = (
            selectors.inbox(professional).filter(pk=bericht).first() if professional else None
        )
        if notification is None:
            raise exceptions.NotFound(_("Deze bron bestaat niet of u heeft er geen toegang toe."))
        notification = services.notification_read(by=professional, notification=notification)
        return Response(NotificationSerializer(notification).data)
