"""Each forgery of issue 10 by someone with the database owner's rights but without the audit
key: `verify` fails and names the row."""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction

from ketenkaart.audit import seal, services
from ketenkaart.audit.keyed import canonical
from ketenkaart.audit.models import AccessEvent, SealCheckpoint, SealEntry
from ketenkaart.audit.tests.helpers import lift_triggers
from ketenkaart.audit.verify import verify


@pytest.fixture
def checkpoint_file(tmp_path, settings):
    path = tmp_path / "controlepunten.jsonl"
    settings.KETENKAART_AUDIT = {**settings.KETENKAART_AUDIT, "CHECKPOINT_FILE": str(path)}
    return path


@pytest.fixture
def events(involved, household, checkpoint_file):
    written = [
        services.record(user=involved.user, action="household.read", household_id=household.pk)
        for _ in range(4)
    ]
    result = seal.seal()
    assert result.sealed == 4 and result.checkpoint is not None
    return written


def _unkeyed(text: str) -> str:
    """The best an attacker without the key can do."""
    return hashlib.sha256(text.encode()).hexdigest()


def test_an_intact_sealed_log_verifies(events, checkpoint_file, capsys):
    report = verify()
    assert report.ok, report.problems
    assert (report.events, report.sealed, report.checkpoints) == (4, 4, 2)
    assert len(checkpoint_file.read_text().splitlines()) == 1
    call_command("audit", "verify")
    assert "intact: 4 regels, 4 verzegeld" in capsys.readouterr().out


def test_the_database_refuses_to_alter_the_log(events):
    entry = SealEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=events[0].pk).update(action="household.export")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=events[0].pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        SealEntry.objects.filter(pk=entry.pk).update(chain="0" * 64)
    assert AccessEvent.objects.get(pk=events[0].pk).action == "household.read"
    assert SealEntry.objects.get(pk=entry.pk).chain == entry.chain


def test_an_altered_row_is_named(events):
    lift_triggers()
    AccessEvent.objects.filter(pk=events[1].pk).update(actor_username="iemand-anders")
    report = verify()
    assert report.problems == [f"regel {events[1].pk} (zegel 2) is gewijzigd of verwisseld"]
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_an_altered_row_with_a_recomputed_hash_is_named(events):
    """Recompute: the owner rewrites a row and recomputes its hash and the chain after it;
    without the key every recomputed value is wrong."""
    lift_triggers()
    event = AccessEvent.objects.get(pk=events[1].pk)
    event.actor_username = "iemand-anders"
    forged = _unkeyed(canonical(event))
    AccessEvent.objects.filter(pk=event.pk).update(actor_username="iemand-anders", mac=forged)
    previous = SealEntry.objects.get(position=1).chain
    for entry in SealEntry.objects.filter(position__gte=2).order_by("position"):
        row_mac = forged if entry.event_id == event.pk else entry.row_mac
        previous = _unkeyed(f"seal:{previous}:{entry.position}:{entry.event_id}:{row_mac}")
        SealEntry.objects.filter(pk=entry.pk).update(row_mac=row_mac, chain=previous)
    problems = verify().problems
    assert f"regel {event.pk} (zegel 2) is gewijzigd of verwisseld" in problems
    assert f"zegel 2 (regel {event.pk}) is vervalst of verplaatst" in problems


def test_an_inserted_row_with_a_chained_seal_is_named(events, involved, household):
    """Insert plus head update: a new row, and a seal entry chained onto the last one."""
    lift_triggers()
    forged = AccessEvent(
        occurred_at=events[-1].occurred_at,
        actor_user_id=involved.user.pk,
        actor_username="iemand-anders",
        action="household.read",
        household_id=household.pk,
        outcome="allowed",
    )
    forged.mac = _unkeyed(canonical(forged))
    forged.save(force_insert=True)
    last = SealEntry.objects.order_by("-position").first()
    SealEntry.objects.create(
        position=5,
        event_id=forged.pk,
        row_mac=forged.mac,
        chain=_unkeyed(f"seal:{last.chain}:5:{forged.pk}:{forged.mac}"),
        sealed_at=last.sealed_at,
    )
    problems = verify().problems
    assert f"zegel 5 (regel {forged.pk}) is vervalst of verplaatst" in problems
    assert f"regel {forged.pk} (zegel 5) is gewijzigd of verwisseld" in problems


