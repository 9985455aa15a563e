"""Querysets compiled once per connection (core/precompiled.py) give what the ordinary
queryset gives, for every value, without compiling again."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, DateTimeField, UUIDField
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenkaart.api.models import ApiToken
from ketenkaart.core.precompiled import Paged, Param, Precompiled, prepared_sql
from ketenkaart.households.models import Member
from ketenkaart.testing import factories as f

MEMBERS = Precompiled(
    lambda: (
        Member.objects.filter(household_id=Param("household", UUIDField()))
        .select_related("person")
        .order_by("person__birth_date", "pk")
    )
)
TOKENS = Precompiled(
    lambda: ApiToken.objects.filter(expires_at__gt=Param("now", DateTimeField())).values_list(
        "name", flat=True
    )
)


def _ordinary(household):
    return list(
        Member.objects.filter(household=household)
        .select_related("person")
        .order_by("person__birth_date", "pk")
    )


def test_it_gives_the_ordinary_querysets_rows_for_each_value(household, child, municipality):
    f.MemberFactory(household=household)
    other = f.HouseholdFactory(municipality=municipality)
    f.MemberFactory(household=other)

    for family in (household, other, household):
        rows = MEMBERS.rows(household=family.pk)
        assert rows == _ordinary(family)
        assert [m.person.surname for m in rows] == [m.person.surname for m in _ordinary(family)]


def test_it_compiles_once_and_sends_one_statement(household, child, django_assert_num_queries):
    MEMBERS.rows(household=household.pk)  # compiled on this connection
    compiled = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self)
        return original(self, *args, **kwargs)

    SQLCompiler.as_sql = counting
    try:
        with django_assert_num_queries(1):
            rows = MEMBERS.rows(household=household.pk)
    finally:
        SQLCompiler.as_sql = original
    assert compiled == []
    assert rows == _ordinary(household) and child.pk in [m.person_id for m in rows]


def test_the_known_instance_is_set_without_a_query(household, child, django_assert_num_queries):
    rows = MEMBERS.rows(household=household.pk, known=household)
    with django_assert_num_queries(0):
        assert rows[0].household is household


def test_a_datetime_value_is_adapted_as_the_field_adapts_it(involved):
    now = timezone.now()
    user = involved.user
    ApiToken.objects.create(user=user, name="later", digest="a" * 64, expires_at=now)
    ApiToken.objects.create(
        user=user, name="sooner", digest="b" * 64, expires_at=now - datetime.timedelta(hours=1)
    )
    assert TOKENS.rows(now=now - datetime.timedelta(minutes=30)) == ["later"]
    assert sorted(TOKENS.rows(now=now - datetime.timedelta(hours=2))) == ["later", "sooner"]
    assert TOKENS.rows(now=now) == []


needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _sent(run):
    with CaptureQueriesContext(connection) as captured:
        rows = run()
    return rows, [q["sql"] for q in captured.captured_queries]


@needs_postgres
def test_on_postgresql_the_statement_is_prepared_once_and_executed(household, child):
    rows, sent = _sent(lambda: MEMBERS.rows(household=household.pk))
    again, sent_again = _sent(lambda: MEMBERS.rows(household=household.pk))
    assert rows == again == _ordinary(household)
    assert len(sent) == len(sent_again) == 1 and sent[0].startswith("EXECUTE kk_")
    name = sent[0].split()[1]
    assert sent_again[0].split()[1] == name
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name = %s", [name])
        (statement,) = cursor.fetchone()
    assert "households_member" in statement and "$1" in statement
    # What a watcher of statements reads for EXECUTE: Django's own text, before the $1.
    assert prepared_sql(connection, name).startswith('SELECT "households_member"')
    assert prepared_sql(connection, "kk_0") is None


@needs_postgres
def test_without_prepared_statements_the_sql_itself_is_sent(household, child, settings):
    settings.KETENKAART_PREPARED_STATEMENTS = False  # behind PgBouncer in transaction mode
    rows, sent = _sent(lambda: MEMBERS.rows(household=household.pk))
    assert rows == _ordinary(household)
    assert sent[0].startswith("SELECT")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_new_database_session_prepares_it_again(municipality):
    household = f.HouseholdFactory(municipality=municipality)
    f.MemberFactory(household=household)
    before = MEMBERS.rows(household=household.pk)
    connection.close()  # the server forgets its prepared statements with the session
    assert MEMBERS.rows(household=household.pk) == before == _ordinary(household)


PAGED_MEMBERS = Precompiled(lambda: MEMBERS.template()[:1], paged=True)
MEMBER_COUNT = Precompiled(
    lambda: (
        Member.objects.filter(household_id=Param("household", UUIDField()))
        .order_by()
        .values("household_id")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
)


def test_a_paged_statement_gives_each_page_the_ordinary_paginator_gives(household, municipality):
    f.MemberFactory.create_batch(7, household=household)
    empty = f.HouseholdFactory(municipality=municipality)
    for per_page in (1, 3, 25):
        ordinary = Paginator(_ordinary(household), per_page)
        paged = Paginator(Paged(PAGED_MEMBERS, MEMBER_COUNT, household=household.pk), per_page)
        assert paged.count == ordinary.count == household.members.count() >= 7
        for number in ordinary.page_range:
            assert list(paged.page(number)) == list(ordinary.page(number))
    nothing = Paginator(Paged(PAGED_MEMBERS, MEMBER_COUNT, household=empty.pk), 3)
    with CaptureQueriesContext(connection) as captured:
        assert nothing.count == 0 and list(nothing.get_page(1)) == []
    assert len(captured) == 1, "an empty list is counted, its empty page not read"


def test_a_paged_statement_must_be_sliced_to_one_row(household):
    unsliced = Precompiled(MEMBERS.template, paged=True)
    with pytest.raises(ValueError, match=r"\[:1\]"):
        unsliced.rows(household=household.pk, limit=1, offset=0)
