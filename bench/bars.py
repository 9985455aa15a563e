"""Drive every bar with wrk and print one line each (used by bench/run.sh).

    python bench/bars.py TARGETS.json APP_URL CEILING_URL SECONDS OUT.json

Prints `bench: NAME rps=N p50_ms=N p99_ms=N ratio=R load=L` per bar, where ratio is the
requests/s over the primary-key ceiling's requests/s of the same run and load the 1-minute
load average just before the run, and writes every figure to OUT.json.
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


def wrk(url: str, seconds: int, headers: dict, body: str | None = None) -> dict:
    warm_up(url, headers, body)
    args = ["wrk", "-t2", f"-c{os.environ.get('CONNECTIONS', '16')}", f"-d{seconds}s", "--latency"]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if body is not None:
            script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n')
            script.write('wrk.headers["Content-Type"] = "application/json"\n')
    args += ["-s", script.name, url]
    load = float(Path("/proc/loadavg").read_text().split()[0])
    run = subprocess.run(args, capture_output=True, text=True, check=True)  # noqa: S603
    output = run.stdout
    os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = milliseconds(re.search(r"50%\s+(\S+)", output).group(1))
    p99 = milliseconds(re.search(r"99%\s+(\S+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "load": load,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def main(targets_path, app, ceiling, seconds, out) -> None:
    t = json.loads(Path(targets_path).read_text())
    seconds = int(seconds)
    bearer = {"Authorization": f"Bearer {t['token']}"}
    session = {"Cookie": f"{t['cookie_name']}={t['session']}"}
    api = f"{app}/api/v1/gezinnen/{t['household']}"
    search = f"{app}/api/v1/personen/zoeken"
    bars = [
        ("bare_django", f"{ceiling}/bare", {}, None),
        ("pk_ceiling", f"{ceiling}/pk/{t['pk']}", {}, None),
        ("api_dossier", api, bearer, None),
        ("api_access_log", f"{api}/toegangslog", bearer, None),
        ("api_search_bsn", search, bearer, json.dumps({"bsn": t["bsn"]})),
        (
            "api_search_surname",
            search,
            bearer,
            json.dumps({"achternaam": t["surname"], "geboortedatum": t["birth_date"]}),
        ),
        ("page_mine", f"{app}/", session, None),
        ("page_dossier", f"{app}/gezinnen/{t['household']}", session, None),
        ("page_safety_map", f"{app}/gezinnen/{t['household']}/veiligheidskaart", session, None),
    ]
    results = {}
    ceiling_rps = None
    for name, url, headers, body in bars:
        result = wrk(url, seconds, headers, body)
        if name == "pk_ceiling":
            ceiling_rps = result["rps"]
        result["ratio"] = round(result["rps"] / ceiling_rps, 3) if ceiling_rps else None
        results[name] = result
        ratio = f"{result['ratio']:.3f}" if result["ratio"] is not None else "-"
        print(
            f"bench: {name} rps={result['rps']:.0f} p50_ms={result['p50_ms']:.1f} "
            f"p99_ms={result['p99_ms']:.1f} ratio={ratio} load={result['load']:.2f}"
            + (f" non_2xx={result['non_2xx']}" if result["non_2xx"] else ""),
            flush=True,
        )
    Path(out).write_text(json.dumps({"households": t["households"], "bars": results}, indent=2))
    print(f"bench: results in {out}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
