"""Uploads of new versions over HTTP: 201 and Location, identical file 200, 403 without the
token, 422 with the report and nothing stored, 415, 413 announced and while streaming."""

from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import httpx
import pytest
from live_server import ADMIN_TOKEN, SAMPLES
from throwaway import SMALL_LIMIT, Served

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.services.ingesting import ingest_file
from territoria.services.validating import validate_file

SANISETTES = SAMPLES / "eau/sanisettes-paris-2021.csv"
TRILIB = SAMPLES / "dechets/trilib-paris-2018.csv"
BOUNDARY = "territoria-test-boundary"


def _csv_rows(path: Path) -> int:
    """Data rows of a CSV counted by DuckDB (the oracle for what a version stores)."""
    with duckdb.connect() as con:
        row = con.execute("SELECT count(*) FROM read_csv(?, header=true)", [str(path)]).fetchone()
    assert row is not None
    return int(row[0])


def _parquet_rows(data: bytes) -> int:
    with duckdb.connect() as con:
        con.execute("CREATE TABLE t AS SELECT * FROM read_parquet(?)", [_spill(data)])
        row = con.execute("SELECT count(*) FROM t").fetchone()
    assert row is not None
    return int(row[0])


def _spill(data: bytes) -> str:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".parquet", delete=False) as out:
        out.write(data)
    return out.name


def _upload(http: httpx.Client, slug: str, path: Path, **params: str) -> httpx.Response:
    with path.open("rb") as stream:
        files = {"file": (path.name, stream, "text/csv")}
        return http.post(f"/api/v1/datasets/{slug}/versions", files=files, params=params)


def _numbers(http: httpx.Client, slug: str) -> list[int]:
    answer = http.get(f"/api/v1/datasets/{slug}/versions")
    assert answer.status_code == 200
    return [v["number"] for v in answer.json()]


def test_upload_creates_a_version_with_its_location(writable: Served) -> None:
    with writable.admin() as admin:
        answer = _upload(
            admin, "sanisettes", SANISETTES, title="Sanisettes", organisation="217500016"
        )
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["created"] is True and body["number"] == 1
        assert body["rows"] == _csv_rows(SANISETTES)
        assert body["sourceFilename"] == SANISETTES.name
        assert body["report"]["valid"] is True
        assert answer.headers["location"] == "/api/v1/datasets/sanisettes/versions/1"
        shown = admin.get(answer.headers["location"])
        assert shown.status_code == 200 and shown.json()["number"] == 1
        dataset = admin.get("/api/v1/datasets/sanisettes").json()
        assert dataset["title"] == "Sanisettes" and dataset["publisher"]["code"] == "217500016"


def test_the_latest_file_again_answers_200_with_that_version(writable: Served) -> None:
    with writable.admin() as admin:
        before = _numbers(admin, "fontaines")
        answer = _upload(admin, "fontaines", SAMPLES / "eau/fontaines-a-boire-paris-2021.csv")
        assert answer.status_code == 200, answer.text
        assert answer.json()["created"] is False
        assert answer.json()["number"] == before[-1]
        assert _numbers(admin, "fontaines") == before


def test_an_upload_without_the_token_is_403_and_stores_nothing(writable: Served) -> None:
    files_before = writable.lake_files()
    with writable.anon() as anon:
        answer = _upload(anon, "sans-jeton", SANISETTES)
        assert answer.status_code == 403
        assert answer.json()["error_code"] == "authorization-error"
        assert anon.get("/api/v1/datasets/sans-jeton").status_code == 404
    assert writable.lake_files() == files_before


def test_refused_data_is_422_with_the_report_and_nothing_is_stored(writable: Served) -> None:
    expected = validate_file(SANISETTES, "scdl/subventions", ReadOptions(), writable.settings)
    files_before = writable.lake_files()
    with writable.admin() as admin:
        versions_before = admin.get("/api/v1/datasets/fontaines/versions").json()
        for slug in ("fontaines", "nouveau-refuse"):
            answer = _upload(admin, slug, SANISETTES, schema="scdl/subventions", lang="en")
            assert answer.status_code == 422, answer.text
            body = answer.json()
            assert body["error_code"] == "invalid-data" and body["message_fr"]
            report = body["details"]["report"]
            assert report["valid"] is False
            assert report["stats"]["errors"] == expected.error_count
            assert report["tasks"][0]["place"] == SANISETTES.name  # not the server's scratch
            assert "owned-" not in answer.text
        assert admin.get("/api/v1/datasets/fontaines/versions").json() == versions_before
        assert admin.get("/api/v1/datasets/nouveau-refuse").status_code == 404
    assert writable.lake_files() == files_before


