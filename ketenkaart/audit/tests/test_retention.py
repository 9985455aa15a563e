"""Retention of the log itself (`audit prune`), the syslog target of the checkpoints, and the
incremental verify."""

import datetime
import json
import socket

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

from ketenkaart.audit import prune, seal, services
from ketenkaart.audit.models import AccessEvent, SealCheckpoint, SealEntry, SealPrune
from ketenkaart.audit.tests.helpers import lift_triggers
from ketenkaart.audit.verify import verify


@pytest.fixture
def checkpoint_file(tmp_path, settings):
    path = tmp_path / "controlepunten.jsonl"
    settings.KETENKAART_AUDIT = {**settings.KETENKAART_AUDIT, "CHECKPOINT_FILE": str(path)}
    return path


def _write(user, household, n: int) -> list[AccessEvent]:
    return [
        services.record(user=user, action="household.read", household_id=household.pk)
        for _ in range(n)
    ]


@pytest.fixture
def old_and_new(involved, household, checkpoint_file, time_machine):
    """Six years ago: three rows, sealed and checkpointed. Today: two rows, sealed."""
    time_machine.move_to(timezone.now() - datetime.timedelta(days=6 * 366), tick=False)
    old = _write(involved.user, household, 3)
    seal.seal()
    time_machine.move_to(timezone.now() + datetime.timedelta(days=6 * 366), tick=False)
    new = _write(involved.user, household, 2)
    seal.seal()
    return old, new


def test_retention_is_five_years_by_default(settings):
    assert settings.KETENKAART_AUDIT["RETENTION_YEARS"] >= 5
    now = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)
    assert prune.retention_cutoff(now) == datetime.datetime(2021, 12, 2, tzinfo=datetime.UTC)


def test_prune_removes_whole_sealed_ranges_past_retention_and_verify_still_passes(
    old_and_new, checkpoint_file, capsys
):
    _old, new = old_and_new

    call_command("audit", "prune")

    assert "Opgeschoond: 3 regels" in capsys.readouterr().out
    assert set(AccessEvent.objects.values_list("pk", flat=True)) == {e.pk for e in new}
    assert not SealEntry.objects.filter(position__lte=3).exists()
    report = verify()
    assert report.ok, report.problems
    assert report.pruned_through == 3 and report.sealed == 2
    assert '"kind": "prune"' in checkpoint_file.read_text().splitlines()[-1]
    # The triggers are back: the log is insert-only again.
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=new[0].pk).update(action="household.list")


def test_a_dry_run_removes_nothing(old_and_new, capsys):
    call_command("audit", "prune", "--dry-run")

    assert "Zou 3 regels" in capsys.readouterr().out
    assert AccessEvent.objects.count() == 5 and not SealPrune.objects.exists()


def test_prune_keeps_a_range_that_is_not_checkpointed(involved, household, time_machine):
    time_machine.move_to(timezone.now() - datetime.timedelta(days=6 * 366), tick=False)
    _write(involved.user, household, 2)
    seal.seal(checkpoint=False)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=6 * 366), tick=False)

    result = prune.prune()

    assert result.position == 0 and AccessEvent.objects.count() == 2


def test_prune_refuses_a_log_that_fails_verify(old_and_new):
    old, _new = old_and_new
    lift_triggers()
    AccessEvent.objects.filter(pk=old[1].pk).update(action="household.list")

    with pytest.raises(CommandError, match="aangetast"):
        call_command("audit", "prune")

    assert AccessEvent.objects.count() == 5 and not SealPrune.objects.exists()


def test_a_head_cut_off_without_a_prune_record_is_named(old_and_new):
    lift_triggers()
    SealEntry.objects.filter(position__lte=3).delete()

    assert "zegels 1 tot 4 ontbreken (verwijderd)" in verify().problems


