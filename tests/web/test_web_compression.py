"""The portal's pages and ``.json`` twins travel gzipped to clients that accept it, plain to
the others; the APIs' answers and exports are left as they were."""

from __future__ import annotations

import gzip

import httpx

TERRITORY_PAGE = "/territories/departement:2A"


class Sent:
    """An answer as it travelled: status, headers and body before any decoding."""

    def __init__(self, url: str, encoding: str) -> None:
        with httpx.stream("GET", url, headers={"Accept-Encoding": encoding}) as response:
            self.status_code, self.headers = response.status_code, response.headers
            self.content = b"".join(response.iter_raw())


def test_a_territory_page_is_gzipped_for_clients_that_accept_it(portal_url: str) -> None:
    plain = Sent(portal_url + TERRITORY_PAGE, "identity")
    packed = Sent(portal_url + TERRITORY_PAGE, "gzip, deflate")
    assert plain.status_code == packed.status_code == 200
    assert "content-encoding" not in plain.headers
    assert plain.headers["content-type"].startswith("text/html")
    assert b"Corse-du-Sud" in plain.content
    assert packed.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["vary"]
    assert "Accept-Encoding" in plain.headers["vary"]
    assert int(packed.headers["content-length"]) == len(packed.content)
    assert len(packed.content) * 4 < len(plain.content)
    assert gzip.decompress(packed.content) == plain.content


def test_json_twins_and_portal_error_pages_are_gzipped(portal_url: str) -> None:
    twin = Sent(portal_url + "/datasets.json", "gzip")
    assert twin.headers["content-encoding"] == "gzip"
    assert twin.headers["content-type"] == "application/json"
    assert httpx.Response(200, content=gzip.decompress(twin.content)).json()["results"]
    missing = Sent(portal_url + "/datasets/no-such-dataset", "gzip")
    assert missing.status_code == 404
    assert missing.headers["content-encoding"] == "gzip"
    assert "Jeu de données introuvable".encode() in gzip.decompress(missing.content)


def test_the_apis_and_their_exports_are_not_recompressed(portal_url: str) -> None:
    catalog = Sent(portal_url + "/api/explore/v2.1/catalog/datasets?limit=5", "gzip")
    assert catalog.status_code == 200
    assert "content-encoding" not in catalog.headers
    assert catalog.headers["content-type"].startswith("application/json")
    export = Sent(
        portal_url + "/api/explore/v2.1/catalog/datasets/trilib-paris/exports/csv", "gzip"
    )
    assert export.status_code == 200
    assert "content-encoding" not in export.headers
    assert export.content.startswith("\ufeff".encode())  # the CSV itself, byte for byte
