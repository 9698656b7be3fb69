"""The server itself: liveness, OpenAPI, vendored docs, error shapes, the serve command."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from live_server import free_port


def test_healthz_answers_ok(anon: httpx.Client) -> None:
    answer = anon.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_openapi_has_stable_operation_ids(anon: httpx.Client) -> None:
    spec = anon.get("/openapi.json").json()
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert "healthz" in ids
    assert len(ids) == len(set(ids))
    assert all("__" not in op for op in ids)  # FastAPI's generated ids contain "__"


def test_docs_are_served_without_any_external_url(anon: httpx.Client) -> None:
    page = anon.get("/docs").text
    assert "swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    assert anon.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_unknown_path_is_a_json_404(anon: httpx.Client) -> None:
    answer = anon.get("/no/such/path")
    assert answer.status_code == 404
    assert answer.json()["error_code"] == "not-found"


def test_serve_refuses_a_missing_instance_in_both_languages(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "territoria.cli.main", "--home", str(tmp_path / "none")]
    done = subprocess.run(
        [*command, "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "aucune instance" in done.stderr and "no Territoria instance" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_command_serves_an_instance(tmp_path: Path) -> None:
    home = tmp_path / "home"
    base = [sys.executable, "-m", "territoria.cli.main", "--home", str(home)]
    subprocess.run([*base, "init"], check=True, capture_output=True, timeout=60)
    port = free_port()
    env = {**os.environ, "TERRITORIA_HOME": str(home)}
    server = subprocess.Popen(
        [*base, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
        assert answer.json()["status"] == "ok"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_read_apis_allow_cross_origin_calls_from_browsers(anon: httpx.Client) -> None:
    origin = {"Origin": "https://tableau-de-bord.example.org"}
    answer = anon.get("/api/explore/v2.1/catalog/datasets", headers=origin)
    assert answer.headers["access-control-allow-origin"] == "*"
    preflight = anon.options(
        "/api/v1/datasets",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 400  # writes are not offered to other origins
