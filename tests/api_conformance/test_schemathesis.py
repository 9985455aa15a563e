"""Schemathesis on every operation of the OpenAPI document, against a live test server, as four
roles (a signaleerder, Veilig Thuis, the police and a wijkcoach who has regie), bounded in time.
It fails on any 5xx, any status the document does not list, and any answer outside the document
(schema, content type, headers)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketenkaart.api.models import ApiToken, hash_token
from ketenkaart.reports import services as reports
from ketenkaart.reports.tests.conftest import REPORTER, child_input

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
    ]
)
# Seconds per role: four roles stay within a few minutes on the CI machine.
SECONDS_PER_ROLE = int(os.environ.get("KETENKAART_SCHEMATHESIS_SECONDS", "30"))


def _token(professional) -> str:
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=professional.user, name="schemathesis", digest=hash_token(raw))
    return raw


@pytest.fixture
def known_ids(household, involved, signaler, child) -> dict[str, str]:
    """Ids of resources that exist, so that operations are tried beyond their 404."""
    report = reports.report_create(
        by=signaler,
        reporter=REPORTER,
        summary="Noor is stil op school.",
        persons=[child_input(child)],
    )
    return {"path.gezin": str(household.pk), "path.melding": str(report.pk)}


@pytest.mark.parametrize("role", ["signaleerder", "veilig_thuis", "politie", "regisseur"])
def test_schemathesis_finds_no_error(live_server, roles, involved, known_ids, role, tmp_path):
    professional = {**roles, "regisseur": involved}[role]
    config = tmp_path / "schemathesis.toml"
    config.write_text("[parameters]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in known_ids.items()))
    report = tmp_path / "report.json"
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config),
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--url",
        f"{live_server.url}/api/v1",
        "-H",
        f"Authorization: Bearer {_token(professional)}",
        "--checks",
        CHECKS,
        "--phases",
        "examples,coverage,fuzzing",
        "--max-time",
        str(SECONDS_PER_ROLE),
        "--workers",
        "1",
        "--seed",
        "20261201",
        "--request-timeout",
        "20",
        "--generation-database",
        "none",
        "--no-color",
        "--warnings",
        "off",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    result = subprocess.run(  # noqa: S603 - our own command line
        command, capture_output=True, text=True, timeout=SECONDS_PER_ROLE * 4 + 60, check=False
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    if report.exists():
        summary = json.loads(report.read_text())
        assert summary, summary
