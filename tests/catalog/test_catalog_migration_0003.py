"""Migration 0003 (DCAT-AP metadata) upgrades a 0002 catalogue in place on SQLite and
PostgreSQL: rows and versions stay, identifiers are minted, single themes and spatial texts
become lists, SIRENs are recognised; downgrading gives the old columns back."""

from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from territoria.catalog.database import alembic_config, make_engine, session_factory, upgrade
from territoria.catalog.models import Dataset
from territoria.services.metadata_view import dataset_metadata

T = {"t": "2025-01-01 00:00:00+00:00"}
ORGANISATIONS = (
    "INSERT INTO organisation (id, code, name, kind, created_at) VALUES"
    " (1, '217500016', 'Ville de Paris', 'commune', :t),"
    " (2, '217500017', 'Code faux', 'other', :t),"
    " (3, 'commune:31555', 'Toulouse', 'commune', :t)"
)
DATASETS = (
    "INSERT INTO dataset (id, slug, title, description, organisation_id, visibility, keywords,"
    " theme, spatial, license, language, created_at, updated_at) VALUES"
    " (1, 'fontaines', 'Fontaines', '', 1, 'public', '[\"eau\"]', 'ENVI', 'commune:75056',"
    " 'odbl-1.0', 'fr', :t, :t),"
    " (2, 'vide', 'Vide', '', NULL, 'private', '[]', NULL, NULL, NULL, 'fr', :t, :t),"
    " (3, 'ancien', 'Ancien', '', 3, 'public', '[]', 'Environnement urbain', 'Toulouse',"
    " 'Licence maison', 'fr', :t, :t)"
)
VERSIONS = (
    "INSERT INTO version (id, dataset_id, number, created_at, source_filename, source_sha256,"
    " source_bytes, detection, row_count, invalid_row_count, quarantined, lake_path, status,"
    " rolled_back_from) VALUES"
    " (1, 1, 1, :t, 'a.csv', 'x', 1, '{\"format\": \"csv\"}', 3, 0, false, 'fontaines/v1',"
    " 'committed', NULL),"
    " (2, 1, 2, :t, 'b.csv', 'y', 1, '{}', 4, 0, false, 'fontaines/v2', 'committed', NULL)"
)


def test_upgrade_from_0002_keeps_the_data(empty_url: str) -> None:
    upgrade(empty_url, "0002")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as connection:
            for statement in (ORGANISATIONS, DATASETS, VERSIONS):
                connection.execute(text(statement), T)
        upgrade(empty_url)
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT slug, identifier, themes, spatial_coverage, visibility, keywords"
                    " FROM dataset ORDER BY id"
                )
            ).all()
            sirens = connection.execute(text("SELECT code, siren FROM organisation ORDER BY id"))
            sirens = [tuple(r) for r in sirens]
            versions = connection.execute(text("SELECT count(*) FROM version")).scalar()
        assert versions == 2
        assert [r.slug for r in rows] == ["fontaines", "vide", "ancien"]
        identifiers = [r.identifier for r in rows]
        assert len(set(identifiers)) == 3
        assert all(uuid.UUID(i).version == 4 for i in identifiers)
        as_lists = [(_json(r.themes), _json(r.spatial_coverage), _json(r.keywords)) for r in rows]
        assert as_lists == [
            (["ENVI"], ["commune:75056"], ["eau"]),
            ([], [], []),
            (["Environnement urbain"], ["Toulouse"], []),
        ]
        assert sirens == [("217500016", "217500016"), ("217500017", None), ("commune:31555", None)]
        with session_factory(engine)() as session:
            datasets = session.scalars(select(Dataset).order_by(Dataset.id)).all()
            first = dataset_metadata(datasets[0], list(datasets[0].versions))
            legacy = dataset_metadata(datasets[2], list(datasets[2].versions))
        assert first["themes"][0]["uri"].endswith("/data-theme/ENVI")
        assert first["latestVersion"]["number"] == 2 and first["license"]["id"] == "odbl-1.0"
        assert legacy["themes"] == [
            {"id": "Environnement urbain", "label": "Environnement urbain",
             "labelEn": "Environnement urbain", "uri": None}
        ]  # fmt: skip
        assert legacy["license"]["uri"] is None
        with pytest.raises(IntegrityError), engine.begin() as connection:
            same = identifiers[0]
            connection.execute(text("UPDATE dataset SET identifier = :i WHERE id = 2"), {"i": same})
    finally:
        engine.dispose()


def test_downgrade_to_0002_gives_the_old_columns_back(empty_url: str) -> None:
    upgrade(empty_url, "0002")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as connection:
            for statement in (ORGANISATIONS, DATASETS, VERSIONS):
                connection.execute(text(statement), T)
        upgrade(empty_url)
        command.downgrade(alembic_config(engine), "0002")
        columns = {c["name"] for c in inspect(engine).get_columns("dataset")}
        assert {"theme", "spatial"} <= columns and "identifier" not in columns
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT theme, spatial FROM dataset ORDER BY id"))
            assert [tuple(r) for r in rows] == [
                ("ENVI", "commune:75056"), (None, None), ("Environnement urbain", "Toulouse")
            ]  # fmt: skip
            assert connection.execute(text("SELECT count(*) FROM version")).scalar() == 2
    finally:
        engine.dispose()


def _json(value: object) -> object:
    import json

    return json.loads(value) if isinstance(value, str) else value
