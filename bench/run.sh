#!/usr/bin/env bash
# make bench: every bar of issue 17 against the primary-key ceiling, in one run.
#
#   bench/run.sh                     (BENCH_HOUSEHOLDS=100000 BENCH_SECONDS=20 BENCH_WORKERS=2)
#
# A throw-away PostgreSQL 15 (scripts/with-postgres), synthetic volume (`ketenkaart generate`),
# a 1M-row table for the ceiling, VACUUM ANALYZE, then the production settings under gunicorn beside
# a bare Django project (bench/ceiling.py) and wrk at 16 connections on each bar
# (bench/bars.py). Results: one `bench:` line per bar and bench/results.json (or BENCH_OUT).
# BENCH_PROFILE=N first profiles each request N times in process (bench/profile.py);
# BENCH_ONLY=api_dossier,page_mine drives only those bars (and the two ceilings);
# BENCH_GENERATE=0 with DATABASE_URL measures a database that already holds the volume.
# Not part of make test. Everything stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${DATABASE_URL:-}" ]]; then
    exec scripts/with-postgres "$0" "$@"
fi
command -v wrk >/dev/null || { echo "bench: wrk missing (apt-get install wrk)" >&2; exit 1; }
households=${BENCH_HOUSEHOLDS:-100000}
seconds=${BENCH_SECONDS:-20}
workers=${BENCH_WORKERS:-2}
out=${BENCH_OUT:-bench/results.json}
ketenkaart=.venv/bin/ketenkaart
work=$(mktemp -d)
# The production settings, for the server and for the session the pages are read with.
export SECRET_KEY
SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))')
# The person search limit (30 per 10 minutes per user) would answer 429 to the load itself.
production=(env KETENKAART_PRODUCTION=1 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 CONN_MAX_AGE=600
    KETENKAART_PERSON_SEARCH_LIMIT=100000000/60)
"${production[@]}" "$ketenkaart" collectstatic --no-input -v0
"$ketenkaart" migrate -v0
if [[ "${BENCH_GENERATE:-1}" != 0 ]]; then
    start=$(date +%s)
    "$ketenkaart" generate --households "$households" --seed 1 | tail -1
    echo "bench: generated $households households in $(( $(date +%s) - start ))s"
fi
.venv/bin/python bench/ceiling.py setup
BENCH_TARGETS="$work/targets.json" BENCH_HOUSEHOLDS="$households" \
    "${production[@]}" "$ketenkaart" shell --no-imports -c '
import json, os
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client
from ketenkaart.households.models import Involvement, Member
from ketenkaart.organisations.models import Professional, Role
from ketenkaart.safety_maps import api_content
from ketenkaart.safety_maps.content import normalised
# VACUUM too, as after a restore: otherwise autovacuum works through the millions of rows just
# written while the first bars run (at 500,000 households it took minutes of the two cores).
with connection.cursor() as cursor:
    cursor.execute("VACUUM ANALYZE")
# The regisseur with the most open families: one for the reads, sixteen more for the map save.
open_leads = Involvement.objects.filter(is_lead=True, household__closed_at__isnull=True)
busiest = open_leads.values("professional").annotate(n=Count("pk")).order_by("-n", "professional")[0]
mine = list(open_leads.filter(professional=busiest["professional"]).order_by("household_id").values_list("household_id", flat=True))
lead = open_leads.filter(household_id=mine[0]).select_related("professional__user").get()
other = Member.objects.exclude(household_id=lead.household_id).filter(person__birth_date__isnull=False).exclude(person__bsn="").select_related("person").last()
vt = Professional.objects.filter(role=Role.VEILIG_THUIS, organisation__region_id=lead.household.region_id).select_related("user").order_by("pk").first()
convener = Professional.objects.filter(role=Role.EXEMPTION_TABLE, organisation__region_id=lead.household.region_id).select_related("user").first()
privacy = Professional.objects.filter(role=Role.PRIVACY_OFFICER, organisation__region_id=lead.household.region_id).select_related("user").first()
def session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value
content = normalised(None)
content["strengths"] = ["Moment __N__ ging goed"]
targets = {
    "households": int(os.environ["BENCH_HOUSEHOLDS"]),
    "username": lead.professional.user.username,
    "household": str(lead.household_id),
    # The toegangslog bar reads a family the other bars leave alone: its log holds only the
    # rows of that bar itself, at 100,000 and at 500,000 households alike.
    "log_household": str(mine[-1]),
    "cookie_name": settings.SESSION_COOKIE_NAME,
    "session": session_of(lead.professional.user),
    "vt_session": session_of(vt.user),
    "convener_session": session_of(convener.user),
    "privacy_session": session_of(privacy.user),
    "map_save": [{"household": str(h)} for h in mine[1:17]],
    "map_body": json.dumps({"inhoud": api_content.to_api(content)}, ensure_ascii=False),
    "bsn": other.person.bsn,
    "surname": other.person.surname,
    "birth_date": str(other.person.birth_date),
    "pk": 654321,
}
saves = len(targets["map_save"])
print(f"bench: regisseur with {len(mine)} open families; map save on {saves} of them")
open(os.environ["BENCH_TARGETS"], "w").write(json.dumps(targets))'
if [[ -n "${BENCH_PROFILE:-}" ]]; then
    .venv/bin/python bench/profile.py "$BENCH_PROFILE"
fi
username=$(.venv/bin/python -c 'import json,sys; print(json.load(open(sys.argv[1]))["username"])' "$work/targets.json")
token=$("$ketenkaart" token create --user "$username" | awk '{print $NF}')
.venv/bin/python - "$work/targets.json" "$token" <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); t["token"] = sys.argv[2]; json.dump(t, open(sys.argv[1], "w"))
PY
free_port() { .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
app_port=$(free_port)
ceiling_port=$(free_port)
# The app's and the ceiling's gunicorn would share the one default control socket: neither opens it.
"${production[@]}" .venv/bin/gunicorn ketenkaart.wsgi -w "$workers" -b "127.0.0.1:$app_port" \
    --log-level warning --no-control-socket &
app=$!
.venv/bin/gunicorn --chdir bench ceiling:application -w "$workers" -b "127.0.0.1:$ceiling_port" \
    --log-level warning --no-control-socket &
ceiling=$!
trap 'kill "$app" "$ceiling" 2>/dev/null; wait "$app" "$ceiling" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$app_port/healthz" \
        && curl -fs -o /dev/null "http://127.0.0.1:$ceiling_port/bare" && break
    sleep 0.2
done
.venv/bin/python bench/bars.py "$work/targets.json" "http://127.0.0.1:$app_port" \
    "http://127.0.0.1:$ceiling_port" "$seconds" "$out"
