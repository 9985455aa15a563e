"""The VT team's page as prepared statements (reports/queue.py) gives the rows its selectors
give for the acting user: every kind of queue on every page, and each side list."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone

from ketenkaart.reports import queue, selectors, services
from ketenkaart.reports.models import InvestigationReason, Outcome, Report, ReportSource
from ketenkaart.reports.tests.conftest import REPORTER, child_input, police_message

pytestmark = pytest.mark.django_db

KINDS = [
    {},
    {"sort": "ontvangen"},
    {"urgency": "acuut"},
    {"source": ReportSource.POLICE},
    {"source": ReportSource.POLICE, "urgency": "acuut", "sort": "ontvangen"},
    {"query": "e"},
    {"query": "%"},
    {"query": "_"},
    {"query": "niemand heet zo"},
]


@pytest.fixture
def waiting(school, police, child):
    for n in range(4):
        services.report_create(
            by=school,
            reporter=REPORTER,
            summary=f"m{n}",
            persons=[child_input(child)],
            acute=n == 1,
        )
    services.police_messages_receive(
        by=police,
        messages=[police_message(f"Q-{n}", forms=("F",), acute=n % 2 == 0) for n in range(5)],
    )


def _pages(listed, size: int) -> list[list]:
    paginator = Paginator(listed, size)
    return [[r.pk for r in paginator.page(n).object_list] for n in paginator.page_range]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: ",".join(f"{a}={b}" for a, b in k.items()))
@pytest.mark.parametrize("size", [1, 3, 50])
def test_every_kind_of_queue_gives_the_selectors_pages(vt, waiting, kind, size):
    expected = selectors.filter_queue(selectors.assessment_queue(vt.user), **kind)
    assert _pages(queue.queue(vt, **kind), size) == _pages(expected, size)
    assert Paginator(queue.queue(vt, **kind), size).count == expected.count()


def test_the_queue_holds_rows_to_compare(vt, waiting):
    assert len(queue.queue(vt)[0:50]) == 9


def test_another_regions_team_sees_none_of_this_queue(other_vt, waiting):
    assert Paginator(queue.queue(other_vt), 50).count == 0
    assert not any(vars(queue.team_lists(other_vt)).values())


def test_the_side_lists_are_the_selectors_lists(vt, waiting, school, child):
    first, second = (
        services.report_create(
            by=school, reporter=REPORTER, summary=s, persons=[child_input(child)]
        )
        for s in ("af", "onderzoek")
    )
    for report, outcome in ((first, Outcome.CLOSE), (second, Outcome.INVESTIGATION)):
        services.assessment_record(
            by=vt,
            report=report,
            acute_unsafety=False,
            structural_unsafety=False,
            multi_problem=True,
            outcome=outcome,
            reasoning="Onderbouwing",
            investigation_reasons=[InvestigationReason.NOT_CERTAIN],
        )
    side = queue.team_lists(vt)
    assert side.feedback_due == list(selectors.feedback_due(vt.user)[:50])
    assert side.investigations == list(selectors.open_investigations(vt.user)[:50])
    unanswered = selectors.advice_list(vt.user).filter(answered_at__isnull=True)
    assert side.advice == list(unanswered[:50])
    assert side.visits == list(selectors.joint_visits(vt.user).filter(status="planned")[:50])
    assert side.notices == list(selectors.handover_messages(vt.user)[:20])
    # Something to compare: a closed melding owes its reporter feedback; one is investigated.
    assert side.feedback_due and side.investigations


def test_only_the_vt_team_has_this_page(school):
    with pytest.raises(ValueError):
        queue.queue(school)


def test_a_row_shows_what_the_templates_filters_and_labels_show(vt, waiting):
    Report.objects.update(received_at=datetime.datetime(2025, 1, 6, 23, 30, tzinfo=datetime.UTC))
    rows = selectors.queue_rows(selectors.assessment_queue(vt.user), day=timezone.localdate())
    assert len(rows) == 9 and {r.source for r in rows} == {
        ReportSource.POLICE,
        ReportSource.PROFESSIONAL,
    }
    for row in rows:
        assert row.source_label == row.get_source_display() != row.source
        assert row.radar_label == row.get_radar_display()
        assert row.assess_by_text == date_filter(row.assess_by, "d-m-Y")
        # As the template shows it (in local time): in Amsterdam it is the next day already.
        assert (
            row.received_text
            == date_filter(timezone.localtime(row.received_at), "d-m-Y H:i")
            == "07-01-2025 00:30"
        )
        # The links and the title, as {% url %} and the blocktranslate wrote them.
        assert row.detail_url == reverse("reports:detail", kwargs={"report_id": row.pk})
        if row.household_id:
            detail = reverse("households:detail", kwargs={"household_id": row.household_id})
            assert row.household.get_absolute_url() == detail
            assert row.title_text == f"Melding over {row.household.name}"
        else:
            assert row.title_text == "Melding, gezin nog niet bekend"
    assert {bool(row.household_id) for row in rows} == {True, False}


def test_a_row_reads_only_what_it_shows(vt, waiting):
    rows = queue.queue(vt)[0:50]
    assert len(rows) == 9
    for row in rows:
        deferred = row.get_deferred_fields()
        assert {"summary", "reporter_name", "reporter_phone", "reporter_email"} <= deferred
        assert not deferred & {"source", "acute", "received_at", "assess_by", "radar"}
        if row.household_id is not None:  # police meldingen not yet placed have none
            assert "name" not in row.household.get_deferred_fields()
    assert any(row.household_id for row in rows)
