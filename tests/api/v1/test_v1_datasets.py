"""Datasets over HTTP: visible ones listed, full metadata, creation without a version and
partial edits by the administrator only, each refusal in the native error shape."""

from __future__ import annotations

import httpx
from live_server import SAMPLES
from sqlalchemy import select
from throwaway import Served

from territoria.catalog.models import Dataset
from territoria.config import Settings
from territoria.security.actor import ANONYMOUS
from territoria.services.instance import open_instance
from territoria.services.metadata import metadata_of


def _public_slugs(settings: Settings) -> list[str]:
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            query = select(Dataset.slug).where(Dataset.visibility == "public")
            return sorted(session.scalars(query))
    finally:
        instance.close()


def test_visible_datasets_are_listed_with_their_metadata(
    anon: httpx.Client, live_settings: Settings
) -> None:
    listed = anon.get("/api/v1/datasets").json()
    assert [d["slug"] for d in listed] == _public_slugs(live_settings)
    one = anon.get("/api/v1/datasets/subventions-31").json()
    expected = metadata_of(live_settings, "subventions-31", ANONYMOUS)
    assert {k: one[k] for k in expected} == expected
    assert one["latest"]["number"] == expected["latestVersion"]["number"]
    assert one["links"]["versions"] == "/api/v1/datasets/subventions-31/versions"


def test_a_dataset_is_created_without_a_version_then_uploaded(writable: Served) -> None:
    metadata = {
        "slug": "bornes-paris",
        "title": "Bornes fontaines",
        "description": "Les *bornes* de Paris.",
        "keywords": ["eau", "fontaines"],
        "license": "etalab-2.0",
        "temporalStart": "2021-01-01",
    }
    with writable.admin() as admin:
        answer = admin.post("/api/v1/datasets", json=metadata)
        assert answer.status_code == 201, answer.text
        assert answer.headers["location"] == "/api/v1/datasets/bornes-paris"
        created = admin.get("/api/v1/datasets/bornes-paris").json()
        assert created["title"] == "Bornes fontaines" and created["keywords"] == [
            "eau",
            "fontaines",
        ]
        assert created["versionCount"] == 0 and created["latest"] is None
        assert created["temporal"]["start"] == "2021-01-01"
        again = admin.post("/api/v1/datasets", json=metadata)
        assert again.status_code == 409 and again.json()["error_code"] == "dataset-exists"
        source = SAMPLES / "eau/fontaines-a-boire-paris-2021.csv"
        with source.open("rb") as stream:
            upload = admin.post(
                "/api/v1/datasets/bornes-paris/versions",
                files={"file": (source.name, stream)},
                params={"title": "ignored: the dataset exists"},
            )
        assert upload.status_code == 201, upload.text
        after = admin.get("/api/v1/datasets/bornes-paris").json()
        assert after["title"] == "Bornes fontaines" and after["versionCount"] == 1


def test_metadata_is_edited_partially(writable: Served) -> None:
    with writable.admin() as admin:
        before = admin.get("/api/v1/datasets/fontaines").json()
        answer = admin.patch(
            "/api/v1/datasets/fontaines",
            json={"title": "Fontaines à boire", "contactEmail": "eau@paris.fr"},
        )
        assert answer.status_code == 200, answer.text
        after = answer.json()
        assert after["title"] == "Fontaines à boire"
        assert after["contactPoint"]["email"] == "eau@paris.fr"
        assert after["description"] == before["description"]  # untouched: partial
        assert admin.get("/api/v1/datasets/fontaines").json()["title"] == "Fontaines à boire"
        hidden = admin.patch("/api/v1/datasets/fontaines", json={"visibility": "private"})
        assert hidden.status_code == 200
        with writable.anon() as anon:
            assert anon.get("/api/v1/datasets/fontaines").status_code == 404
        shown = admin.patch("/api/v1/datasets/fontaines", json={"visibility": "public"})
        assert shown.status_code == 200


def test_what_a_get_answers_can_be_patched_back(writable: Served) -> None:
    editable = (
        "title",
        "description",
        "keywords",
        "themes",
        "license",
        "frequency",
        "spatial",
        "temporal",
        "contactPoint",
        "landingPage",
        "language",
        "visibility",
        "publisher",
    )
    with writable.admin() as admin:
        first = admin.patch(
            "/api/v1/datasets/fontaines",
            json={
                "license": "odbl",
                "themes": ["eau"],
                "frequency": "annual",
                "temporal": {"start": "2021-01-01", "end": "2021-12-31"},
                "contactPoint": {"name": "Eau de Paris", "email": "eau@paris.fr"},
                "publisher": {"code": "217500016", "name": "Ville de Paris"},
            },
        )
        assert first.status_code == 200, first.text
        read = first.json()
        sent_back = admin.patch(
            "/api/v1/datasets/fontaines", json={key: read[key] for key in editable}
        )
        assert sent_back.status_code == 200, sent_back.text
        again = sent_back.json()
        assert {key: again[key] for key in editable} == {key: read[key] for key in editable}
        cleared = admin.patch("/api/v1/datasets/fontaines", json={"temporal": None})
        assert cleared.json()["temporal"] == {"start": None, "end": None}


def test_metadata_writes_are_refused_in_the_native_shape(writable: Served) -> None:
    with writable.anon() as anon:
        for answer in (
            anon.post("/api/v1/datasets", json={"slug": "pirate"}),
            anon.patch("/api/v1/datasets/fontaines", json={"title": "Piraté"}),
        ):
            assert answer.status_code == 403
            assert answer.json()["error_code"] == "authorization-error"
        assert anon.get("/api/v1/datasets/pirate").status_code == 404
    with writable.admin() as admin:
        cases = [
            (admin.post("/api/v1/datasets", json={"slug": "Pas Un Slug"}), 400),
            (admin.post("/api/v1/datasets", json={"slug": "x", "couleur": "bleu"}), 400),
            (admin.post("/api/v1/datasets", json={"slug": "x", "license": "à moi"}), 400),
            (admin.patch("/api/v1/datasets/fontaines", json={"contactEmail": "pas-un-mail"}), 400),
            (admin.patch("/api/v1/datasets/inconnu", json={"title": "Rien"}), 404),
            (
                admin.patch(
                    "/api/v1/datasets/fontaines",
                    content=b"{",
                    headers={"content-type": "application/json"},
                ),
                400,
            ),
        ]
        for answer, status in cases:
            assert answer.status_code == status, answer.text
            assert {"error_code", "message", "message_fr"} <= set(answer.json())
        assert admin.get("/api/v1/datasets/x").status_code == 404
