"""Import 100,000 police zorgmeldingen from a generated file, then show that an import killed
halfway and run again leaves no duplicates and no half-stored meldingen.

    .venv/bin/python bench/police_import.py                        # a throw-away SQLite file
    scripts/with-postgres .venv/bin/python bench/police_import.py  # a throw-away PostgreSQL

Without DATABASE_URL it migrates a fresh SQLite database in a temporary folder; with it, it
migrates that (empty, throw-away) database. BENCH_MESSAGES sets the number (default 100,000);
a third of the children are known persons (so the radar finds their household).
BENCH_PROFILE=1 prints a pyinstrument profile of the first import.
"""

import datetime
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenkaart.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["KETENKAART_VAR_DIR"] = tempfile.mkdtemp(prefix="ketenkaart-bench-")
os.environ.pop("KETENKAART_DEMO", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

MESSAGES = int(os.environ.get("BENCH_MESSAGES", "100000"))
KNOWN_HOUSEHOLDS = 2000
BATCH = 1000


def generate(path: Path, known_bsns: list[str]) -> None:
    rng = random.Random(1)  # noqa: S311 - synthetic data
    with path.open("w") as handle:
        handle.write("[")
        for n in range(MESSAGES):
            forms = [
                {
                    "kenmerk": f"ZM-{n}-{k}",
                    "soort": "Zorgmelding jeugd" if k == 0 else "Mutatie huiselijk geweld",
                    "datum": "2025-03-01",
                    "inhoud": "Ruzie bij de overdracht van de kinderen; buren belden 112.",
                }
                for k in range(1 if rng.random() < 0.7 else 2)
            ]
            known = n % 3 == 0
            child = {
                "rol": "kind",
                "voornamen": "Kind",
                "achternaam": f"Achternaam{n}",
                "geboortedatum": (
                    datetime.date(2010, 1, 1) + datetime.timedelta(days=n % 5000)
                ).isoformat(),
                "bsn": known_bsns[n % len(known_bsns)] if known else "",
            }
            parent = {"rol": "ouder", "voornamen": "Ouder", "achternaam": f"Achternaam{n}"}
            message = {
                "registratienummer": f"PL1700-2025-{n:07d}",
                "acuut": n % 20 == 0,
                "melder": {"naam": "Agent Bench", "telefoon": "0900-8844"},
                "personen": [child, parent],
                "formulieren": forms,
            }
            handle.write(("," if n else "") + json.dumps(message))
        handle.write("]")


def counts() -> dict:
    from ketenkaart.reports.models import PoliceReport, Report, ReportPerson

    return {
        "meldingen": Report.objects.count(),
        "formulieren": PoliceReport.objects.count(),
        "personen": ReportPerson.objects.count(),
        "zonder formulier": Report.objects.filter(police_forms__isnull=True).count(),
        "zonder personen": Report.objects.filter(persons__isnull=True).count(),
        "aan een gezin": Report.objects.filter(household__isnull=False).count(),
    }


def clear_reports() -> None:
    from ketenkaart.reports.models import PoliceReport, Report, ReportPerson

    PoliceReport.objects.all().delete()
    ReportPerson.objects.all().delete()
    Report.objects.all().delete()


def main() -> None:
    call_command("migrate", verbosity=0)
    from ketenkaart.households.models import Person
    from ketenkaart.organisations.models import Role
    from ketenkaart.reports.importer import import_file
    from ketenkaart.testing import factories as f

    region = f.RegionFactory(name="Benchregio")
    police = f.ProfessionalFactory(
        user__username="bench-politie",
        organisation=f.OrganisationFactory(region=region, police=True, name="Politie Bench"),
        role=Role.POLICE,
    )
    municipality = f.MunicipalityFactory(region=region, name="Benchdorp")
    for _ in range(KNOWN_HOUSEHOLDS):
        f.MemberFactory(household=f.HouseholdFactory(municipality=municipality), role="child")
    known_bsns = list(Person.objects.values_list("bsn", flat=True))

    folder = Path(tempfile.mkdtemp(prefix="ketenkaart-zorgmeldingen-"))
    path = folder / "zorgmeldingen.json"
    started = time.perf_counter()
    generate(path, known_bsns)
    print(
        f"file: {MESSAGES:,} messages, {path.stat().st_size / 1e6:.0f} MB, "
        f"generated in {time.perf_counter() - started:.1f} s"
    )

    profiler = None
    if os.environ.get("BENCH_PROFILE"):
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.005)
        profiler.start()
    started = time.perf_counter()
    result = import_file(path, by=police, batch_size=BATCH)
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    print(
        f"{connection.vendor}: import of {MESSAGES:,} in {seconds:.1f} s "
        f"({MESSAGES / seconds:,.0f} meldingen/s); created {result.created:,}"
    )
    print(f"  {counts()}")

    started = time.perf_counter()
    again = import_file(path, by=police, batch_size=BATCH)
    seconds = time.perf_counter() - started
    print(
        f"same file again: {seconds:.1f} s, created {again.created}, unchanged {again.unchanged:,}"
    )

    # Interrupted: the command in its own process, killed hard after a few seconds.
    clear_reports()
    connection.close()
    command = [
        sys.executable,
        "-m",
        "ketenkaart",
        "import_zorgmeldingen",
        str(path),
        "--user",
        "bench-politie",
        "--batch-size",
        str(BATCH),
        "--skip-checks",
    ]
    process = subprocess.Popen(command, env=os.environ.copy(), cwd=ROOT)  # noqa: S603
    time.sleep(float(os.environ.get("BENCH_KILL_AFTER", "12")))
    process.send_signal(signal.SIGKILL)
    process.wait()
    after_kill = counts()
    print(f"killed (SIGKILL) mid-import: {after_kill}")
    started = time.perf_counter()
    rerun = import_file(path, by=police, batch_size=BATCH)
    print(
        f"rerun: {time.perf_counter() - started:.1f} s, created {rerun.created:,}, "
        f"unchanged {rerun.unchanged:,}"
    )
    final = counts()
    print(f"after rerun: {final}")
    assert final["meldingen"] == MESSAGES
    assert final["zonder formulier"] == final["zonder personen"] == 0
    assert after_kill["meldingen"] % BATCH == 0, "a batch was stored half"
    print("OK: no duplicates, no half-stored meldingen")


if __name__ == "__main__":
    main()
