"""Buffers, moments and the network: the two views stay apart, the moment-less signal comes at
the configured length exactly, and the network is the safety map's own section."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.buffers import phrasing, selectors, services
from ketenkaart.buffers.models import BufferObservation, GoodMoment
from ketenkaart.buffers.tests.conftest import moment, observe
from ketenkaart.core.errors import DomainError
from ketenkaart.safety_maps import selectors as map_selectors
from ketenkaart.safety_maps.models import SafetyMapVersion
from ketenkaart.safety_maps.services import StaleVersion

TODAY = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@time_machine.travel(TODAY, tick=False)
def test_the_two_views_of_one_moment_stay_two_rows_never_merged(involved, household, parent):
    day = datetime.date(2026, 11, 2)
    observe(involved, household, parent, view="parent", footing="carries", observed_on=day)
    observe(
        involved,
        household,
        parent,
        view="professional",
        footing="needs_support",
        words="Weinig mensen om op terug te vallen.",
        observed_on=day,
    )

    (film,) = selectors.films(household)
    parent_view, professional_view = film.views

    assert [o.footing for o in parent_view.observations] == ["carries"]
    assert [o.footing for o in professional_view.observations] == ["needs_support"]
    assert parent_view.cells["network"][day].words == "Oma haalt de kinderen op woensdag op."
    assert professional_view.cells["network"][day].words == "Weinig mensen om op terug te vallen."
    assert BufferObservation.objects.count() == 2
    assert AccessEvent.objects.filter(action="buffers.observation.recorded").count() == 2


@time_machine.travel(TODAY, tick=False)
def test_each_view_keeps_its_own_moments(involved, household, parent):
    observe(involved, household, parent, view="parent", observed_on=datetime.date(2026, 10, 1))
    observe(
        involved, household, parent, view="professional", observed_on=datetime.date(2026, 11, 1)
    )

    (film,) = selectors.films(household)

    assert film.views[0].days == [datetime.date(2026, 10, 1)]
    assert film.views[1].days == [datetime.date(2026, 11, 1)]


@time_machine.travel(TODAY, tick=False)
def test_a_second_word_for_the_same_view_and_day_is_refused_and_nothing_changes(
    involved, household, parent
):
    observe(involved, household, parent)

    with pytest.raises(DomainError) as error:
        observe(involved, household, parent, footing="carries", words="Anders")

    assert error.value.field == "observed_on"
    assert list(BufferObservation.objects.values_list("footing", flat=True)) == ["growing"]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("words", {"words": "   "}),
        ("footing", {"footing": "7"}),
        ("area", {"area": "risk"}),
        ("observed_on", {"observed_on": datetime.date(2026, 12, 2)}),
    ],
)
def test_bad_observations_name_their_field_and_store_nothing(
    involved, household, parent, field, kwargs
):
    with pytest.raises(DomainError) as error:
        observe(involved, household, parent, **kwargs)

    assert error.value.field == field
    assert not BufferObservation.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_only_a_parent_of_this_household_can_be_observed(involved, household, child):
    with pytest.raises(DomainError):
        observe(involved, household, child)

    assert not BufferObservation.objects.exists()


def test_blaming_words_get_a_phrasing_that_stays_beside_the_parent():
    found = phrasing.hints("Moeder faalt en weigert hulp.")

    assert [h.found for h in found] == ["faalt", "weigert"]
    assert all(h.instead for h in found)
    assert phrasing.hints("Oma helpt op woensdag.") == []


# -- the moment-less signal --------------------------------------------------------------------


@pytest.mark.parametrize(("days", "raised"), [(13, False), (14, True), (15, True)])
def test_the_signal_comes_exactly_at_the_configured_length(
    settings, involved, household, days, raised
):
    settings.KETENKAART_GOOD_MOMENT_SIGNAL_DAYS = 14
    with time_machine.travel(TODAY, tick=False):
        moment(involved, household, occurred_on=datetime.date(2026, 11, 20))
    today = datetime.date(2026, 11, 20) + datetime.timedelta(days=days)

    signal = selectors.moment_signal(household, today=today)

    assert (signal is not None) is raised
    if raised:
        assert signal.days == days
        assert signal.period == 14
        assert signal.ever


def test_a_family_without_any_moment_counts_from_its_start(settings, involved, household):
    settings.KETENKAART_GOOD_MOMENT_SIGNAL_DAYS = 30
    start = timezone.localtime(household.created_at).date()  # the family's local day

    assert selectors.moment_signal(household, today=start + datetime.timedelta(29)) is None
    signal = selectors.moment_signal(household, today=start + datetime.timedelta(30))
    assert signal is not None
    assert not signal.ever


@time_machine.travel(TODAY, tick=False)
def test_a_moment_is_recorded_with_its_audit_row(involved, household, parent):
    recorded = moment(involved, household, parent_id=parent.pk, in_parents_words=True)

    assert GoodMoment.objects.get().parent == parent
    event = AccessEvent.objects.get(action="good_moment.recorded")
    assert event.object_id == str(recorded.pk)
    assert event.person_ids == [str(parent.pk)]


@time_machine.travel(TODAY, tick=False)
def test_a_moment_without_who_noticed_is_refused(involved, household):
    with pytest.raises(DomainError) as error:
        moment(involved, household, noticed_by=" ")

    assert error.value.field == "noticed_by"
    assert not GoodMoment.objects.exists()


# -- the network is the safety map's network ---------------------------------------------------


def add(by, household, name="Oma Fatma", **kw):
    return services.network_person_add(
        by=by,
        household=household,
        name=name,
        relation=kw.get("relation", "oma"),
        helps_with=kw.get("helps_with", "haalt de kinderen op"),
        kind=kw.get("kind", "family"),
        closeness=kw.get("closeness", "close"),
    )


def test_adding_a_person_is_a_new_safety_map_version_with_that_network(involved, household):
    add(involved, household)
    add(involved, household, "Buurvrouw Ans", kind="neighbour", closeness="middle")

    state = map_selectors.map_state(household)
    assert state.number == 2
    assert [p["name"] for p in state.content["network"]] == ["Oma Fatma", "Buurvrouw Ans"]
    number, people = selectors.network(household)
    assert number == 2
    assert [(p.name, p.kind, p.closeness) for p in people] == [
        ("Oma Fatma", "family", "close"),
        ("Buurvrouw Ans", "neighbour", "middle"),
    ]
    assert AccessEvent.objects.filter(action="network.person.added").count() == 2
    assert AccessEvent.objects.filter(action="safety_map.version.saved").count() == 2


def test_a_network_saved_on_the_safety_map_shows_on_the_network_page(involved, household):
    from ketenkaart.safety_maps.tests.conftest import save

    save(involved, household, 0, network=[{"name": "Juf Mirjam", "relation": "leerkracht"}])

    _number, people = selectors.network(household)

    assert [(p.name, p.relation, p.kind) for p in people] == [("Juf Mirjam", "leerkracht", "")]


def test_removing_from_a_version_that_moved_on_removes_nobody(involved, colleague, household):
    add(involved, household)
    add(colleague, household, "Buurvrouw Ans")

    with pytest.raises(StaleVersion):
        services.network_person_remove(by=involved, household=household, index=0, base_number=1)

    assert SafetyMapVersion.objects.count() == 2
    assert len(selectors.network(household)[1]) == 2


def test_removing_takes_out_exactly_the_chosen_person(involved, household):
    add(involved, household)
    add(involved, household, "Buurvrouw Ans")

    services.network_person_remove(by=involved, household=household, index=0, base_number=2)

    assert [p.name for p in selectors.network(household)[1]] == ["Buurvrouw Ans"]


@pytest.mark.parametrize(
    ("field", "kw"), [("kind", {"kind": "x"}), ("closeness", {"closeness": ""})]
)
def test_a_bad_network_person_is_refused_and_the_map_unchanged(involved, household, field, kw):
    with pytest.raises(DomainError) as error:
        add(involved, household, **kw)

    assert error.value.field == field
    assert not SafetyMapVersion.objects.exists()
