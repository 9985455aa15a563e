"""Drive every bar with wrk and print one line each (used by bench/run.sh).

    python bench/bars.py TARGETS.json APP_URL CEILING_URL SECONDS OUT.json

Prints `bench: NAME rps=N p50_ms=N p99_ms=N ratio=R load=L` per bar at 16 connections, where
ratio is the requests/s over the primary-key ceiling's requests/s of the same run and load the
1-minute load average just before the run, then `bench: single NAME p50_ms=N p95_ms=N` per page
for one user at a time (one connection, half the time), and writes every figure to OUT.json.

The map save (`PUT …/veiligheidskaart`) needs a new body and the ETag of the previous answer
on every request: each wrk thread has one connection and its own household, keeps the ETag of
its last answer and numbers its bodies (bench/map_save.lua).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
HERE = Path(__file__).resolve().parent
# Every script ends with this: the percentiles wrk's --latency does not print (p95), in ms.
DONE = """
done = function(summary, latency, requests)
  io.write(string.format("percentiles: p50=%.3f p95=%.3f p99=%.3f\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def milliseconds(text: str) -> float:
    """wrk's latency ("350.00us", "1.20s"); NaN when it had none (no request completed)."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if match is None:
        return float("nan")
    number, unit = match.groups()
    return float(number) * UNITS[unit]


def warm_up(url: str, headers: dict, body: str | None) -> int:
    """A few requests first, so every worker has connected and imported what it needs."""
    status = 0
    for _ in range(8):
        data = body.encode() if body is not None else None
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        if body is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            status = response.status
    return status


def wrk(
    url: str,
    seconds: int,
    headers: dict,
    body: str | None = None,
    *,
    connections: int | None = None,
    lua: str = "",
    warm: bool = True,
) -> dict:
    if warm:
        warm_up(url, headers, body)
    connections = connections or int(os.environ.get("CONNECTIONS", "16"))
    threads = connections if lua else min(2, connections)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if body is not None:
            script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n')
            script.write('wrk.headers["Content-Type"] = "application/json"\n')
        script.write(lua)
        script.write(DONE)
    args += ["-s", script.name, url]
    load = float(Path("/proc/loadavg").read_text().split()[0])
    run = subprocess.run(args, capture_output=True, text=True, check=True)  # noqa: S603
    output = run.stdout
    os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = milliseconds(re.search(r"50%\s+(\S+)", output).group(1))
    p99 = milliseconds(re.search(r"99%\s+(\S+)", output).group(1))
    percentiles = re.search(r"percentiles: p50=([\d.]+) p95=([\d.]+) p99=([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if percentiles:  # wrk's own histogram, in ms; the text form above is the fallback
        p50, p95, p99 = (float(percentiles.group(n)) for n in (1, 2, 3))
    else:
        p95 = float("nan")
    return {
        "rps": rps,
        "p50_ms": p50,
        "p95_ms": p95,
        "p99_ms": p99,
        "load": load,
        "connections": connections,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def map_save_lua(t: dict) -> str:
    """One household, bearer token and ETag per thread (one connection each)."""
    households = json.dumps([m["household"] for m in t["map_save"]])[1:-1]
    return (
        (HERE / "map_save.lua")
        .read_text()
        .replace("__HOUSEHOLDS__", households)
        .replace("__TOKEN__", t["token"])
        .replace("__BODY__", t["map_body"])
    )


def show(name: str, result: dict) -> None:
    ratio = f"{result['ratio']:.3f}" if result.get("ratio") is not None else "-"
    print(
        f"bench: {name} rps={result['rps']:.0f} p50_ms={result['p50_ms']:.1f} "
        f"p99_ms={result['p99_ms']:.1f} ratio={ratio} load={result['load']:.2f}"
        + (f" non_2xx={result['non_2xx']}" if result["non_2xx"] else ""),
        flush=True,
    )


def main(targets_path, app, ceiling, seconds, out) -> None:
    t = json.loads(Path(targets_path).read_text())
    seconds = int(seconds)
    bearer = {"Authorization": f"Bearer {t['token']}"}

    def session(key: str) -> dict:
        return {"Cookie": f"{t['cookie_name']}={t[key]}"}

    api = f"{app}/api/v1/gezinnen/{t['household']}"
    search = f"{app}/api/v1/personen/zoeken"
    dossier = f"{app}/gezinnen/{t['household']}"
    pages = [
        ("page_mine", f"{app}/", session("session")),
        ("page_dossier", dossier, session("session")),
        ("page_safety_map", f"{dossier}/veiligheidskaart", session("session")),
        ("page_vt_queue", f"{app}/meldingen", session("vt_session")),
        ("page_ventieltafel_queue", f"{app}/ventieltafel", session("convener_session")),
        ("home_regisseur", f"{app}/start", session("session")),
        ("home_privacy", f"{app}/start", session("privacy_session")),
        ("home_privacy_search", f"{app}/start?zoek=de", session("privacy_session")),
    ]
    by_bsn = json.dumps({"bsn": t["bsn"]})
    by_name = json.dumps({"achternaam": t["surname"], "geboortedatum": t["birth_date"]})
    bars = [
        ("bare_django", f"{ceiling}/bare", {}, None),
        ("pk_ceiling", f"{ceiling}/pk/{t['pk']}", {}, None),
        # The floor: any signed-in page (session, user, menu), with no family read and no audit
        # row. No page is cheaper.
        ("floor_page", f"{app}/over/help", session("session"), None),
        ("api_dossier", api, bearer, None),
        ("api_access_log", f"{app}/api/v1/gezinnen/{t['log_household']}/toegangslog", bearer, None),
        ("api_search_bsn", search, bearer, by_bsn),
        ("api_search_surname", search, bearer, by_name),
        *((name, url, headers, None) for name, url, headers in pages),
    ]
    # One user at a time: the key pages and the person search (its bar: p95 ≤ 30 ms).
    singles = [
        *((name, url, headers, None) for name, url, headers in pages),
        ("api_search_bsn", search, bearer, by_bsn),
        ("api_search_surname", search, bearer, by_name),
    ]
    # BENCH_ONLY=api_dossier,page_mine: only those bars (and always the two ceilings).
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
    if only:
        bars = [bar for bar in bars if bar[0] in only | {"bare_django", "pk_ceiling"}]
        singles = [single for single in singles if single[0] in only]
    results = {}
    ceiling_rps = None
    for name, url, headers, body in bars:
        result = wrk(url, seconds, headers, body)
        if name == "pk_ceiling":
            ceiling_rps = result["rps"]
        result["ratio"] = round(result["rps"] / ceiling_rps, 3) if ceiling_rps else None
        results[name] = result
        show(name, result)
    single = {}
    for name, url, headers, body in singles:
        one = wrk(url, max(2, seconds // 2), headers, body, connections=1, warm=False)
        single[name] = one
        print(
            f"bench: single {name} rps={one['rps']:.0f} p50_ms={one['p50_ms']:.1f} "
            f"p95_ms={one['p95_ms']:.1f} load={one['load']:.2f}"
            + (f" non_2xx={one['non_2xx']}" if one["non_2xx"] else ""),
            flush=True,
        )
    # Last: its sixteen writers leave WAL and vacuum work behind that would slow what follows.
    saves = t["map_save"]
    result = (
        {}
        if only and "api_map_save" not in only
        else wrk(
            f"{app}/api/v1/gezinnen/{saves[0]['household']}/veiligheidskaart",
            seconds,
            {},
            connections=len(saves),
            lua=map_save_lua(t),
            warm=False,
        )
    )
    if result:
        result["ratio"] = round(result["rps"] / ceiling_rps, 3) if ceiling_rps else None
        results["api_map_save"] = result
        show("api_map_save", result)

    Path(out).write_text(
        json.dumps(
            {"households": t["households"], "bars": results, "single_user": single}, indent=2
        )
    )
    print(f"bench: results in {out}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
