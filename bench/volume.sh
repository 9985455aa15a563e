#!/bin/sh
# Time `ketenkaart generate --households N` on a fresh, throw-away database.
#
#   bench/volume.sh [N] [sqlite|postgresql]      (defaults: 100000 sqlite)
#
# sqlite: a new database file in a temporary directory.
# postgresql: a throw-away PostgreSQL 15 cluster on a free loopback port, run as an unprivileged
# user when called as root, stopped and removed afterwards.
set -eu
N=${1:-100000}
ENGINE=${2:-sqlite}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KETENKAART="$ROOT/.venv/bin/ketenkaart"
WORK=$(mktemp -d /tmp/ketenkaart-bench.XXXXXX)

run() {
    "$KETENKAART" migrate -v0
    /usr/bin/time -f "wall %e s, max rss %M KB" "$KETENKAART" generate --households "$N" --seed 1
}

case "$ENGINE" in
sqlite)
    trap 'rm -rf "$WORK"' EXIT
    export KETENKAART_VAR_DIR="$WORK"
    run
    ;;
postgresql)
    PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
    [ -x "$PGBIN/initdb" ] || PGBIN=$(dirname "$(command -v initdb)")
    AS=""
    if [ "$(id -u)" = 0 ]; then
        PGUSER_OS=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
        chown "$PGUSER_OS" "$WORK"
        AS="runuser -u $PGUSER_OS --"
    fi
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    stop() {
        $AS "$PGBIN/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true
        rm -rf "$WORK"
    }
    trap stop EXIT
    $AS "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 >/dev/null
    $AS "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w \
        -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
    $AS "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres ketenkaart
    export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/ketenkaart"
    run
    ;;
*)
    echo "usage: $0 [N] [sqlite|postgresql]" >&2
    exit 2
    ;;
esac
