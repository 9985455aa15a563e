"""The toegangslog in the shape of Logius's Logboek Dataverwerkingen with its NEN 7513
extension (github.com/Logius-standaarden/logboek-extensie-nen7513, "Technische specificatie"):
the Logboek interface fields (trace_id, operation_id, status_code, name, start_time, ...), the
source system under `resource.attributes` (`nen7513.*`) and the other NEN 7513 field groups
(users and access point, participant objects, authorisation) under `dpl.nen7513.*`."""

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings

from ketenkaart.audit.models import AccessEvent, Outcome

# NEN 7513 / IHE-ATNA codes: network access point type 2 = IP address; participant object
# type 1 = person, 2 = system object; role 1 = patient (here: the client), 3 = report.
_IP_ADDRESS = "2"
# ParticipantObjectDataLifeCycle (DICOM PS3.15 A.5.2 / RFC 3881): 1 origination, 3 amendment,
# 6 access or use, 10 export, 14 logical deletion; by the verb that ends the action code.
_LIFE_CYCLE = {
    **dict.fromkeys(("read", "list", "search", "search_match"), "6"),
    **dict.fromkeys(("export", "pdf", "json", "handover"), "10"),
    **dict.fromkeys(("created", "added", "recorded", "submitted", "started", "raised"), "1"),
    **dict.fromkeys(("removed", "ended", "closed", "cancelled", "stopped"), "14"),
}


def life_cycle(action: str) -> str:
    return _LIFE_CYCLE.get(action.rsplit(".", 1)[-1], "3")


def logboek_rows(
    *, since: datetime.date | None = None, until: datetime.date | None = None
) -> Iterator[dict[str, Any]]:
    events = AccessEvent.objects.order_by("pk")
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lt=until)
    for event in events.iterator(chunk_size=2000):
        yield logboek_row(event)


def logboek_row(event: AccessEvent) -> dict[str, Any]:
    when = event.occurred_at.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
    trace_id, foreign = _trace(event)
    users = [
        {
            "userID": event.actor_username,
            "alternateUserID": str(event.actor_user_id or ""),
            "userName": "",
            "userIsRequestor": not event.on_behalf_of,
            "roleIDCode": event.actor_role,
            "purposeOfUse": "noodtoegang" if event.emergency else event.legal_basis,
            "networkAccessPointTypeCode": _IP_ADDRESS if event.client_address else "",
            "networkAccessPointID": event.client_address or "",
        }
    ]
    if event.on_behalf_of:
        users.append({"userID": event.on_behalf_of, "userIsRequestor": True})
    participants = [
        {
            "participantObjectTypeCode": "1",
            "participantObjectTypeCodeRole": "1",
            "participantObjectDataLifeCycle": life_cycle(event.action),
            "participantObjectIDTypeCode": "ketenkaart.persoon",
            "participantObjectID": person,
        }
        for person in event.person_ids
    ]
    for household in event.household_ids:
        participants.append(
            {
                "participantObjectTypeCode": "2",
                "participantObjectTypeCodeRole": "gezin",
                "participantObjectIDTypeCode": "ketenkaart.gezin",
                "participantObjectID": household,
            }
        )
    if event.household_id and str(event.household_id) not in event.household_ids:
        participants.append(
            {
                "participantObjectTypeCode": "2",
                "participantObjectTypeCodeRole": "gezin",
                "participantObjectIDTypeCode": "ketenkaart.gezin",
                "participantObjectID": str(event.household_id),
            }
        )
    if event.object_type:
        participants.append(
            {
                "participantObjectTypeCode": "2",
                "participantObjectTypeCodeRole": event.object_type,
                "participantObjectIDTypeCode": f"ketenkaart.{event.object_type}",
                "participantObjectID": event.object_id,
            }
        )
    span_id = event.uid.hex[:16]
    subject = (event.person_ids or [str(event.household_id or "")])[0]
    row = {
        "trace_id": trace_id,
        "span_id": span_id,
        "operation_id": span_id,  # the name before Logboek Dataverwerkingen 1.0
        "status_code": (
            "STATUS_CODE_OK" if event.outcome == Outcome.ALLOWED else "STATUS_CODE_ERROR"
        ),
        "name": event.action,
        "start_time": when,
        "end_time": when,
        "resource": {
            "attributes": {
                "nen7513.AuditSourceId": settings.KETENKAART_AUDIT["SOURCE_ID"],
                "nen7513.AuditEnterpriseSiteID": str(event.actor_organisation_id or ""),
                "nen7513.AuditSourceTypeCode": "4",  # application server process
            }
        },
        "attributes": {
            "dpl.core.processing_activity_id": event.action,
            "dpl.core.data_subject_id": subject,
            "dpl.core.data_subject_id_type": (
                "ketenkaart.persoon" if event.person_ids else "ketenkaart.gezin" if subject else ""
            ),
            "dpl.nen7513.eventTypeCode": event.action,
            "dpl.nen7513.eventOutcomeIndicator": event.outcome,
            "dpl.nen7513.users": users,
            "dpl.nen7513.participants": participants,
            "dpl.nen7513.participantObjectId": subject,
            "dpl.nen7513.autorisatieProtocol": event.grant or event.legal_basis,
            # The treatment relationship: the involvement (or other grant) the access rested on.
            "dpl.nen7513.behandelrelatieProtocol": event.legal_basis,
            "dpl.nen7513.toestemmingsProfiel": "",
            "dpl.nen7513.controles": {"noodtoegang": event.emergency},
            "ketenkaart.event_id": str(event.uid),
            "ketenkaart.request_id": event.request_id,
        },
    }
    if foreign:
        row["parent_span_id"] = foreign["operation_id"]
        row["foreign_operation"] = foreign
    return row


def _trace(event: AccessEvent) -> tuple[str, dict[str, Any] | None]:
    """A partner's traceparent joins its trace; otherwise the request id is the trace."""
    if event.traceparent:
        _version, trace_id, parent, _flags = event.traceparent.split("-")
        return trace_id, {"trace_id": trace_id, "operation_id": parent}
    return (event.request_id or event.uid.hex).replace("-", "")[:32], None
