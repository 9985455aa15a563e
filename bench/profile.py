"""Where one request of each kind spends its time, in process (Django test client).

    DATABASE_URL=postgres://... .venv/bin/python bench/profile.py [RUNS] [KIND...]

KIND names the requests to profile (api_dossier, page_mine, api_map_save, ...; all when none
is given). api_map_save saves a new version of the family's map each run, with the ETag of the
previous answer as If-Match (as bench/map_save.lua does).
PROFILE_SQL=1 also prints each statement's median time (the first 100 characters of its SQL);
PROFILE_TREE=1 prints pyinstrument's call tree of the runs.

Run it against a database that already holds generated volume (`ketenkaart generate`; bench/run.sh
does both). For each request: the median wall time over RUNS runs, the SQL statements and the
time spent waiting on them, and a pyinstrument profile of the same runs folded into buckets
(SQL compilation, database driver, templates, DRF, our own code, the rest of Django).
"""

import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenkaart.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from ketenkaart.api.models import ApiToken, hash_token  # noqa: E402
from ketenkaart.households.models import Involvement, Member  # noqa: E402
from ketenkaart.organisations.models import Professional, Role  # noqa: E402
from ketenkaart.safety_maps import api_content  # noqa: E402
from ketenkaart.safety_maps.content import normalised  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
# What the privacy officer's bar searches for: two letters in a quarter of Dutch surnames.
PRIVACY_SEARCH = "de"

BUCKETS = [
    ("SQL compilation", ("django/db/models/sql", "django/db/models/expressions", "lookups")),
    ("database driver", ("psycopg", "sqlite3", "django/db/backends")),
    ("templates", ("django/template", "django/templatetags")),
    ("DRF", ("rest_framework", "drf_spectacular")),
    ("ketenkaart", ("ketenkaart/",)),
    ("rest of Django", ("django/",)),
]


def bucket(path: str) -> str:
    for name, needles in BUCKETS:
        if any(n in path for n in needles):
            return name
    return "other"


def fold(frame, totals: dict, parent_path: str = "") -> None:
    """Add each frame's own time to its bucket; "[self]" leaves belong to their parent."""
    path = frame.file_path or parent_path
    own = frame.time - sum(child.time for child in frame.children)
    name = bucket(path)
    totals[name] = totals.get(name, 0.0) + own
    for child in frame.children:
        fold(child, totals, path)


class Counter:
    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.statements: dict[str, list[float]] = {}

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - start
            self.seconds += spent
            self.count += 1
            self.statements.setdefault(sql[:100], []).append(spent)


def requests():
    lead = (
        Involvement.objects.filter(is_lead=True, household__closed_at__isnull=True)
        .select_related("professional__user", "professional__organisation")
        .order_by("household_id")
        .first()
    )
    household = lead.household_id
    user = lead.professional.user
    stranger = Member.objects.exclude(household_id=household).select_related("person")
    person = stranger.filter(person__birth_date__isnull=False).exclude(person__bsn="").last()
    api = f"/api/v1/gezinnen/{household}"
    search = "/api/v1/personen/zoeken"
    by_bsn = {"bsn": person.person.bsn}
    by_name = {"achternaam": person.person.surname, "geboortedatum": str(person.person.birth_date)}
    region = lead.professional.organisation.region_id
    vt = Professional.objects.filter(role=Role.VEILIG_THUIS, organisation__region_id=region)
    convener = Professional.objects.filter(
        role=Role.EXEMPTION_TABLE, organisation__region_id=region
    )
    privacy = Professional.objects.filter(
        role=Role.PRIVACY_OFFICER, organisation__region_id=region
    ).select_related("user")
    others = {
        "page_vt_queue": vt.select_related("user").order_by("pk").first(),
        "page_ventieltafel_queue": convener.select_related("user").first(),
        "home_privacy": privacy.first(),
        "home_privacy_search": privacy.first(),
    }
    return (
        user,
        others,
        [
            # The floor: what any signed-in page costs (session, user, menu; no family read, no
            # audit row).
            ("floor_page", "get", "/over/help", None),
            ("api_dossier", "get", api, None),
            ("api_access_log", "get", f"{api}/toegangslog", None),
            ("api_search_bsn", "post", search, by_bsn),
            ("api_search_surname", "post", search, by_name),
            ("page_mine", "get", "/", None),
            ("page_dossier", "get", f"/gezinnen/{household}", None),
            ("page_safety_map", "get", f"/gezinnen/{household}/veiligheidskaart", None),
            ("page_vt_queue", "get", "/meldingen", None),
            ("page_ventieltafel_queue", "get", "/ventieltafel", None),
            ("home_regisseur", "get", "/start", None),
            ("home_privacy", "get", "/start", None),
            ("home_privacy_search", "get", f"/start?zoek={PRIVACY_SEARCH}", None),
            ("api_map_save", "put", f"{api}/veiligheidskaart", None),
        ],
    )


def map_body() -> str:
    """A map with one numbered strength (__N__): every save a new version, as bench/run.sh's
    map_body."""
    content = normalised(None)
    content["strengths"] = ["Moment __N__ ging goed"]
    return json.dumps({"inhoud": api_content.to_api(content)}, ensure_ascii=False)


def main(runs: int, only: list[str]) -> None:
    user, others, kinds = requests()
    kinds = [kind for kind in kinds if not only or kind[0] in only]
    # The API as a script calls it (and as bench/bars.py drives it): a bearer token, no session.
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=user, name="bench/profile.py", digest=hash_token(raw))
    api = Client(headers={"authorization": f"Bearer {raw}"})
    print(f"profile: {runs} runs each, database {connection.vendor}")
    saved, template, etag = itertools.count(1), map_body(), {}
    for name, method, url, body in kinds:
        acting = others.get(name)
        if name in others and acting is None:
            continue
        client = Client()
        client.force_login(acting.user if acting is not None else user)

        def once(method=method, url=url, body=body, client=client):
            client_ = api if url.startswith("/api/") else client
            if method == "put":
                response = client_.put(
                    url,
                    template.replace("__N__", str(next(saved))),
                    content_type="application/json",
                    headers={"if-match": etag.get(url) or client_.get(url)["ETag"]},
                )
                etag[url] = response["ETag"]
            elif method == "get":
                response = client_.get(url)
            else:
                response = client_.post(url, body, content_type="application/json")
            assert response.status_code == 200, (url, response.status_code)

        once()
        counter = Counter()
        wall = []
        with connection.execute_wrapper(counter):
            for _ in range(runs):
                start = time.perf_counter()
                once()
                wall.append(time.perf_counter() - start)
        profiler = Profiler(interval=0.001, use_timing_thread=True)
        profiler.start()
        for _ in range(runs):
            once()
        profiler.stop()
        totals: dict = {}
        root = profiler.last_session.root_frame()
        if root is not None:  # no sample at all when the runs were too quick for the interval
            fold(root, totals)
        spent = sum(totals.values()) or 1
        shares = ", ".join(
            f"{k} {100 * v / spent:.0f}%" for k, v in sorted(totals.items(), key=lambda x: -x[1])
        )
        print(
            f"profile: {name} median_ms={1000 * statistics.median(wall):.1f} "
            f"queries={counter.count // runs} db_ms={1000 * counter.seconds / runs:.1f} | {shares}"
        )
        if os.environ.get("PROFILE_TREE"):
            print(profiler.output_text(unicode=False, color=False))
        if os.environ.get("PROFILE_SQL"):
            for sql, times in counter.statements.items():
                print(f"profile:   {1000 * statistics.median(times):6.2f} ms  {sql}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20, sys.argv[2:])
