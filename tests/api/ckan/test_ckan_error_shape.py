"""The API-wide error-shape walk, CKAN's part: every error path under ``/api/3/``,
``/api/action/`` and ``/api/util/`` answers CKAN's status and CKAN's body — the envelope
``{"help", "success": false, "error": {"__type", …}}``, or the bare string CKAN gives an
unknown action or a body that is not JSON — never a traceback; an invisible dataset answers
exactly as an unknown one."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

A = "/api/3/action"
JSON_BODY = {"content-type": "application/json"}
NOT_AN_OBJECT = "Bad request - JSON Error: the body must be a JSON object."
# (method, path, request keywords, status, CKAN __type); the shared instance, anonymous
ENVELOPED: list[tuple[str, str, dict[str, Any], int, str]] = [
    ("GET", f"{A}/package_show?id=nexiste-pas", {}, 404, "Not Found Error"),
    ("GET", f"{A}/package_show?id=prenoms-prive", {}, 404, "Not Found Error"),
    ("POST", f"{A}/package_show", {"json": {"id": "prenoms-prive"}}, 404, "Not Found Error"),
    ("GET", "/api/action/package_show?id=prenoms-prive", {}, 404, "Not Found Error"),
    ("GET", f"{A}/resource_show?id=nexiste-pas", {}, 404, "Not Found Error"),
    ("GET", f"{A}/organization_show?id=nexiste-pas", {}, 404, "Not Found Error"),
    ("GET", f"{A}/datastore_search?resource_id=nexiste-pas", {}, 404, "Not Found Error"),
    ("GET", f"{A}/package_show", {}, 409, "Validation Error"),
    ("GET", f"{A}/resource_show", {}, 409, "Validation Error"),
    ("GET", f"{A}/organization_show", {}, 409, "Validation Error"),
    ("GET", f"{A}/datastore_search", {}, 409, "Validation Error"),
    ("GET", f"{A}/package_search?rows=-1", {}, 409, "Validation Error"),
    ("GET", f"{A}/package_search?start=x", {}, 409, "Validation Error"),
    ("POST", f"{A}/package_search", {"json": {"rows": "beaucoup"}}, 409, "Validation Error"),
    ("GET", f'{A}/package_search?facet.field=["nope"]', {}, 409, "Validation Error"),
    ("GET", f"{A}/package_search?facet.field=[", {}, 409, "Validation Error"),
    ("GET", f"{A}/organization_list?sort=nope", {}, 409, "Validation Error"),
    ("GET", f"{A}/package_search?fq=nope:x", {}, 400, "Search Query Error"),
    ("GET", f"{A}/package_search?sort=nope%20asc", {}, 400, "Search Query Error"),
    ("GET", f"{A}/", {}, 404, "Not Found Error"),
    ("GET", "/api/3/nothing/here", {}, 404, "Not Found Error"),
    ("GET", "/api/util/nothing", {}, 404, "Not Found Error"),
    ("DELETE", f"{A}/package_list", {}, 405, "Validation Error"),
    ("PUT", "/api/action/package_list", {}, 405, "Validation Error"),
    ("POST", "/api/util/status", {}, 405, "Validation Error"),
]
BARE: list[tuple[str, str, dict[str, Any], str]] = [
    ("GET", f"{A}/package_delete", {}, "Bad request - Action name not known: package_delete"),
    ("POST", f"{A}/user_create", {"json": {}}, "Bad request - Action name not known: user_create"),
    ("GET", f"{A}/datastore_search_sql?sql=SELECT%201", {},
     "Bad request - Action name not known: datastore_search_sql"),
    ("POST", f"{A}/package_search", {"content": b"[1, 2]", "headers": JSON_BODY}, NOT_AN_OBJECT),
    ("POST", f"{A}/package_search", {"content": b"{nope", "headers": JSON_BODY}, NOT_AN_OBJECT),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "keywords", "status", "kind"), ENVELOPED)
def test_enveloped_errors(
    anon: httpx.Client, method: str, path: str, keywords: dict[str, Any], status: int, kind: str
) -> None:
    answer = anon.request(method, path, **keywords)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"help", "success", "error"}
    assert body["success"] is False
    assert "help_show" in body["help"]
    assert body["error"]["__type"] == kind
    assert body["error"]["message_fr"]
    assert "Traceback" not in answer.text


@pytest.mark.parametrize(("method", "path", "keywords", "text"), BARE)
def test_bare_string_errors(
    anon: httpx.Client, method: str, path: str, keywords: dict[str, Any], text: str
) -> None:
    answer = anon.request(method, path, **keywords)
    assert answer.status_code == 400
    assert answer.json() == text


def test_invisible_answers_as_unknown(anon: httpx.Client) -> None:
    hidden = anon.get(f"{A}/package_show", params={"id": "prenoms-prive"}).json()
    unknown = anon.get(f"{A}/package_show", params={"id": "nexiste-pas"}).json()
    assert hidden["error"]["message"].replace("prenoms-prive", "X") == unknown["error"][
        "message"
    ].replace("nexiste-pas", "X")
