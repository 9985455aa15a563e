"""The demo maps: several versions over months per demo household, loaded once."""

from types import SimpleNamespace

from ketenkaart.safety_maps.demo import seed
from ketenkaart.safety_maps.models import SafetyMap, SafetyMapVersion, SafetyScore


def test_demo_households_get_maps_with_a_film_and_a_second_run_adds_nothing(
    involved, colleague, household, region
):
    assert seed(SimpleNamespace(region=region)) == 1
    versions = list(SafetyMapVersion.objects.order_by("number"))
    assert len(versions) == 6
    assert versions[0].created_at < versions[-1].created_at
    assert any(v.agreed_with_family for v in versions)
    assert versions[2].organisation == colleague.organisation  # VT set the conditions
    assert SafetyScore.objects.filter(professional=colleague).count() == 2

    assert seed(SimpleNamespace(region=region)) == 0
    assert SafetyMap.objects.count() == 1
