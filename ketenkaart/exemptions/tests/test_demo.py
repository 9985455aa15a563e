"""The demo's ventieltafel: the eviction case's sentence, the signal, and idempotence."""

import pytest

from ketenkaart.demo.loader import load_demo
from ketenkaart.exemptions.models import ExemptionRequest, PolicySignal

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_stories_and_loads_twice(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    load_demo()
    assert ExemptionRequest.objects.count() == 5
    eviction = ExemptionRequest.objects.get(rule__startswith="Huurachterstand")
    # Shelter 15,000/yr × 3 months = 3,750 + crisis placement 180/day × 91.25 × 3 = 16,425:
    # 20,175 for the municipality in three months, against 4,800 arrears paid off.
    assert eviction.cost_benefit.cost_muddling_on >= 20000
    # The range takes the shelter's own catalogue bounds (€15,000-€70,000 a year, with
    # mental-health support), not ±20%: high = 20,735 - 750 + (17,500 - 3,750).
    assert eviction.cost_benefit.summary == (
        "Doorbraak bespaart naar schatting €15.375 over 3 maanden "
        "(tussen €11.678 en €33.735); het kost de gemeente €4.800."
    )
    signal = PolicySignal.objects.get()
    assert signal.requests.count() == 3 and signal.status == "open"
