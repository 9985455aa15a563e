"""Every write of the write matrix again, with a NUL byte in one of its text values at a time,
sent as the first account that may write it: never a 500, never stored. PostgreSQL refuses a
NUL in any text column (a 500 unless a parser or service refused it first); SQLite would keep
it, so the tables a request changed are searched for one."""

from __future__ import annotations

from tests.access import write_payloads as P
from tests.access.matrix import write_methods
from tests.access.test_read_matrix import demo  # noqa: F401 - the fixture
from tests.access.test_write_matrix import Matrix, _prepare_demo, cases
from tests.access.write_cells import Fingerprints
from tests.bodies import leaves, replaced

NUL = "\x00"
# What no view stores: the CSRF token (the test client does not check it).
NOT_STORED = {"csrfmiddlewaretoken"}


class NulFinder(Fingerprints):
    """The tables a request changed, and those of them that now hold a NUL byte (read before
    the cell's savepoint is rolled back)."""

    holding_nul: list[str] = []

    def changed(self, written: set[str]) -> list[str]:
        tables = super().changed(written)
        self.holding_nul = [
            table
            for table in tables
            if any("\\x00" in repr(row) for row in self.models[table].objects.values_list())
        ]
        return tables


def test_a_nul_byte_in_any_text_is_refused_or_left_out(demo):  # noqa: F811
    from tests.access.write_expected import ALLOWED

    _prepare_demo()
    matrix = Matrix()
    matrix.fingerprints = NulFinder()
    problems = []
    cells = 0
    for route, payload in cases():
        if not isinstance(payload, P.Api | P.Web) or not payload.changes:
            continue
        name = route.name + payload.query if isinstance(payload, P.Web) else route.name
        ids = dict(matrix.ids)
        if payload.ids is not None:
            ids.update(payload.ids(ids))
        url = route.url(ids)
        data = matrix.body(route, payload, ids)
        for method in write_methods(route):
            writers = ALLOWED.get(name, {}).get(method)
            if not writers or url is None:
                continue
            for path in leaves(data, str):
                if path[0] in NOT_STORED:
                    continue
                cells += 1
                response, changed = matrix.request(
                    writers[0],
                    method,
                    url + getattr(payload, "query", ""),
                    replaced(data, path, lambda text: text[:1] + NUL + text[1:]),
                    api=route.name.startswith("api/"),
                    payload=payload,
                )
                status = response.status_code
                if status >= 500 or (changed and status >= 400) or matrix.fingerprints.holding_nul:
                    problems.append((name, method, path, status, matrix.fingerprints.holding_nul))
                matrix.fingerprints.holding_nul = []
    assert not problems, problems
    assert cells > 300  # the control: the payloads have text to spoil
