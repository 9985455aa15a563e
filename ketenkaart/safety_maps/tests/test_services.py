"""Saving the map: every save a new immutable version, stale saves refused, VT's conditions."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.safety_maps import selectors, services
from ketenkaart.safety_maps.models import SafetyMap, SafetyMapVersion, SafetyScore
from ketenkaart.safety_maps.tests.conftest import add_versions, content, save
from ketenkaart.testing import factories as f


def test_the_first_save_creates_the_map_and_version_1_with_its_audit_event(involved, household):
    version = save(involved, household, 0, strengths=["Oma helpt elke woensdag."])

    assert version.number == 1
    assert version.map.current_number == 1
    assert version.author == involved
    assert version.organisation == involved.organisation
    assert version.content["strengths"] == ["Oma helpt elke woensdag."]
    event = AccessEvent.objects.get(action="safety_map.version.saved")
    assert event.household_id == household.pk
    assert event.object_id == str(version.pk)


def test_every_save_is_a_new_version_and_nothing_is_overwritten(involved, household):
    save(involved, household, 0, strengths=["Eerste"])
    save(involved, household, 1, strengths=["Tweede"])

    versions = list(SafetyMapVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].content["strengths"] == ["Eerste"]
    assert versions[1].changed_sections == ["strengths"]


def test_a_stale_save_is_refused_and_stores_nothing(involved, colleague, household):
    save(involved, household, 0)
    save(colleague, household, 1, strengths=["Vader zoekt hulp"])

    with pytest.raises(services.StaleVersion) as refused:
        save(involved, household, 1, strengths=["Iets anders"])

    assert refused.value.current_number == 2
    assert SafetyMapVersion.objects.count() == 2
    assert SafetyMap.objects.get().current_number == 2
    assert AccessEvent.objects.filter(action="safety_map.version.saved").count() == 2


def test_a_second_first_save_is_stale(involved, colleague, household):
    save(involved, household, 0)

    with pytest.raises(services.StaleVersion):
        save(colleague, household, 0)

    assert SafetyMap.objects.count() == 1


def test_only_veilig_thuis_sets_the_safety_conditions(involved, colleague, household):
    with pytest.raises(DomainError) as refused:
        save(involved, household, 0, safetyConditions=["Geen alcohol in huis"])
    assert refused.value.field == "safetyConditions"
    assert not SafetyMap.objects.exists()
    assert not SafetyMapVersion.objects.exists()

    save(colleague, household, 0, safetyConditions=["Geen alcohol in huis"])
    # Others keep the conditions as they are while they change the rest of the map.
    save(involved, household, 1, safetyConditions=["Geen alcohol in huis"], strengths=["Rust"])
    with pytest.raises(DomainError):
        save(involved, household, 2, safetyConditions=[])
    assert SafetyMap.objects.get().current_number == 2


def test_invalid_content_is_refused_with_a_dutch_message(involved, household):
    with pytest.raises(DomainError) as refused:
        services.safety_map_save(
            by=involved,
            household=household,
            content=content(worries=[{"whatHappened": "", "impact": "x"}]),
            base_number=0,
        )
    assert refused.value.field == "worries"
    assert "Vul dit veld in" in refused.value.message
    with pytest.raises(DomainError) as refused:
        save(involved, household, 0, strengths=["x"] * 31)
    assert "hoogstens 30" in refused.value.message


def test_scores_are_kept_per_participant_and_only_new_ones_stored(
    involved, colleague, household, child
):
    mother = household.members.exclude(person=child).get().person
    save(
        involved,
        household,
        0,
        scores=[
            services.ScoreInput("member", mother.pk, 4, "Het gaat beter sinds oma helpt."),
            services.ScoreInput("professional", involved.pk, 3, "Nog te vaak ruzie."),
        ],
    )
    save(
        involved,
        household,
        1,
        scores=[
            services.ScoreInput("member", mother.pk, 4, "Het gaat beter sinds oma helpt."),
            services.ScoreInput("professional", colleague.pk, 2, "Voorwaarden nog niet nageleefd."),
        ],
    )

    assert SafetyScore.objects.count() == 3
    current = selectors.effective_scores(SafetyMap.objects.get(), 2)
    assert sorted((s.participant_name, s.score) for s in current) == sorted(
        [(mother.full_name, 4), (involved.display_name, 3), (colleague.display_name, 2)]
    )


def test_a_score_needs_a_reason_and_a_participant_of_this_family(involved, household, outsider):
    with pytest.raises(DomainError):
        save(
            involved,
            household,
            0,
            scores=[services.ScoreInput("professional", involved.pk, 5, " ")],
        )
    with pytest.raises(DomainError):
        save(
            involved,
            household,
            0,
            scores=[services.ScoreInput("professional", outsider.pk, 5, "x")],
        )
    with pytest.raises(DomainError):
        save(
            involved,
            household,
            0,
            scores=[services.ScoreInput("professional", involved.pk, 11, "x")],
        )
    assert not SafetyScore.objects.exists()


def test_marking_as_agreed_with_the_family_is_a_new_version(involved, household):
    save(involved, household, 0)
    version = save(involved, household, 1, agreed_with="moeder en Noor")

    assert version.number == 2
    assert version.agreed_with_family
    assert version.agreed_at is not None
    assert AccessEvent.objects.filter(action="safety_map.version.agreed").count() == 1
    assert not SafetyMapVersion.objects.get(number=1).agreed_with_family


def count_save_queries(by, household, base) -> int:
    with CaptureQueriesContext(connection) as context:
        save(
            by,
            household,
            base,
            strengths=[f"na {base}"],
            scores=[services.ScoreInput("professional", by.pk, 5, f"reden {base}")],
        )
    return len(context.captured_queries)


def test_saving_on_a_map_with_1000_versions_costs_the_same_queries_as_on_a_new_map(
    involved, household, municipality
):
    save(involved, household, 0)
    on_new = count_save_queries(involved, household, 1)

    safety_map = SafetyMap.objects.get()
    add_versions(safety_map, involved, 1000, with_scores_for=involved)
    on_large = count_save_queries(involved, household, safety_map.current_number)

    assert on_new == on_large
    assert SafetyMap.objects.get().current_number == 1003


# -- many writers at once ----------------------------------------------------------------------

WRITERS = 12


def _run_writers(target, count: int) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait(timeout=30)
            results[index] = target(index)
        except Exception as error:  # the test inspects every outcome
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="parallel writers need PostgreSQL (SQLite serialises writers); "
    "make test runs this on a throw-away PostgreSQL",
)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_on_one_base_lose_nothing_and_each_refused_one_is_told(
    household_factory_for_threads,
):
    household, writers = household_factory_for_threads
    save(writers[0], household, 0)

    def write(index):
        return save(writers[index % len(writers)], household, 1, strengths=[f"Schrijver {index}"])

    results = _run_writers(write, WRITERS)

    accepted = [r for r in results if isinstance(r, SafetyMapVersion)]
    refused = [r for r in results if isinstance(r, services.StaleVersion)]
    assert len(accepted) == 1, results
    assert len(refused) == WRITERS - 1, results
    assert all(r.current_number == 2 for r in refused)
    stored = list(SafetyMapVersion.objects.order_by("number").values_list("number", "content"))
    assert [n for n, _c in stored] == [1, 2]
    assert stored[1][1]["strengths"] == accepted[0].content["strengths"]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_that_retry_each_get_their_own_version_without_gaps(
    household_factory_for_threads,
):
    household, writers = household_factory_for_threads

    def write(index):
        refusals = 0
        while True:
            base = (
                SafetyMap.objects.filter(household=household)
                .values_list("current_number", flat=True)
                .first()
                or 0
            )
            try:
                version = save(
                    writers[index % len(writers)], household, base, strengths=[f"Schrijver {index}"]
                )
            except services.StaleVersion:
                refusals += 1
                continue
            return version.number, refusals

    results = _run_writers(write, WRITERS)

    assert all(isinstance(r, tuple) for r in results), results
    numbers = sorted(number for number, _refusals in results)
    assert numbers == list(range(1, WRITERS + 1))
    stored = list(SafetyMapVersion.objects.order_by("number"))
    assert [v.number for v in stored] == list(range(1, WRITERS + 1))
    assert sorted(v.content["strengths"][0] for v in stored) == sorted(
        f"Schrijver {i}" for i in range(WRITERS)
    )
    assert SafetyMap.objects.get().current_number == WRITERS
    assert AccessEvent.objects.filter(action="safety_map.version.saved").count() == WRITERS


@pytest.fixture
def household_factory_for_threads(transactional_db):
    household = f.HouseholdFactory()
    writers = []
    for n in range(3):
        professional = f.ProfessionalFactory(user__username=f"schrijver-{n}")
        f.InvolvementFactory(household=household, professional=professional)
        writers.append(professional)
    return household, writers
