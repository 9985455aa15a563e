"""The insert-only audit log (toegangslog), hash-chained per stream."""

import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("Toegestaan")
    DENIED = "denied", _("Geweigerd")


class AccessEvent(models.Model):
    """One read, search, change, export, print or denied attempt. Never free-text personal data.

    Rows are chained per stream (a household, or a day for events without one), so writers of
    different families never wait for each other; `ketenkaart audit verify` walks every chain.
    """

    stream = models.CharField(max_length=64)
    seq = models.PositiveBigIntegerField()
    occurred_at = models.DateTimeField()
    actor_user_id = models.BigIntegerField(null=True)
    actor_username = models.CharField(max_length=150, blank=True)
    actor_organisation_id = models.UUIDField(null=True)
    actor_role = models.CharField(max_length=40, blank=True)
    on_behalf_of = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    household_id = models.UUIDField(null=True)
    person_ids = models.JSONField(default=list)
    legal_basis = models.CharField(max_length=60, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    request_id = models.CharField(max_length=64, blank=True)
    client_address = models.GenericIPAddressField(null=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("toegangsregel")
        verbose_name_plural = _("toegangslog")
        constraints = [
            models.UniqueConstraint(fields=["stream", "seq"], name="accessevent_stream_seq")
        ]
        indexes = [
            models.Index(fields=["household_id", "-occurred_at"], name="accessevent_household"),
            models.Index(fields=["actor_user_id", "-occurred_at"], name="accessevent_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.stream}#{self.seq} {self.action}"

    HASHED_FIELDS = (
        "stream",
        "seq",
        "occurred_at",
        "actor_user_id",
        "actor_username",
        "actor_organisation_id",
        "actor_role",
        "on_behalf_of",
        "action",
        "object_type",
        "object_id",
        "household_id",
        "person_ids",
        "legal_basis",
        "outcome",
        "request_id",
        "client_address",
        "prev_hash",
    )

    def compute_hash(self) -> str:
        payload = {}
        for name in self.HASHED_FIELDS:
            value = getattr(self, name)
            if name == "occurred_at":
                value = value.isoformat(timespec="microseconds")
            elif name in ("actor_organisation_id", "household_id") and value is not None:
                value = str(value)
            payload[name] = value
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()


class StreamHead(models.Model):
    """The last sequence number and hash of a stream: what a removed tail is checked against."""

    key = models.CharField(max_length=64, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"{self.key}@{self.seq}"


class Checkpoint(models.Model):
    """A sealed snapshot of every stream head; checkpoints chain to each other."""

    created_at = models.DateTimeField()
    heads = models.JSONField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"controlepunt {self.pk}"

    def compute_hash(self) -> str:
        canonical = json.dumps(
            {
                "created_at": self.created_at.isoformat(),
                "heads": self.heads,
                "prev": self.prev_hash,
            },
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode()).hexdigest()
