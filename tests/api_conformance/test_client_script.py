"""The client script of docs/api.md (docs/examples/client.py) runs end to end against a live
test server, as a chain partner would run it: a wijkcoach, the colleague who accepts regie and
the police system account, with tokens; it uses only the standard library."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketenkaart.api.models import ApiToken, hash_token
from ketenkaart.households.models import Handover, HandoverOffer, Household, OfferState
from ketenkaart.organisations.models import Role
from ketenkaart.reports.models import Report
from ketenkaart.safety_maps.models import SafetyMapVersion
from ketenkaart.testing import factories as f

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "client.py"


def _token(professional) -> str:
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=professional.user, name="voorbeeld", digest=hash_token(raw))
    return raw


@pytest.mark.django_db(transaction=True)
def test_the_documented_client_does_the_main_flows(live_server, local_team, municipality, police):
    coach = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    receiver = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)  # not asked
    local_team.municipalities.add(municipality)
    env = {
        **os.environ,
        "KETENKAART_URL": f"{live_server.url}/api/v1",
        "KETENKAART_TOKEN": _token(coach),
        "KETENKAART_RECEIVER_TOKEN": _token(receiver),
        "KETENKAART_POLICE_TOKEN": _token(police),
    }

    run = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120
    )

    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Klaar." in run.stdout
    household = Household.objects.get()
    assert household.members.count() == 2
    assert SafetyMapVersion.objects.filter(map__household=household).count() == 2
    # Regie moved by the conversation: asked by the coach, accepted by the receiver.
    assert Handover.objects.filter(
        household=household, from_professional=coach, to_professional=receiver
    ).exists()
    offer = HandoverOffer.objects.get(household=household)
    assert (offer.state, offer.decided_by) == (OfferState.ACCEPTED, receiver)
    assert household.involvements.get(is_lead=True).professional == receiver
    report = Report.objects.get()
    assert report.registered_at is not None and report.received_at > report.registered_at


def test_docs_api_md_includes_the_script_as_it_is():
    docs = (SCRIPT.parents[1] / "api.md").read_text()
    block = docs.split("```python\n", 1)[1].split("```\n", 1)[0]
    assert block == SCRIPT.read_text()
