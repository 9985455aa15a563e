"""Keyed hashes of the toegangslog: HMAC-SHA256 with a key from the settings (environment),
never from the database, so whoever owns the database cannot forge or recompute them."""

import datetime
import hashlib
import hmac
import ipaddress
import json
import uuid

from django.conf import settings

from ketenkaart.audit.models import AccessEvent


def _key() -> bytes:
    key: str = settings.KETENKAART_AUDIT["KEY"]
    return key.encode()


def keyed(message: str) -> str:
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def normalise_address(value: str | None) -> str | None:
    """One spelling of a client address, before it is hashed and stored: an IPv4-mapped IPv6
    address (`::ffff:192.0.2.7`) is the IPv4 address it maps; anything unparseable is none."""
    if not value:
        return None
    try:
        address = ipaddress.ip_address(str(value).strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def _uuid(value: object) -> str | None:

    return None if value in (None, "") else str(uuid.UUID(str(value)))


def canonical(event: AccessEvent) -> str:
    """The row as one string, the same whether it comes from Python, the database or a
    fixture: times in UTC to the millisecond (what Django's serialisers keep), ids as text."""
    payload = {}
    for name in AccessEvent.MAC_FIELDS:
        value = getattr(event, name)
        if name == "occurred_at":
            value = value.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
        elif name in ("uid", "actor_organisation_id", "household_id"):
            value = _uuid(value)
        elif name == "person_ids":
            value = sorted(str(p) for p in value or ())
        elif name == "household_ids":
            # Added after rows were written: left out when empty, so their hashes still hold.
            value = sorted(str(uuid.UUID(str(h))) for h in value or ())
            if not value:
                continue
        elif name == "client_address":
            value = normalise_address(value)
        elif name == "emergency":
            value = bool(value)
        elif name == "actor_user_id" and value is not None:
            value = int(value)
        payload[name] = value
    return json.dumps(payload, sort_keys=True, separators=(",", ":"))


def event_mac(event: AccessEvent) -> str:
    return keyed("event:" + canonical(event))


def chain_mac(previous: str, position: int, event_id: int, row_mac: str) -> str:
    return keyed(f"seal:{previous}:{position}:{event_id}:{row_mac}")


def checkpoint_mac(created_at: datetime.datetime, position: int, chain: str) -> str:
    when = created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return keyed(f"checkpoint:{when}:{position}:{chain}")


def prune_mac(
    created_at: datetime.datetime, position: int, chain: str, cutoff: datetime.datetime
) -> str:
    when = created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    before = cutoff.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return keyed(f"prune:{when}:{position}:{chain}:{before}")
