"""The persons concerned on a read row (NEN 7513 §5.2: "betrokkene"), without an extra query:
the household's member ids come along with the household itself, as one aggregated column of
the same SELECT (a correlated subquery), and go onto the row the gate writes."""

import uuid
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Model, OuterRef, QuerySet, Subquery
from django.db.models.aggregates import Aggregate
from django.db.models.sql.compiler import SQLCompiler

MEMBER_IDS = "audit_member_ids"
HOUSEHOLD_IDS = "audit_household_ids"


class JoinedIds(Aggregate):
    """The ids as one comma-separated text: string_agg on PostgreSQL, group_concat on SQLite."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, Any]:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra,
        )


def with_member_ids(households: "QuerySet[Any]") -> "QuerySet[Any]":
    """Households annotated with their members' person ids (see `member_ids`)."""
    from ketenkaart.households.models import Member

    members = (
        Member.objects.filter(household=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(ids=JoinedIds("person_id"))
        .values("ids")
    )
    annotated: QuerySet[Any] = households.annotate(
        **{MEMBER_IDS: Subquery(members, output_field=CharField())}
    )
    return annotated


def member_ids(household: Model) -> list[uuid.UUID]:
    """The person ids `with_member_ids` put on this household (none when it was not used)."""
    return joined_ids(household, MEMBER_IDS)


def with_joined_ids(
    queryset: "QuerySet[Any]", name: str, related: "QuerySet[Any]", link: str, column: str
) -> "QuerySet[Any]":
    """`queryset` annotated, as `name`, with the `column` ids of the `related` rows whose
    `link` is the outer row's key, in the same SELECT (NULLs are left out)."""
    ids = (
        related.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(ids=JoinedIds(column))
        .values("ids")
    )
    annotated: QuerySet[Any] = queryset.annotate(**{name: Subquery(ids, output_field=CharField())})
    return annotated


def joined_ids(obj: object, name: str) -> list[uuid.UUID]:
    """The ids an annotation of `with_joined_ids` (or `with_member_ids`) put on `obj`."""
    joined = getattr(obj, name, None) or ""
    return [uuid.UUID(part) for part in joined.split(",") if part]