def test_quarantine_stores_the_valid_rows(writable: Served) -> None:
    expected = validate_file(SANISETTES, "scdl/subventions", ReadOptions(), writable.settings)
    with writable.admin() as admin:
        answer = _upload(
            admin, "quarantaine", SANISETTES, schema="scdl/subventions", quarantine="true"
        )
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["quarantined"] is (expected.invalid_rows > 0)
        assert body["rows"] == expected.rows - expected.invalid_rows
        data = admin.get("/api/v1/datasets/quarantaine/versions/1/download?format=parquet")
        assert data.status_code == 200
        assert _parquet_rows(data.content) == body["rows"]


def test_a_first_upload_may_be_private(writable: Served) -> None:
    with writable.admin() as admin:
        answer = _upload(admin, "trilib-secret", TRILIB, visibility="private")
        assert answer.status_code == 201, answer.text
        assert admin.get("/api/v1/datasets/trilib-secret").json()["visibility"] == "private"
    with writable.anon() as anon:
        assert anon.get("/api/v1/datasets/trilib-secret").status_code == 404
        assert anon.get("/api/v1/datasets/trilib-secret/versions/1").status_code == 404
        assert "trilib-secret" not in [d["slug"] for d in anon.get("/api/v1/datasets").json()]


def test_a_later_upload_keeps_a_private_dataset_private(writable: Served) -> None:
    with writable.admin() as admin:
        assert _upload(admin, "reste-prive", TRILIB, visibility="private").status_code == 201
        again = _upload(admin, "reste-prive", SAMPLES / "eau/fontaines-a-boire-paris-2021.csv")
        assert again.status_code == 201, again.text
        assert admin.get("/api/v1/datasets/reste-prive").json()["visibility"] == "private"
    with writable.anon() as anon:
        assert anon.get("/api/v1/datasets/reste-prive").status_code == 404


def test_form_fields_are_options_too(writable: Served) -> None:
    with writable.admin() as admin, TRILIB.open("rb") as stream:
        answer = admin.post(
            "/api/v1/datasets/trilib-form/versions",
            files={"file": (TRILIB.name, stream, "text/csv")},
            data={"title": "Trilib' (formulaire)", "delimiter": ";"},
            params={"title": "ignored: the form wins"},
        )
        assert answer.status_code == 201, answer.text
        assert admin.get("/api/v1/datasets/trilib-form").json()["title"] == "Trilib' (formulaire)"


