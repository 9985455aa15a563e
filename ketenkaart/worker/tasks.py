"""The functions the worker runs: each one of today's scheduler lines (docs/operations.md,
"Scheduled commands"), as a plain function. A job fails by raising: the worker records the
failure (django-q2's Task, success False) and the page `worker:status` shows it. What a job
returns is stored as its result, so it returns counts, never names or BSNs."""

from io import StringIO

from django.core.management import call_command

from ketenkaart.audit import seal


class JobFailed(RuntimeError):
    """A job that ran to its end but found something wrong (for example a row with a wrong key)."""


def _command(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue().strip()


def audit_seal() -> str:
    """`ketenkaart audit seal` (every minute): chains the new audit rows and checkpoints them."""
    result = seal.seal()
    if result.refused:
        # The keyed hash of these rows is wrong: never sealed; an operator has to look (NEN 7513).
        raise JobFailed(f"{len(result.refused)} regels niet verzegeld: sleutel klopt niet")
    return f"{result.sealed} regels verzegeld"


def audit_checkpoint() -> str:
    """`ketenkaart audit checkpoint` (hourly): a keyed checkpoint even when nothing was sealed,
    so the append-only file shows that the sealer is alive."""
    point = seal.checkpoint_create()
    return f"controlepunt bij zegel {point.position}"


def audit_verify() -> str:
    """`ketenkaart audit verify` (daily): fails when the log was altered."""
    return _command("audit", "verify")


def safety_teams_plan() -> str:
    return _command("safety_teams", "plan")


def safety_teams_deadlines() -> str:
    return _command("safety_teams", "deadlines")


def safety_teams_notices() -> str:
    return _command("safety_teams", "notices")


def measures_expire() -> str:
    return _command("measures_expire")


def questionnaires_remind() -> str:
    """`ketenkaart monitor remind` (daily): the one reminder, a week after sending, to whoever
    has not answered an open questionnaire (for parents: their regisseur)."""
    from ketenkaart.questionnaires import jobs

    return f"{jobs.remind()} herinnering(en) voor vragenlijsten verstuurd"


def sessions_clear_expired() -> str:
    """Django's `clearsessions` (hourly), on the session table this project uses: an ended
    session's row goes, so the table holds the live sessions only."""
    from django.utils import timezone

    from ketenkaart.core.models import UserSession

    ended, _by_model = UserSession.objects.filter(expire_date__lt=timezone.now()).delete()
    return f"{ended} verlopen sessies opgeruimd"
