"""The portal's sign-in cookie opens the APIs' reads of a private dataset, never a write.

The portal's table, chart builder and map read the Explore API from the browser, which sends
the administrator's HttpOnly cookie and no ``Authorization`` header. A real uvicorn serves
an instance holding a private dataset of real points; httpx plays the browser.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from live_server import ADMIN_TOKEN, SAMPLES
from sample_ingest import ingest_sample
from throwaway import Served, empty_instance, served

from territoria.security.actor import TOKEN_COOKIE

PRIVATE = "fontaines-privees"
DATASET = f"/api/explore/v2.1/catalog/datasets/{PRIVATE}"
READS = (
    f"{DATASET}/records?limit=5",  # the portal's table
    f"{DATASET}/records?select=commune,count(*) as n&group_by=commune&limit=100",  # the chart
    f"{DATASET}/exports/geojson?select=geo_point_2d",  # the map
    f"/api/v1/datasets/{PRIVATE}",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """An instance whose one dataset, with a geo field, is private."""
    settings = empty_instance(tmp_path_factory.mktemp("cookie") / "home")
    ingest_sample(
        settings, SAMPLES / "eau/fontaines-a-boire-paris-2021.csv", PRIVATE, visibility="private"
    )
    with served(settings) as running:
        yield running


def _browser(server: Served, token: str | None) -> httpx.Client:
    """A client that, like the portal's pages, carries the cookie and no header."""
    cookies = {TOKEN_COOKIE: token} if token is not None else {}
    return httpx.Client(base_url=server.url, cookies=cookies, timeout=60)


@pytest.mark.parametrize("path", READS)
def test_private_reads_need_the_cookie_or_the_token(server: Served, path: str) -> None:
    with _browser(server, None) as anonymous, _browser(server, "not-the-token") as wrong:
        assert anonymous.get(path).status_code == 404
        assert wrong.get(path).status_code == 404
    with _browser(server, ADMIN_TOKEN) as admin:
        answer = admin.get(path)
    assert answer.status_code == 200, answer.text


def test_the_cookie_reads_rows_aggregates_and_features(server: Served) -> None:
    with _browser(server, ADMIN_TOKEN) as admin:
        records = admin.get(READS[0]).json()
        groups = admin.get(READS[1]).json()
        features = admin.get(READS[2]).json()["features"]
    assert records["total_count"] == 1188 and len(records["results"]) == 5
    assert sum(group["n"] for group in groups["results"]) == 1188
    assert len(features) == 1188 and features[0]["geometry"]["type"] == "Point"


def test_a_write_with_only_the_cookie_is_refused(server: Served) -> None:
    edit = {"title": "Titre changé par un autre site"}
    with _browser(server, ADMIN_TOKEN) as admin:
        patched = admin.patch(f"/api/v1/datasets/{PRIVATE}", json=edit)
        created = admin.post("/api/v1/datasets", json={"slug": "forge", "title": "Forgé"})
        uploaded = admin.post(
            f"/api/v1/datasets/{PRIVATE}/versions", files={"file": ("x.csv", b"a\n1\n")}
        )
    for refused in (patched, created, uploaded):
        assert refused.status_code == 403, refused.text
        assert refused.json()["error_code"] == "authorization-error"
        assert "Authorization" in refused.json()["message"]
    with server.admin() as header:  # the same write with the header goes through
        assert header.patch(f"/api/v1/datasets/{PRIVATE}", json={}).status_code == 200
        title = header.get(f"/api/v1/datasets/{PRIVATE}").json()["title"]
    assert title != edit["title"]


def test_an_explicit_token_wins_over_the_cookie(server: Served) -> None:
    """A script presenting a wrong token is anonymous even from a signed-in browser."""
    headers = {"Authorization": "Bearer not-the-token"}
    with _browser(server, ADMIN_TOKEN) as admin:
        assert admin.get(READS[0], headers=headers).status_code == 404


def test_what_a_signed_in_reader_sees_is_kept_out_of_shared_caches(server: Served) -> None:
    with _browser(server, ADMIN_TOKEN) as admin, _browser(server, None) as anonymous:
        private = admin.get(READS[0])
        header = anonymous.get(READS[0], headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        public = anonymous.get("/api/explore/v2.1/catalog/datasets")
    for answer in (private, header):
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "private, no-store"
    # the same URL answers otherwise with other credentials: every answer says so
    for answer in (private, header, public):
        vary = {part.strip().lower() for part in answer.headers["vary"].split(",")}
        assert {"authorization", "cookie"} <= vary
    assert "private" not in public.headers.get("cache-control", "")