def test_a_forged_prune_record_is_named(old_and_new):
    lift_triggers()
    SealEntry.objects.filter(position__lte=3).delete()
    entry = SealEntry.objects.get(position=4)
    SealPrune.objects.create(
        created_at=timezone.now(),
        position=3,
        chain=entry.chain,
        cutoff=timezone.now(),
        mac="0" * 64,
    )
    problems = verify().problems
    assert any(p.endswith("in de database is vervalst") for p in problems)


def test_the_incremental_verify_starts_at_the_last_external_checkpoint(
    old_and_new, checkpoint_file
):
    old, _new = old_and_new
    lift_triggers()
    # Before the last external checkpoint: found by a full run only.
    AccessEvent.objects.filter(pk=old[0].pk).update(action="household.list")

    incremental = verify(incremental=True)
    assert incremental.ok and incremental.start == 5 and incremental.sealed == 0
    assert not verify().ok


def test_the_incremental_verify_finds_what_came_after(
    involved, household, checkpoint_file, old_and_new
):
    later = _write(involved.user, household, 2)
    seal.seal(checkpoint=False)
    lift_triggers()
    AccessEvent.objects.filter(pk=later[1].pk).update(action="household.list")

    report = verify(incremental=True)
    assert report.start == 5
    assert report.problems == [f"regel {later[1].pk} (zegel 7) is gewijzigd of verwisseld"]


def test_checkpoints_go_to_syslog_too(involved, household, settings):
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    port = receiver.getsockname()[1]
    settings.KETENKAART_AUDIT = {
        **settings.KETENKAART_AUDIT,
        "CHECKPOINT_SYSLOG": f"127.0.0.1:{port}",
    }
    _write(involved.user, household, 1)
    try:
        result = seal.seal()
        message = receiver.recv(4096).decode()
    finally:
        receiver.close()
    assert message.startswith("<134>ketenkaart-audit: ")  # local0.info
    line = json.loads(message.split(": ", 1)[1].rstrip("\x00"))
    point = SealCheckpoint.objects.get(pk=result.checkpoint.pk)
    assert (line["position"], line["chain"], line["mac"]) == (
        point.position,
        point.chain,
        point.mac,
    )


def test_prune_walks_the_range_it_removes_and_what_came_after_the_last_checkpoint(
    involved, household, old_and_new, checkpoint_file, monkeypatch
):
    """Not the whole log: seals 1-3 (to be removed) and, from the last external checkpoint
    (seal 7) on, nothing; seals 4-7 were checked when their checkpoints were taken."""
    from ketenkaart.audit import verify as verify_module

    _write(involved.user, household, 2)
    seal.seal()
    walked = []
    original = verify_module._walk

    def spy(report, position, previous, points, *, through=None):
        end = original(report, position, previous, points, through=through)
        walked.append((position, end[0]))
        return end

    monkeypatch.setattr(verify_module, "_walk", spy)

    result = prune.prune()

    assert result.position == 3 and result.events == 3
    assert walked == [(7, 7), (0, 3)]
    assert AccessEvent.objects.count() == 4


def test_prune_refuses_a_row_changed_after_the_last_external_checkpoint(
    involved, household, old_and_new
):
    later = _write(involved.user, household, 1)
    seal.seal(checkpoint=False)
    lift_triggers()
    AccessEvent.objects.filter(pk=later[0].pk).update(action="household.list")

    result = prune.prune()

    assert result.refused == [f"regel {later[0].pk} (zegel 6) is gewijzigd of verwisseld"]
    assert AccessEvent.objects.count() == 6 and not SealPrune.objects.exists()


def test_prune_refuses_a_changed_row_in_the_range_it_would_remove(old_and_new):
    """Before the last external checkpoint, so the incremental verify does not see it: the
    check of the range to remove does."""
    old, _new = old_and_new
    lift_triggers()
    AccessEvent.objects.filter(pk=old[1].pk).update(action="household.list")
    assert verify(incremental=True).ok

    result = prune.prune()

    assert result.refused == [f"regel {old[1].pk} (zegel 2) is gewijzigd of verwisseld"]
    assert AccessEvent.objects.count() == 5 and not SealPrune.objects.exists()
