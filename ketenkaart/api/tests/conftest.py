"""Helpers for API tests: a client per persona, and the URLs of one family."""

import pytest
from django.test import Client

from ketenkaart.testing import factories as f


class Api:
    """A JSON client logged in as one professional (session authentication)."""

    def __init__(self, user=None, **headers):
        self.client = Client(**headers)
        if user is not None:
            self.client.force_login(user)

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def post(self, url, data=None, **kwargs):
        return self.client.post(url, data or {}, content_type="application/json", **kwargs)

    def put(self, url, data=None, **kwargs):
        return self.client.put(url, data or {}, content_type="application/json", **kwargs)


@pytest.fixture
def api():
    def make(professional=None):
        return Api(professional.user if professional is not None else None)

    return make


@pytest.fixture
def measure(household, child, involved):
    return f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)


def url(household, rest: str = "") -> str:
    return f"/api/v1/gezinnen/{household.pk}{rest}"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    return body


def invalid_names(response) -> set[str]:
    return {param["name"] for param in response.json().get("invalidParams", [])}
