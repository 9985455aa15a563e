"""Every page and endpoint of the read matrix, as every account it answers 200, with a NUL byte
in every query parameter it reads: never a server error. PostgreSQL refuses a NUL in any text
parameter, so a search term or a filter that reaches SQL unchecked is a 500 there."""

from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict

from tests.access.matrix import ACCOUNTS, LoggedIn, demo_ids, routes
from tests.access.read_expected import EXPECTED
from tests.access.test_read_matrix import demo  # noqa: F401 - the fixture

HOSTILE = "a\x00b"


class EveryParameter(QueryDict):
    """A query string holding every parameter a view asks for, each with a NUL byte: the
    names need not be known, so a parameter added later is tried too."""

    def __init__(self):
        super().__init__(mutable=True)

    def __contains__(self, key):
        return True

    def __getitem__(self, key):
        return HOSTILE

    def get(self, key, default=None):
        return HOSTILE

    def getlist(self, key, default=None):
        return [HOSTILE]


def test_no_query_parameter_with_a_nul_byte_is_a_server_error(demo, monkeypatch):  # noqa: F811
    ids = demo_ids()
    logged_in = LoggedIn(raise_request_exception=False)
    monkeypatch.setattr(WSGIRequest, "GET", property(lambda self: EveryParameter()))
    failures, requests = [], 0
    for route in routes():
        url = route.url(ids)
        entry = EXPECTED[route.name]
        if url is None or route.name.startswith("beheer/"):
            continue
        for account in ACCOUNTS:
            if entry.get(account, entry["*"]) != 200:
                continue
            client = logged_in.client(account)
            requests += 1
            status = client.get(url).status_code
            if status >= 500:
                failures.append((route.name, account, status))
    assert not failures
    assert requests > 300
