"""The insert-only audit log (toegangslog).

A request writes one row with its own keyed hash (`mac`, HMAC-SHA256 with a key that is not in
the database) in one INSERT. The sealer (`ketenkaart audit seal`) later gives every row a
place in one global order and chains it (`SealEntry`), and checkpoints that chain, also to a
file outside the database (`SealCheckpoint`). `ketenkaart audit verify` checks all three.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("Toegestaan")
    DENIED = "denied", _("Geweigerd")


class AccessEvent(models.Model):
    """One read, search, list, change, export, print or refused attempt (NEN 7513 §5.2: who,
    on whose behalf, when, what, about whom, on which basis, with which outcome, from where).
    Never free-text personal data: persons and families by id only."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True)
    occurred_at = models.DateTimeField(db_index=True)
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
    # A list or search page: the families it showed (NEN 7513: every participant object).
    household_ids = models.JSONField(default=list)
    legal_basis = models.CharField(max_length=60, blank=True)
    grant = models.CharField(max_length=60, blank=True)
    emergency = models.BooleanField(default=False)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    request_id = models.CharField(max_length=64, blank=True)
    traceparent = models.CharField(max_length=55, blank=True)
    client_address = models.GenericIPAddressField(null=True)
    mac = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("toegangsregel")
        verbose_name_plural = _("toegangslog")
        indexes = [
            models.Index(fields=["household_id", "-occurred_at"], name="accessevent_household"),
            models.Index(fields=["actor_user_id", "-occurred_at"], name="accessevent_actor"),
        ]

    def __str__(self) -> str:
        return f"toegangsregel {self.pk} {self.action}"

    # What the keyed hash covers: every field but the database's own id and the hash itself.
    MAC_FIELDS = (
        "uid",
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
        "household_ids",
        "legal_basis",
        "grant",
        "emergency",
        "outcome",
        "request_id",
        "traceparent",
        "client_address",
    )
    HASHED_FIELDS = MAC_FIELDS  # the name before issue 10


class SealEntry(models.Model):
    """A row's place in the one global order: `chain` is the keyed hash of the previous entry's
    chain, this position, the row's id and the row's keyed hash. Written by the sealer only."""

    position = models.PositiveBigIntegerField(primary_key=True)
    event_id = models.BigIntegerField(unique=True)
    row_mac = models.CharField(max_length=64)
    chain = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"zegel {self.position} → {self.event_id}"


class SealCheckpoint(models.Model):
    """The chain at one position, keyed; the same line is appended to the external file."""

    created_at = models.DateTimeField()
    position = models.PositiveBigIntegerField()
    chain = models.CharField(max_length=64)
    mac = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"controlepunt {self.pk} bij {self.position}"


class SealPrune(models.Model):
    """The log was pruned through `position` (rows older than `cutoff`, past the retention
    period): `verify` starts after it, from its keyed `chain`. Written by `audit prune` only,
    also to the external file, so a cut-off head without one is still named."""

    created_at = models.DateTimeField()
    position = models.PositiveBigIntegerField()
    chain = models.CharField(max_length=64)
    cutoff = models.DateTimeField()
    mac = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"opgeschoond tot zegel {self.position}"
