"""Refusals that outlive the transaction they happened in (issue 9).

A change is audited inside its own transaction, so that a rolled-back change leaves no row.
A refusal is the opposite: the service refuses, its transaction rolls back, and the row that
says "refused" must stay. Inside a request (`RefusalsKeptMiddleware`) a refusal recorded within
a transaction is held and written when the request's view is done, after every rollback; outside
a transaction, or outside a request, it is written at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome

_pending: ContextVar[list[dict[str, Any]] | None] = ContextVar(
    "ketenkaart_pending_refusals", default=None
)


def record_refusal(**event: Any) -> None:
    """Audit a refusal (outcome denied) so that no rollback takes the row with it."""
    pending = _pending.get()
    if pending is not None and connection.in_atomic_block:
        pending.append(event)
    else:
        audit.record(outcome=Outcome.DENIED, **event)


@contextmanager
def refusals_kept() -> Iterator[None]:
    """Within this block, refusals recorded inside a transaction are written when it ends."""
    token = _pending.set([])
    try:
        yield
    finally:
        pending = _pending.get() or []
        _pending.reset(token)
        for event in pending:
            audit.record(outcome=Outcome.DENIED, **event)


class RefusalsKeptMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:

        with refusals_kept():
            return self.get_response(request)
