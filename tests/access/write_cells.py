"""Running one cell of the write matrix: a request inside a savepoint that is rolled back, and
whether it changed the database (issue 9).

A change is found the honest way, by comparing rows, but only for the tables the request wrote
to: every statement through Django's connection is watched, and a table that saw an INSERT,
UPDATE or DELETE is fingerprinted again and compared with its fingerprint before. A prepared
statement (`EXECUTE kk_n`, core/precompiled.py) is placed by the statement it runs. A statement
the watcher cannot place makes every table count as written."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import connection, transaction

from ketenkaart.core.precompiled import prepared_sql
from tests.access.matrix import fingerprinted

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_READ = re.compile(
    r"^\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|WITH\b.*\bSELECT|SET\b|SHOW\b)", re.I | re.S
)
_EXECUTE = re.compile(r"^\s*EXECUTE\s+(\w+)", re.IGNORECASE)
EVERY_TABLE = "*"


def _models_by_table():
    return {
        model._meta.db_table: model
        for model in apps.get_models(include_auto_created=True)
        if fingerprinted(model)
    }


def table_fingerprint(model) -> str:
    digest = hashlib.sha256()
    fields = [f.attname for f in model._meta.concrete_fields]
    if model._meta.label == "auth.User":
        fields = [f for f in fields if f != "last_login"]
    for row in model.objects.order_by("pk").values_list(*fields):
        digest.update(repr(row).encode())
    return digest.hexdigest()


class Fingerprints:
    """Every fingerprinted table's fingerprint, taken once on the untouched demo."""

    def __init__(self) -> None:
        self.models = _models_by_table()
        self.before = {table: table_fingerprint(model) for table, model in self.models.items()}

    def changed(self, written: set[str]) -> list[str]:
        tables = self.models if EVERY_TABLE in written else written & set(self.models)
        return sorted(
            table for table in tables if table_fingerprint(self.models[table]) != self.before[table]
        )


@contextmanager
def watching_writes() -> Iterator[set[str]]:
    written: set[str] = set()

    def watch(execute, sql, params, many, context):
        prepared = _EXECUTE.match(sql)
        if prepared:
            sql = prepared_sql(connection, prepared.group(1)) or sql
        match = _WRITE.match(sql)
        if match:
            written.add(match.group(1))
        elif not _READ.match(sql):
            written.add(EVERY_TABLE)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield written


class _Rollback(Exception):
    pass


def run_cell(fingerprints: Fingerprints, send) -> tuple[object, list[str]]:
    """Send one request inside a savepoint; the answer and the tables it changed; then undo."""
    response = None
    changed: list[str] = []
    try:
        with transaction.atomic():
            with watching_writes() as written:
                response = send()
            changed = fingerprints.changed(written)
            raise _Rollback
    except _Rollback:
        pass
    return response, changed