def test_unreadable_and_malformed_uploads_are_refused(writable: Served) -> None:
    files_before = writable.lake_files()
    with writable.admin() as admin:
        png = {"file": ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")}
        answer = admin.post("/api/v1/datasets/photo/versions", files=png)
        assert answer.status_code == 415 and answer.json()["error_code"] == "unreadable-file"
        assert answer.json()["details"]["path"] == "photo.png"
        as_json = admin.post("/api/v1/datasets/photo/versions", json={"file": "a,b\n1,2\n"})
        assert as_json.status_code == 415
        assert as_json.json()["error_code"] == "unsupported-media-type"
        no_file = admin.post(
            "/api/v1/datasets/photo/versions", files={"other": ("a.csv", b"a\n1\n")}
        )
        assert no_file.status_code == 400 and no_file.json()["details"]["part"] == "file"
        bad_option = _upload(admin, "photo", TRILIB, header_row="0")
        assert (
            bad_option.status_code == 400 and bad_option.json()["error_code"] == "invalid-parameter"
        )
        bad_slug = _upload(admin, "Pas_Un_Slug", TRILIB)
        assert bad_slug.status_code == 400 and bad_slug.json()["error_code"] == "invalid-slug"
        server_path = _upload(admin, "photo", TRILIB, schema="/etc/passwd")
        assert (
            server_path.status_code == 400 and server_path.json()["error_code"] == "invalid-schema"
        )
        assert "root:" not in server_path.text
    assert writable.lake_files() == files_before


def _multipart(name: str, payload: bytes) -> bytes:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    return head + payload + f"\r\n--{BOUNDARY}--\r\n".encode()


def _big_csv(size: int) -> bytes:
    """A valid CSV of whole lines, ``size`` bytes or up to one line more."""
    lines = io.BytesIO()
    lines.write(b"commune;valeur\n")
    n = 0
    while lines.tell() < size:
        lines.write(f"commune-{n};{n}\n".encode())
        n += 1
    return lines.getvalue()


def _scratch_areas(settings: Settings) -> list[Path]:
    scratch = settings.tmp_dir / "scratch"
    return [p for p in scratch.iterdir() if p.name.startswith("owned-")] if scratch.is_dir() else []


def test_too_large_uploads_are_413_announced_or_streamed(small: Served) -> None:
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    slightly_over = _multipart("gros.csv", _big_csv(SMALL_LIMIT + 100))
    far_over = _multipart("gros.csv", _big_csv(3 * 1024 * 1024))

    def chunked() -> object:
        for start in range(0, len(slightly_over), 4096):
            yield slightly_over[start : start + 4096]

    with small.admin() as admin:
        fits = admin.post(
            "/api/v1/datasets/petit/versions",
            content=_multipart("petit.csv", _big_csv(SMALL_LIMIT - 200)),
            headers=headers,
        )
        assert fits.status_code == 201, fits.text
        for body in (slightly_over, far_over, chunked()):
            answer = admin.post("/api/v1/datasets/gros/versions", content=body, headers=headers)
            assert answer.status_code == 413, answer.text
            assert answer.json()["error_code"] == "upload-too-large"
            assert answer.json()["details"]["maxBytes"] == SMALL_LIMIT
        assert admin.get("/api/v1/datasets/gros").status_code == 404
        validating = admin.post("/api/v1/validate", content=slightly_over, headers=headers)
        assert validating.status_code == 413
    assert _scratch_areas(small.settings) == []
    assert [p.parts[0] for p in map(Path, small.lake_files())] == ["petit"] * len(
        small.lake_files()
    )


def _wait(condition: Callable[[], bool], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_an_interrupted_upload_leaves_nothing_behind(small: Served) -> None:
    host, port = small.url.removeprefix("http://").split(":")
    body = _multipart("coupe.csv", _big_csv(20_000))
    head = (
        "POST /api/v1/datasets/coupe/versions HTTP/1.1\r\n"
        f"Host: {host}\r\nAuthorization: Bearer {ADMIN_TOKEN}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port))) as raw:
        raw.sendall(head + body[: len(body) // 2])
        assert _wait(lambda: bool(_scratch_areas(small.settings)))  # the upload has begun
    # the client has left halfway: the server gives up and erases what it received
    assert _wait(lambda: not _scratch_areas(small.settings))
    assert _scratch_areas(small.settings) == []
    with small.admin() as admin:
        assert admin.get("/api/v1/datasets/coupe").status_code == 404
        assert admin.get("/healthz").status_code == 200


UPLOADS_AS_INGESTS = [
    ("subventions/dep-aube-conventions-subvention.xlsx", {"quarantine": "true"}),
    ("subventions/dep-nievre-subventions-2016.csv", {"quarantine": "true", "delimiter": ";"}),
    ("marches-publics/marches-publics-2015.xlsx", {"quarantine": "true", "sheet": "1"}),
]


@pytest.mark.parametrize(("sample", "params"), UPLOADS_AS_INGESTS)
def test_an_upload_stores_what_the_ingest_service_stores(
    writable: Served, sample: str, params: dict[str, str]
) -> None:
    path = SAMPLES / sample
    slug = path.stem.lower().replace("_", "-")[:80]
    ingested = ingest_file(
        path,
        f"svc-{slug}",
        schema_ref=None,
        org_code=None,
        quarantine=True,
        options=ReadOptions(delimiter=params.get("delimiter"), sheet=params.get("sheet")),
        settings=writable.settings,
    )
    assert ingested.version is not None
    with writable.admin() as admin:
        answer = _upload(admin, f"api-{slug}", path, **params)
        assert answer.status_code == 201, answer.text
        version = admin.get(answer.headers["location"]).json()
        service = admin.get(f"/api/v1/datasets/svc-{slug}/versions/1").json()
    for key in ("rows", "invalidRows", "quarantined", "format", "sourceSha256"):
        assert version[key] == service[key], key
    assert version["report"]["tasks"][0]["stats"] == service["report"]["tasks"][0]["stats"] | {
        "seconds": version["report"]["tasks"][0]["stats"]["seconds"]
    }


def test_concurrent_uploads_each_make_their_version(writable: Served) -> None:
    sources = [SANISETTES, TRILIB, SAMPLES / "prenoms/prenoms-naissance-carrieres-sous-poissy.csv"]
    answers: dict[str, httpx.Response] = {}
    with writable.admin() as admin:  # the dataset exists: concurrent first uploads race (409)
        assert admin.post("/api/v1/datasets", json={"slug": "concurrents"}).status_code == 201

    def upload(path: Path) -> None:
        with writable.admin() as admin:
            answers[path.name] = _upload(admin, "concurrents", path)

    threads = [threading.Thread(target=upload, args=(path,)) for path in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers.values()) == [201, 201, 201]
    with writable.anon() as anon:
        versions = anon.get("/api/v1/datasets/concurrents/versions").json()
    assert [v["number"] for v in versions] == [1, 2, 3]
    by_file = {v["sourceFilename"]: v["number"] for v in versions}
    assert by_file == {name: answer.json()["number"] for name, answer in answers.items()}
