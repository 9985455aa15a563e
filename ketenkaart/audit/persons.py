"""The persons concerned on a read row (NEN 7513 §5.2: "betrokkene"), without an extra query:
the household's member ids come along with the household itself, as one aggregated column of
the same SELECT (a correlated subquery), and go onto the row the gate writes."""

import uuid

from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.aggregates import Aggregate

MEMBER_IDS = "audit_member_ids"
HOUSEHOLD_IDS = "audit_household_ids"


class JoinedIds(Aggregate):
    """The ids as one comma-separated text: string_agg on PostgreSQL, group_concat on SQLite."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra,
        )


def with_member_ids(households: QuerySet) -> QuerySet:
    """Households annotated with their members' person ids (see `member_ids`)."""
    from ketenkaart.households.models import Member

    members = (
        Member.objects.filter(household=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(ids=JoinedIds("person_id"))
        .values("ids")
    )
    return households.annotate(**{MEMBER_IDS: Subquery(members, output_field=CharField())})


def member_ids(household) -> list[uuid.UUID]:
    """The person ids `with_member_ids` put on this household (none when it was not used)."""
    return joined_ids(household, MEMBER_IDS)


def with_joined_ids(queryset: QuerySet, name: str, related: QuerySet, link: str, column: str):
    """`queryset` annotated, as `name`, with the `column` ids of the `related` rows whose
    `link` is the outer row's key, in the same SELECT (NULLs are left out)."""
    ids = (
        related.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(ids=JoinedIds(column))
        .values("ids")
    )
    return queryset.annotate(**{name: Subquery(ids, output_field=CharField())})


def joined_ids(obj, name: str) -> list[uuid.UUID]:
    """The ids an annotation of `with_joined_ids` (or `with_member_ids`) put on `obj`."""
    joined = getattr(obj, name, None) or ""
    return [uuid.UUID(part) for part in joined.split(",") if part]
