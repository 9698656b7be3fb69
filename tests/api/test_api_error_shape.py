"""Every error path we know, on every API prefix, answers its status in its API's shape.

As Datasette's ``test_error_shape``: the native API (and paths no API owns) answer
``UserError.to_dict()`` — a kebab-case ``error_code``, ``message`` in English, ``message_fr``;
the Explore API answers Opendatasoft's ``{"error_code": "NotFoundError", "message"}``. No
body is a traceback, and an invisible dataset answers exactly as an unknown one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from live_server import client
from throwaway import SMALL_LIMIT, Served, empty_instance, served

NATIVE_CODE = re.compile(r"[a-z]+(-[a-z]+)*")
ODS_CODE = re.compile(r"[A-Z][A-Za-z]+")
ODS = "/api/explore/v2.1"
V1 = "/api/v1"

# (method, path, request keywords, status); the shared instance, anonymous caller
READS: list[tuple[str, str, dict[str, Any], int]] = [
    ("GET", "/no/such/path", {}, 404),
    ("GET", f"{V1}/nothing-here", {}, 404),
    ("DELETE", f"{V1}/datasets", {}, 405),
    ("GET", f"{V1}/datasets/nexiste-pas", {}, 404),
    ("GET", f"{V1}/datasets/prenoms-prive", {}, 404),
    ("GET", f"{V1}/datasets/PAS%20UN%20SLUG", {}, 404),
    ("GET", f"{V1}/datasets/nexiste-pas/versions", {}, 404),
    ("GET", f"{V1}/datasets/fontaines-paris/versions/99", {}, 404),
    ("GET", f"{V1}/datasets/prenoms-prive/versions/1/report", {}, 404),
    ("GET", f"{V1}/datasets/prenoms-prive/versions/1/download", {}, 404),
    ("GET", f"{V1}/datasets/fontaines-paris/versions/abc", {}, 400),
    ("GET", f"{V1}/datasets/fontaines-paris/versions/0", {}, 400),
    ("GET", f"{V1}/datasets/fontaines-paris/versions/99999999999999999999", {}, 400),
    ("GET", f"{V1}/datasets/fontaines-paris/versions/1/download?format=exe", {}, 400),
    ("GET", f"{V1}/datasets/fontaines-paris/versions/1/diff/1?sample=-1", {}, 400),
    ("GET", f"{V1}/datasets/fontaines-paris/versions/1/diff/1?key=nope", {}, 400),
    ("GET", f"{V1}/datasets/fontaines-paris/versions/1/diff/99", {}, 404),
    ("POST", f"{V1}/datasets", {"json": {"slug": "x"}}, 403),
    ("PATCH", f"{V1}/datasets/fontaines-paris", {"json": {"title": "x"}}, 403),
    (
        "POST",
        f"{V1}/datasets/fontaines-paris/versions",
        {"files": {"file": ("a.csv", b"a\n1\n")}},
        403,
    ),
    ("POST", f"{V1}/datasets/fontaines-paris/rollback", {"json": {"to": 1}}, 403),
    ("POST", f"{V1}/validate", {"json": {}}, 415),
    (
        "POST",
        f"{V1}/validate",
        {"files": {"file": ("a.png", b"\x89PNG\r\n\x1a\n" + bytes(9))}},
        415,
    ),
    (
        "POST",
        f"{V1}/validate",
        {"files": {"file": ("a.csv", b"a\n1\n")}, "params": {"schema": "x/y"}},
        400,
    ),
    ("POST", f"{V1}/validate", {"files": {"other": ("a.csv", b"a\n1\n")}}, 400),
    ("GET", f"{ODS}/catalog/datasets/nexiste-pas", {}, 404),
    ("GET", f"{ODS}/catalog/datasets/prenoms-prive", {}, 404),
    ("GET", f"{ODS}/catalog/datasets/prenoms-prive/records", {}, 404),
    ("GET", f"{ODS}/catalog/datasets/nexiste-pas/records", {}, 404),
    ("GET", f"{ODS}/catalog/datasets?limit=1000", {}, 400),
    ("GET", f"{ODS}/catalog/datasets?offset=-1", {}, 400),
    ("GET", f"{ODS}/catalog/datasets/fontaines-paris/records?limit=101", {}, 400),
    ("GET", f"{ODS}/catalog/datasets/fontaines-paris/records?where=(((", {}, 400),
    ("GET", f"{ODS}/catalog/datasets/fontaines-paris/records?select=champ_inconnu", {}, 400),
    ("GET", f"{ODS}/no/such/endpoint", {}, 404),
]


def check_shape(answer: httpx.Response, status: int) -> dict[str, Any]:
    """The body of ``answer`` after checking its status and its API's error shape."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = answer.json()
    assert isinstance(body.get("message"), str) and body["message"]
    assert "Traceback" not in answer.text
    pattern = ODS_CODE if answer.request.url.path.startswith(ODS) else NATIVE_CODE
    assert pattern.fullmatch(body["error_code"]), body
    if pattern is NATIVE_CODE:
        assert isinstance(body.get("message_fr"), str) and body["message_fr"]
    return body


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), READS)
def test_error_shape(
    anon: httpx.Client, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    check_shape(anon.request(method, path, **kwargs), status)


def test_invisible_answers_as_unknown(anon: httpx.Client) -> None:
    for base in (f"{V1}/datasets/", f"{ODS}/catalog/datasets/"):
        hidden = check_shape(anon.get(base + "prenoms-prive"), 404)
        unknown = check_shape(anon.get(base + "nexiste-pas"), 404)
        assert hidden["error_code"] == unknown["error_code"]
        assert hidden["message"].replace("prenoms-prive", "?") == unknown["message"].replace(
            "nexiste-pas", "?"
        )


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """An empty throwaway instance with a small upload limit, for the write errors."""
    home = tmp_path_factory.mktemp("error-shape") / "home"
    with served(empty_instance(home, max_upload_bytes=SMALL_LIMIT)) as server:
        yield server


def test_write_errors_have_the_native_shape(small: Served) -> None:
    invalid = b"id;nom\n1;a\nx;b\n"
    schema = b'{"fields": [{"name": "id", "type": "integer"}, {"name": "nom"}]}'
    with client(small.url, admin=True) as admin:
        big = {"file": ("gros.csv", b"a\n" + b"1\n" * SMALL_LIMIT)}
        check_shape(admin.post(f"{V1}/datasets/gros/versions", files=big), 413)
        check_shape(admin.post(f"{V1}/validate", files=big), 413)
        png = {"file": ("a.png", b"\x89PNG\r\n\x1a\n" + bytes(9))}
        check_shape(admin.post(f"{V1}/datasets/image/versions", files=png), 415)
        refused = {"file": ("a.csv", invalid), "schema_file": ("s.json", schema)}
        body = check_shape(admin.post(f"{V1}/datasets/refuse/versions", files=refused), 422)
        assert body["details"]["report"]["valid"] is False
        check_shape(admin.post(f"{V1}/datasets/Mauvais_Slug/versions", files=png), 400)
        check_shape(admin.post(f"{V1}/datasets", json={"slug": "a", "license": "?"}), 400)
        check_shape(
            admin.post(
                f"{V1}/datasets", content=b"{", headers={"content-type": "application/json"}
            ),
            400,
        )
        check_shape(admin.post(f"{V1}/datasets/nexiste-pas/rollback", json={"to": 1}), 404)
        check_shape(admin.patch(f"{V1}/datasets/nexiste-pas", json={"title": "t"}), 404)
    assert small.lake_files() == set()
