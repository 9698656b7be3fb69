"""The fast records path keeps the rules: visibility per catalogue revision, now() never
cached, spatial loaded only when a query needs it, the same answers and errors."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest
import uvicorn
from live_server import free_port

from territoria.api.app import create_app
from territoria.api.state import ServerState
from territoria.config import Settings
from territoria.query.request import RecordsRequest
from territoria.query.spatial import load_spatial
from territoria.security.actor import ANONYMOUS
from territoria.services.query_cache import ResultsCache, time_dependent

RECORDS = "/api/explore/v2.1/catalog/datasets/{}/records"
TERRITORIA = Path(sys.executable).parent / "territoria"


@pytest.fixture(scope="module")
def served(live_settings: Settings) -> Iterator[tuple[httpx.Client, ServerState]]:
    """A server of its own on the shared instance, with its state at hand (its caches)."""
    app = create_app(live_settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            yield http, app.state.territoria
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _edit(settings: Settings, slug: str, visibility: str) -> None:
    env = {**os.environ, "TERRITORIA_HOME": str(settings.home)}
    subprocess.run(
        [str(TERRITORIA), "datasets", "edit", slug, "--visibility", visibility],
        env=env,
        check=True,
        capture_output=True,
    )


def test_a_dataset_made_private_by_another_process_is_404_on_the_next_request(
    served: tuple[httpx.Client, ServerState], live_settings: Settings
) -> None:
    http, state = served
    url = RECORDS.format("trilib-paris")
    assert http.get(url, params={"limit": 1}).status_code == 200
    asked = state.visible.lookups
    assert http.get(url, params={"limit": 2}).status_code == 200
    assert state.visible.lookups == asked  # kept: the catalogue was not asked again
    try:
        _edit(live_settings, "trilib-paris", "private")
        gone = http.get(url, params={"limit": 1})  # a page kept in the cache before
        assert gone.status_code == 404
        assert gone.json()["error_code"] == "NotFoundError"
        assert http.get(url, params={"limit": 2}).status_code == 404
    finally:
        _edit(live_settings, "trilib-paris", "public")
    assert http.get(url, params={"limit": 1}).status_code == 200


def test_private_dataset_stays_invisible_on_the_fast_path(
    served: tuple[httpx.Client, ServerState],
) -> None:
    http, _ = served
    for _ in range(2):  # the second answer comes from the kept refusal
        answer = http.get(RECORDS.format("prenoms-prive"))
        assert answer.status_code == 404
        assert answer.json()["error_code"] == "NotFoundError"


def test_cached_page_is_the_computed_page_and_errors_are_unchanged(
    served: tuple[httpx.Client, ServerState],
) -> None:
    http, state = served
    url = RECORDS.format("fontaines-paris")
    params = {"where": 'type_objet="BORNE_FONTAINE"', "limit": 5, "offset": 3}
    first = http.get(url, params=params)
    ran = state.queries.executions
    second = http.get(url, params=params)
    assert state.queries.executions == ran
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    bad = http.get(url, params={**params, "limit": 101})
    assert bad.status_code == 400
    assert bad.json()["error_code"] == "InvalidRESTParameterError"
    assert "-1 <= limit <= 100" in bad.json()["message"]
    odsql = http.get(url, params={"where": "type_objet = "})
    assert odsql.status_code == 400 and odsql.json()["error_code"] == "ODSQLError"


def test_now_is_never_answered_from_the_cache(served: tuple[httpx.Client, ServerState]) -> None:
    http, state = served
    url = RECORDS.format("fontaines-paris")
    params = {"where": "year(now()) > 2000", "limit": 1}
    assert http.get(url, params=params).status_code == 200
    ran = state.queries.executions
    assert http.get(url, params=params).status_code == 200
    assert state.queries.executions > ran  # computed again, not frozen at the first call
    computed: list[int] = []
    cache = ResultsCache(16)
    key = ("v", "records", ("", ("date > NOW (days=-1)",)))
    for _ in range(2):
        cache.get_or_compute(key, lambda: computed.append(1) or len(computed))
    assert len(computed) == 2 and len(cache) == 0 and time_dependent(key)
    assert not time_dependent(("v", "records", ("", ("snow = 'a'",))))


def test_spatial_is_loaded_by_the_first_geo_query_only(
    served: tuple[httpx.Client, ServerState],
) -> None:
    http, state = served
    url = RECORDS.format("fontaines-paris")
    assert http.get(url, params={"limit": 3}).status_code == 200
    assert not state.queries.spatial.loaded
    where = "within_distance(geo_point_2d, geom'POINT(2.3348 48.8859)', 1km)"
    answer = http.get(url, params={"where": where, "limit": 0})
    assert answer.status_code == 200
    assert state.queries.spatial.loaded
    handle = state.queries.known_handle(state.visible.get("fontaines-paris", ANONYMOUS))
    assert handle is not None
    with duckdb.connect() as con:
        load_spatial(con)
        expected = con.execute(
            # ST_Distance_Sphere reads (lat, lon) points; stored text is "lat,lon"
            "SELECT count(*) FROM read_parquet(?) WHERE ST_Distance_Sphere("
            "ST_Point(CAST(split_part(geo_point_2d, ',', 1) AS DOUBLE),"
            " CAST(split_part(geo_point_2d, ',', 2) AS DOUBLE)),"
            " ST_Point(48.8859, 2.3348)) <= 1000",
            [str(handle.parquet)],
        ).fetchone()
    assert expected is not None and expected[0] > 0
    assert answer.json()["total_count"] == expected[0]


def test_index_answered_pages_equal_the_engine_answer(
    served: tuple[httpx.Client, ServerState],
) -> None:
    http, state = served
    url = RECORDS.format("fontaines-paris")
    # geo fields are reshaped by the engine: not plain; a template is per limit and offset
    plain = {"select": "identifiant", "limit": 7, "offset": 2}
    first = http.get(url, params={**plain, "where": 'commune="PARIS 1ER ARRONDISSEMENT"'})
    assert first.status_code == 200  # keeps the shape's template, starts the index builds
    handle = state.queries.known_handle(state.visible.get("fontaines-paris", ANONYMOUS))
    assert handle is not None
    deadline = time.monotonic() + 60  # a server builds them in the background meanwhile
    while not state.queries.accelerator.opened(handle.key, ["Commune"]):
        assert time.monotonic() < deadline, "the index and row store were never built"
        time.sleep(0.05)
    where = 'commune="PARIS 20EME ARRONDISSEMENT"'
    request = RecordsRequest(select="identifiant", where=(where,), limit=7, offset=2)
    now = state.queries.records_now(handle, request)
    assert now is not None  # answerable on the event loop: open index, kept template
    ran = state.queries.executions
    answer = http.get(url, params={**plain, "where": where}).json()
    assert state.queries.executions == ran  # no engine query
    with duckdb.connect() as con:
        counted = con.execute(
            "SELECT count(*) FROM read_parquet(?) WHERE Commune = ?",
            [str(handle.parquet), "PARIS 20EME ARRONDISSEMENT"],
        ).fetchone()
        expected = [
            row[0]
            for row in con.execute(
                "SELECT Identifiant FROM read_parquet(?, file_row_number = true) "
                "WHERE Commune = ? ORDER BY file_row_number LIMIT 7 OFFSET 2",
                [str(handle.parquet), "PARIS 20EME ARRONDISSEMENT"],
            ).fetchall()
        ]
    assert counted is not None and counted[0] > 9
    assert answer["total_count"] == counted[0] == now.total_count
    assert [r["identifiant"] for r in answer["results"]] == expected
    assert now.table.column(0).to_pylist() == expected
