"""The Logius API Design Rules (the rules of their Spectral ruleset that apply), checked on the
generated OpenAPI document. Each test names the rule it checks; the ruleset itself stays out of
the repository, so these are the project's own checks."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")


@pytest.fixture(scope="module")
def document() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def resolve(document, node: dict) -> dict:
    while "$ref" in node:
        *_, kind, name = node["$ref"].split("/")
        node = document["components"][kind][name]
    return node


def test_doc_openapi_version_3(document):  # /core/doc-openapi
    assert re.match(r"^3(\.\d+){1,2}$", document["openapi"])


def test_semver(document):  # nlgov:semver
    assert re.match(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$", document["info"]["version"])


def test_doc_openapi_contact(document):  # /core/doc-openapi-contact
    contact = document["info"]["contact"]
    assert contact.get("name") and contact.get("url") and "@" in contact.get("email", "")


def test_uri_version(document):  # /core/uri-version
    assert document["servers"]
    assert all(re.search(r"/v\d", server["url"]) for server in document["servers"])


def test_no_trailing_slash_and_kebab_case(document):  # /core/no-trailing-slash, kebab-case
    pattern = re.compile(r"^(/([a-z0-9\-]+|{[^}]+})(/([a-z0-9\-.]+|{[^}]+}))*)$")
    for path in document["paths"]:
        assert not path.endswith("/"), path
        if path.startswith("/openapi."):
            continue
        assert pattern.match(path), path


def test_operation_ids_are_unique(document):  # operation-operationId-unique
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids))


def test_path_parameters_are_declared(document):  # path-params
    for path, _, operation in operations(document):
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"{([^}]+)}", path)), path


def test_query_keys_camel_case(document):  # /core/query-keys-camel-case
    for path, _, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                assert re.match(r"^[a-z][a-z\d]*([A-Z][a-z\d]*)*$", parameter["name"]), path


def test_every_success_carries_the_version_header(document):  # /core/version-header
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            if code[0] in "23":
                assert "API-Version" in response.get("headers", {}), (method, path, code)


def test_errors_are_problem_details(document):  # /core/error-handling/problem-details
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            if code[0] not in "45":
                continue
            content = response.get("content", {})
            assert "application/problem+json" in content, (method, path, code)
            schema = resolve(document, content["application/problem+json"]["schema"])
            assert {"status", "title", "detail"} <= set(schema["properties"]), (path, code)


def test_input_can_be_refused_with_400(document):  # /core/error-handling/invalid-input
    for path, method, operation in operations(document):
        if method in ("put", "post", "patch") or (
            method in ("get", "delete") and operation.get("parameters")
        ):
            assert "400" in operation["responses"], (method, path)


def test_every_paged_list_documents_its_paging_parameters(document):
    paged = 0
    for path, method, operation in operations(document):
        schema = operation["responses"].get("200", {}).get("content", {})
        ref = schema.get("application/json", {}).get("schema", {}).get("$ref", "")
        if method == "get" and ref.endswith("Pagina"):
            paged += 1
            names = {p["name"] for p in operation.get("parameters", [])}
            assert {"pagina", "paginaGrootte"} <= names, path
    assert paged >= 14


def _properties(document):
    for name, schema in document["components"]["schemas"].items():
        for key, prop in schema.get("properties", {}).items():
            yield name, key, prop


def test_dates_are_dates_and_times_carry_a_timezone(document):  # /core/date-time
    date_name = re.compile(r"((\w+D)|(_[dD]))((ate)|(atum))")
    for name, key, prop in _properties(document):
        assert prop.get("format") not in ("date-time-local", "time"), (name, key)
        if key in ("date", "datum") or date_name.search(key):
            assert prop.get("format") == "date" or "allOf" in prop, (name, key)


def test_schema_names_are_upper_camel_case(document):  # nlgov:schema-camel-case
    for name in document["components"]["schemas"]:
        assert re.match(r"^[A-Z][A-Za-z0-9]*$", name), name


def test_servers_use_https_or_are_relative(document):  # nlgov:servers-use-https
    assert not any(server["url"].startswith("http://") for server in document["servers"])


def test_the_document_is_valid_openapi(document):  # oas3-schema
    from drf_spectacular.validation import validate_schema

    validate_schema(document)
