"""Every page carries a Content-Security-Policy without inline script, and no page or export
with personal data may be kept in a cache."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ketenkaart.safety_maps import services as map_services
from ketenkaart.safety_maps.content import EMPTY_CONTENT

SAMPLE = {"uuid": str(uuid.UUID(int=7)), "int": "1", "slug": "iets", "str": "iets", "path": "x"}


def every_path(resolver=None, prefix="") -> list[str]:
    """One concrete path per pattern of the URLconf, its parameters filled with samples."""
    resolver = resolver or get_resolver()
    paths = []
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(entry, URLResolver):
            paths += every_path(entry, prefix + _fill(pattern))
        elif isinstance(entry, URLPattern):
            paths.append("/" + prefix + _fill(pattern))
    return paths


def _fill(pattern) -> str:
    route = getattr(pattern, "_route", None)
    if route is None:  # a regex pattern (the admin's): only literal ones are walked
        text = pattern.regex.pattern.lstrip("^").rstrip("$").rstrip("\\Z")
        return "" if any(c in text for c in "()[]?*+") else text
    for name, converter in pattern.converters.items():
        kind = type(converter).__name__.removesuffix("Converter").lower()
        route = route.replace(f"<{kind}:{name}>", SAMPLE.get(kind, "iets"))
        route = route.replace(f"<{name}>", "iets")
    return route


PATHS = sorted(set(every_path()))


def assert_safe_headers(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "no-store" in no_store_tokens(response)


def no_store_tokens(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_the_urlconf_walk_finds_the_pages():
    assert "/inloggen" in PATHS
    assert f"/gezinnen/{SAMPLE['uuid']}" in PATHS
    assert len(PATHS) > 60


@pytest.mark.parametrize("path", PATHS)
def test_every_page_has_a_csp_and_no_store_for_anonymous_users(client, db, path):
    assert_safe_headers(client.get(path))


@pytest.mark.parametrize("path", PATHS)
def test_every_page_has_a_csp_and_no_store_for_a_professional(client, involved, path):
    client.force_login(involved.user)
    assert_safe_headers(client.get(path))


def test_the_dossier_page_and_the_exports_are_not_cached(client, involved, household):
    map_services.safety_map_save(
        by=involved,
        household=household,
        content={**EMPTY_CONTENT, "familyWords": "Wij willen rust in huis."},
        scores=(),
        base_number=0,
        agreed_with="",
    )
    client.force_login(involved.user)
    base = f"/gezinnen/{household.pk}"
    for path, content_type in [
        (base, "text/html"),
        (f"{base}/veiligheidskaart", "text/html"),
        (f"{base}/veiligheidskaart/gezin.pdf", "application/pdf"),
        (f"{base}/veiligheidskaart/overdracht.zip", "application/zip"),
        (f"/api/v1/gezinnen/{household.pk}", "application/json"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith(content_type), path
        assert "no-store" in no_store_tokens(response), path