def test_an_inserted_unsealed_row_is_named_and_never_sealed(events, involved):
    forged = AccessEvent(
        occurred_at=events[-1].occurred_at,
        actor_user_id=involved.user.pk,
        action="household.read",
        outcome="allowed",
        mac="f" * 64,
    )
    forged.save(force_insert=True)
    result = seal.seal()
    assert (result.sealed, result.refused) == (0, [forged.pk])
    assert not SealEntry.objects.filter(event_id=forged.pk).exists()
    assert verify().problems == [
        f"regel {forged.pk} heeft geen geldige sleutel: buiten de applicatie ingevoegd of gewijzigd"
    ]


def test_a_removed_middle_row_is_named(events):
    lift_triggers()
    AccessEvent.objects.filter(pk=events[1].pk).delete()
    assert verify().problems == [f"regel {events[1].pk} (zegel 2) is verwijderd"]


def test_a_removed_row_and_its_seal_are_named(events):
    lift_triggers()
    AccessEvent.objects.filter(pk=events[1].pk).delete()
    SealEntry.objects.filter(position=2).delete()
    problems = verify().problems
    assert "zegels 2 tot 3 ontbreken (verwijderd)" in problems
    assert f"zegel 3 (regel {events[2].pk}) is vervalst of verplaatst" in problems


def test_reordered_rows_are_named(events):
    """Reorder: two seal entries swap places (or two rows swap ids): the chain breaks at both."""
    lift_triggers()
    first, second = SealEntry.objects.filter(position__in=[2, 3]).order_by("position")
    SealEntry.objects.filter(pk=2).update(event_id=-1)
    SealEntry.objects.filter(pk=3).update(event_id=first.event_id, row_mac=first.row_mac)
    SealEntry.objects.filter(pk=2).update(event_id=second.event_id, row_mac=second.row_mac)
    problems = verify().problems
    assert f"zegel 2 (regel {second.event_id}) is vervalst of verplaatst" in problems
    assert f"zegel 3 (regel {first.event_id}) is vervalst of verplaatst" in problems


def test_swapped_row_contents_are_named(events):
    lift_triggers()
    a, b = events[1].pk, events[2].pk
    AccessEvent.objects.filter(pk=a).update(id=-1)
    AccessEvent.objects.filter(pk=b).update(id=a)
    AccessEvent.objects.filter(pk=-1).update(id=b)
    problems = verify().problems
    assert f"regel {a} (zegel 2) is gewijzigd of verwisseld" in problems
    assert f"regel {b} (zegel 3) is gewijzigd of verwisseld" in problems


def test_a_truncated_tail_is_caught_by_the_external_checkpoint(events, checkpoint_file):
    """Truncation: the last rows, their seals and every checkpoint in the database are gone;
    the chain that remains is consistent, but the file outside the database remembers."""
    lift_triggers()
    AccessEvent.objects.filter(pk__in=[events[2].pk, events[3].pk]).delete()
    SealEntry.objects.filter(position__gte=3).delete()
    SealCheckpoint.objects.all().delete()
    problems = verify().problems
    assert len(problems) == 1
    assert problems[0].startswith("zegels 3 tot 4 ontbreken sinds extern controlepunt")
    assert "afgekapt" in problems[0]


def test_a_forged_external_checkpoint_is_named(events, checkpoint_file):
    line = json.loads(checkpoint_file.read_text())
    line["position"] = 2
    with checkpoint_file.open("a") as out:
        out.write(json.dumps(line) + "\n")
    assert verify().problems == [
        f"extern controlepunt (regel 2 van {checkpoint_file.name}) is onleesbaar of vervalst"
    ]


def test_a_different_key_fails_everything(events, settings):
    settings.KETENKAART_AUDIT = {**settings.KETENKAART_AUDIT, "KEY": "een-andere-sleutel"}
    assert not verify().ok
