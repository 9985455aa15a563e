"""Median time to save a safety map version, and to render the map's history page, on a map
that already has 1,000 versions.

    .venv/bin/python bench/safety_map.py                       # a throw-away SQLite file
    scripts/with-postgres .venv/bin/python bench/safety_map.py # a throw-away PostgreSQL

Without DATABASE_URL it migrates a fresh SQLite database in a temporary folder; with it, it
migrates that (empty, throw-away) database. Nothing else is touched.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenkaart.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["KETENKAART_VAR_DIR"] = tempfile.mkdtemp(prefix="ketenkaart-bench-")
os.environ.pop("KETENKAART_DEMO", None)

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SAVES = int(os.environ.get("BENCH_SAVES", "300"))
RENDERS = int(os.environ.get("BENCH_RENDERS", "100"))
VERSIONS = 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    from ketenkaart.households.models import MemberRole
    from ketenkaart.safety_maps import services
    from ketenkaart.safety_maps.models import SafetyMap
    from ketenkaart.safety_maps.tests.conftest import add_versions, content
    from ketenkaart.testing import factories as f

    municipality = f.MunicipalityFactory(name="Benchdorp")
    professional = f.ProfessionalFactory(user__username="bench-wijkcoach")
    household = f.HouseholdFactory(municipality=municipality)
    f.MemberFactory(household=household, role=MemberRole.PARENT)
    f.InvolvementFactory(household=household, professional=professional, is_lead=True)

    services.safety_map_save(by=professional, household=household, content=content(), base_number=0)
    safety_map = SafetyMap.objects.get(household=household)
    add_versions(safety_map, professional, VERSIONS - 1, with_scores_for=professional)

    save_times = []
    for n in range(SAVES):
        base = safety_map.current_number + n
        started = time.perf_counter()
        services.safety_map_save(
            by=professional,
            household=household,
            content=content(strengths=[f"Meting {n}"]),
            scores=[services.ScoreInput("professional", professional.pk, n % 11, f"Reden {n}")],
            base_number=base,
        )
        save_times.append(time.perf_counter() - started)

    client = Client()
    client.force_login(professional.user)
    path = f"/gezinnen/{household.pk}/veiligheidskaart/versies"
    client.get(path)  # warm the template cache
    render_times = []
    for _ in range(RENDERS):
        started = time.perf_counter()
        response = client.get(path)
        render_times.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(path)

    total = SafetyMap.objects.get(pk=safety_map.pk).current_number
    print(f"database: {connection.vendor}; map with {VERSIONS} versions before, {total} after")
    print(
        f"save a version:      median {statistics.median(save_times) * 1000:.2f} ms "
        f"(p95 {sorted(save_times)[int(len(save_times) * 0.95)] * 1000:.2f} ms, n={SAVES})"
    )
    print(
        f"render history page: median {statistics.median(render_times) * 1000:.2f} ms "
        f"(p95 {sorted(render_times)[int(len(render_times) * 0.95)] * 1000:.2f} ms, "
        f"n={RENDERS}, {len(queries)} queries)"
    )


if __name__ == "__main__":
    main()
