"""The metadata service on a real instance: the one metadata dict, partial edits checked field
by field with bilingual errors, creation without a version, stable identifiers, the writer
rule, and ingest leaving an existing dataset's visibility alone unless asked."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from catalogue_samples import SAMPLES
from sqlalchemy import create_engine, text

from territoria.catalog.changes import FIELDS, UnknownFieldError
from territoria.catalog.metadata_models import MetadataCreate, MetadataUpdate
from territoria.catalog.repository import DatasetExistsError
from territoria.config import Settings
from territoria.errors import NotFoundError, UserError
from territoria.ingest.table import ReadOptions
from territoria.schemas.registry import find_bundled
from territoria.security.actor import ADMIN, ANONYMOUS
from territoria.services.ingesting import ingest_file
from territoria.services.metadata import (
    WriteForbiddenError,
    create_dataset_metadata,
    edit_dataset,
    metadata_of,
)
from territoria.services.metadata_view import METADATA_KEYS


def _row(settings: Settings, sql: str, **params: Any) -> Any:
    engine = create_engine(settings.catalog_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).one()
    finally:
        engine.dispose()


def test_metadata_dict_is_complete_and_json_ready(catalogue: Settings) -> None:
    meta = metadata_of(catalogue, "subventions-31", ADMIN)
    assert tuple(meta) == METADATA_KEYS
    json.dumps(meta, allow_nan=False)
    assert uuid.UUID(meta["identifier"]).version == 4
    assert meta["license"]["uri"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert meta["frequency"]["uri"].endswith("/frequency/ANNUAL")
    assert [t["id"] for t in meta["themes"]] == ["subventions", "ECON"]
    assert meta["themes"][1]["uri"].endswith("/data-theme/ECON")
    assert meta["publisher"] == {
        "code": "223100017",
        "name": "Département de la Haute-Garonne",
        "kind": "departement",
        "siren": "223100017",
        "territory": "departement:31",
    }
    bundled = find_bundled("scdl/subventions")
    assert bundled is not None and bundled.version is not None
    assert meta["conformsTo"] == (
        f"https://schema.data.gouv.fr/schemas/scdl/subventions/{bundled.version}/schema.json"
    )
    schema = json.loads(bundled.path.read_text(encoding="utf-8"))
    by_name = {f["name"]: f for f in meta["fields"]}
    for field in schema["fields"]:
        assert by_name[field["name"]]["description"] == field.get("description")
    row = _row(
        catalogue,
        "SELECT min(v.created_at), count(*), max(v.row_count) FROM version v"
        " JOIN dataset d ON d.id = v.dataset_id WHERE d.slug = 'subventions-31'",
    )
    assert meta["versionCount"] == row[1] and meta["latestVersion"]["rows"] == row[2]
    assert meta["issued"][:19] == str(row[0])[:19].replace(" ", "T")
    assert meta["latestVersion"]["formats"] == ["csv"]


def test_edit_is_partial_and_updates_modified(catalogue: Settings) -> None:
    before = metadata_of(catalogue, "trilib-paris", ADMIN)
    after = edit_dataset(
        catalogue,
        "trilib-paris",
        {
            "contact_point": {"name": "Direction de la propreté", "email": "proprete@paris.fr"},
            "temporal": {"start": "2018-01-01", "end": "2018-12-31"},
            "landing_page": "https://opendata.paris.fr/explore/dataset/dechets-menagers-points-dapport-volontaire-stations-trilib/",
        },
        ADMIN,
    )
    assert after["contactPoint"] == {
        "name": "Direction de la propreté",
        "email": "proprete@paris.fr",
    }
    assert after["temporal"] == {"start": "2018-01-01", "end": "2018-12-31"}
    unchanged = set(METADATA_KEYS) - {"contactPoint", "temporal", "landingPage", "modified"}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    assert after["modified"] >= before["modified"]
    stored = _row(
        catalogue, "SELECT contact_email, temporal_end FROM dataset WHERE slug='trilib-paris'"
    )
    assert stored[0] == "proprete@paris.fr" and str(stored[1]) == "2018-12-31"


def test_unknown_key_is_named_with_the_known_ones(catalogue: Settings) -> None:
    with pytest.raises(UnknownFieldError) as error:
        edit_dataset(catalogue, "trilib-paris", {"titre": "x"}, ADMIN)
    assert "« titre »" in error.value.message_fr and "'titre'" in error.value.message_en
    for known in FIELDS:
        assert known in error.value.message_en


BAD_VALUES = [
    ("license", "gpl-3"),
    ("themes", ["ENVI", "astrologie"]),
    ("frequency", "de temps en temps"),
    ("spatial", ["Paris"]),
    ("spatial", ["commune:7505"]),
    ("temporalStart", "2018-02-30"),
    ("contactEmail", "proprete.paris.fr"),
    ("landingPage", "opendata.paris.fr"),
    ("publisher", "217500017"),  # Luhn fails
    ("publisher", {"code": "x", "siret": "1"}),
    ("visibility", "hidden"),
    ("language", "français"),
    ("title", ""),
    ("keywords", [1, 2]),
]


@pytest.mark.parametrize(("key", "value"), BAD_VALUES)
def test_every_bad_value_is_a_bilingual_error_and_changes_nothing(
    catalogue: Settings, key: str, value: Any
) -> None:
    before = metadata_of(catalogue, "fontaines-paris", ADMIN)
    with pytest.raises(UserError) as error:
        edit_dataset(catalogue, "fontaines-paris", {"description": "changée", key: value}, ADMIN)
    assert error.value.message_fr != error.value.message_en
    assert error.value.http_status == 400 and error.value.exit_code == 2
    shown = str(value if not isinstance(value, list) else value[-1])
    if key not in ("publisher", "keywords"):
        assert shown in error.value.message_fr and shown in error.value.message_en
    assert metadata_of(catalogue, "fontaines-paris", ADMIN) == before


def test_reversed_temporal_coverage_is_refused(catalogue: Settings) -> None:
    with pytest.raises(UserError, match="Temporal coverage reversed"):
        edit_dataset(
            catalogue,
            "sanisettes-paris",
            {"temporalStart": "2022-01-01", "temporalEnd": "2021-01-01"},
            ADMIN,
        )


def test_only_the_administrator_writes(catalogue: Settings) -> None:
    with pytest.raises(WriteForbiddenError) as error:
        edit_dataset(catalogue, "fontaines-paris", {"title": "x"}, ANONYMOUS)
    assert error.value.http_status == 403
    with pytest.raises(NotFoundError):
        metadata_of(catalogue, "prenoms-prive", ANONYMOUS)
    assert metadata_of(catalogue, "prenoms-prive", ADMIN)["visibility"] == "private"


def test_create_without_version_then_identifier_never_changes(tmp_path: Path) -> None:
    settings = build_catalogue_empty(tmp_path)
    body = MetadataCreate.model_validate(
        {
            "slug": "collecte-biodechets",
            "title": "Collecte des biodéchets",
            "themes": ["dechets"],
            "temporalStart": "2024-01-01",
            "publisher": {"code": "200054781", "name": "Métropole du Grand Paris"},
        }
    )
    created = create_dataset_metadata(settings, body.slug, body.changes(), ADMIN)
    assert created["latestVersion"] is None and created["issued"] is None
    assert created["versionCount"] == 0 and created["publisher"]["siren"] == "200054781"
    with pytest.raises(DatasetExistsError):
        create_dataset_metadata(settings, "collecte-biodechets", {}, ADMIN)
    ingest_file(
        SAMPLES / "dechets/trilib-paris-2018.csv",
        "collecte-biodechets",
        schema_ref=None,
        org_code=None,
        quarantine=True,
        options=ReadOptions(),
        settings=settings,
    )
    update = MetadataUpdate.model_validate({"contactEmail": "dechets@metropolegrandparis.fr"})
    edited = edit_dataset(settings, "collecte-biodechets", update.changes(), ADMIN)
    assert edited["identifier"] == created["identifier"]
    assert edited["issued"] is not None and edited["latestVersion"]["number"] == 1
    assert edited["title"] == "Collecte des biodéchets"  # an ingest keeps the metadata
    with pytest.raises(ValueError):
        MetadataUpdate.model_validate({"colour": "green"})


def test_ingest_keeps_visibility_unless_asked(tmp_path: Path) -> None:
    settings = build_catalogue_empty(tmp_path)

    def ingest(file: str, visibility: str | None) -> None:
        ingest_file(
            SAMPLES / file,
            "sanitaires",
            schema_ref=None,
            org_code=None,
            quarantine=True,
            options=ReadOptions(),
            settings=settings,
            visibility=visibility,
        )

    def shown() -> str:
        return str(_row(settings, "SELECT visibility FROM dataset WHERE slug = 'sanitaires'")[0])

    ingest("eau/sanisettes-paris-2021.csv", "private")
    assert shown() == "private"
    ingest("eau/fontaines-a-boire-paris-2021.csv", None)  # a new version, nothing asked
    assert shown() == "private"
    ingest("eau/fontaines-a-boire-paris-2021.csv", "public")  # same file, asked
    assert shown() == "public"
    ingest("eau/sanisettes-paris-2021.csv", "private")  # new version, asked
    assert shown() == "private"
    with pytest.raises(UserError, match="visibility"):
        ingest("eau/sanisettes-paris-2021.csv", "secret")


def build_catalogue_empty(home: Path) -> Settings:
    from territoria.services.instance import init_instance

    settings = Settings(home=home)
    init_instance(settings).close()
    return settings


def test_dates_are_read_from_text_or_date(catalogue: Settings) -> None:
    meta = edit_dataset(
        catalogue,
        "sanisettes-paris",
        {"temporal_start": dt.date(2021, 1, 1), "temporal_end": None},
        ADMIN,
    )
    assert meta["temporal"] == {"start": "2021-01-01", "end": None}


def test_public_model_describes_every_metadata_dict(catalogue: Settings) -> None:
    from territoria.catalog.metadata_models import DatasetMetadataPublic
    from territoria.services.catalogue import search_catalogue

    everything = search_catalogue(catalogue, ADMIN, limit=100)
    assert everything.total >= 7
    for item in everything.items:
        meta = {k: v for k, v in item.items() if k != "score"}
        assert DatasetMetadataPublic.model_validate(meta).model_dump(by_alias=True) == meta
