"""The persons concerned on a read row (NEN 7513 §5.2: "betrokkene"), without an extra query:
the household's member ids come along with the household itself, as one aggregated column of
the same SELECT (a correlated subquery), and go onto the row the gate writes."""

import uuid

from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.aggregates import Aggregate

MEMBER_IDS = "audit_member_ids"


class _JoinedIds(Aggregate):
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
        .annotate(ids=_JoinedIds("person_id"))
        .values("ids")
    )
    return households.annotate(**{MEMBER_IDS: Subquery(members, output_field=CharField())})


def member_ids(household) -> list[uuid.UUID]:
    """The person ids `with_member_ids` put on this household (none when it was not used)."""
    joined = getattr(household, MEMBER_IDS, None) or ""
    return [uuid.UUID(part) for part in joined.split(",") if part]
