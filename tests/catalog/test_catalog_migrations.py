"""The migrations build the catalogue from scratch, idempotently, matching the models, on SQLite
and PostgreSQL alike."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    CheckConstraint,
    Engine,
    ForeignKeyConstraint,
    UniqueConstraint,
    inspect,
    text,
)

from territoria.catalog.database import (
    alembic_config,
    current_revision,
    make_engine,
    migration_sql,
    upgrade,
)
from territoria.catalog.models import Base

TABLES = (
    "organisation",
    "dataset",
    "version",
    "harvest_record",
    "territory_group",
    "territory_group_member",
    "pack_installation",
)
HEAD = "0006"


def test_upgrade_creates_schema_from_scratch(empty_url: str) -> None:
    assert current_revision(empty_url) is None
    upgrade(empty_url)
    engine = make_engine(empty_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {*TABLES, "alembic_version"} <= tables
    assert current_revision(empty_url) == HEAD


def test_upgrade_is_idempotent(catalog_url: str) -> None:
    upgrade(catalog_url)
    upgrade(catalog_url)
    assert current_revision(catalog_url) == HEAD


def test_migrations_match_models(engine: Engine) -> None:
    with engine.connect() as connection:
        opts = {"compare_type": True, "compare_server_default": True}
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, Base.metadata) == []
    # what `alembic check` runs, through the package's own env.py: raises on any drift
    command.check(alembic_config(engine))


def _names(engine: Engine) -> dict[str, set[str]]:
    inspector = inspect(engine)
    names: dict[str, set[str]] = {}
    for table in TABLES:
        found = {str(inspector.get_pk_constraint(table)["name"])}
        found |= {str(c["name"]) for c in inspector.get_unique_constraints(table)}
        found |= {str(c["name"]) for c in inspector.get_foreign_keys(table)}
        found |= {str(c["name"]) for c in inspector.get_check_constraints(table)}
        found |= {str(i["name"]) for i in inspector.get_indexes(table)}
        names[table] = found
    return names


def test_constraints_and_indexes_carry_the_models_names(engine: Engine) -> None:
    """Later migrations drop and alter constraints by name: the names must not depend on the
    backend (PostgreSQL would otherwise invent ``dataset_slug_key`` and the like)."""
    expected: dict[str, set[str]] = {}
    kinds = (UniqueConstraint, ForeignKeyConstraint, CheckConstraint)
    for table in TABLES:
        model = Base.metadata.tables[table]
        names = {str(model.primary_key.name)}
        names |= {str(c.name) for c in model.constraints if isinstance(c, kinds)}
        names |= {str(i.name) for i in model.indexes}
        expected[table] = names
    assert _names(engine) == expected


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_downgrade_then_upgrade_round_trips(engine: Engine, catalog_url: str) -> None:
    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert current_revision(catalog_url) is None
    upgrade(catalog_url)
    assert current_revision(catalog_url) == HEAD
    assert {*TABLES, "alembic_version"} == set(inspect(engine).get_table_names())


def test_migrations_render_for_postgresql_without_sqlite_constructs() -> None:
    ddl = migration_sql("postgresql")
    for table in TABLES:
        assert f"CREATE TABLE {table} (" in ddl
    assert "TIMESTAMP WITH TIME ZONE" in ddl and "JSON" in ddl and "SERIAL" in ddl
    assert "PRAGMA" not in ddl and "AUTOINCREMENT" not in ddl and "batch" not in ddl.lower()


@pytest.mark.postgres
def test_postgresql_columns_have_native_types(postgres_url: str) -> None:
    """On PostgreSQL: instants as ``timestamptz``, documents as ``json`` (kept verbatim, unlike
    ``jsonb``: key order, ``\\u0000`` escapes), counts as ``bigint``."""
    upgrade(postgres_url)
    engine = make_engine(postgres_url)
    query = text(
        "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name <> 'alembic_version'"
    )
    try:
        with engine.connect() as connection:
            types = {str(column): str(kind) for column, kind in connection.execute(query)}
    finally:
        engine.dispose()
    for table in TABLES:
        if table != "territory_group_member":  # members: no timestamps, their group has them
            stamp = "installed_at" if table == "pack_installation" else "created_at"
            assert types[f"{table}.{stamp}"] == "timestamp with time zone"
    assert types["dataset.updated_at"] == "timestamp with time zone"
    for column in ("dataset.schema_json", "dataset.keywords", "version.report"):
        assert types[column] == "json"
    assert types["version.source_bytes"] == types["version.row_count"] == "bigint"
    assert types["version.quarantined"] == "boolean"
    assert types["dataset.slug"] == "character varying"


def test_upgrade_from_0001_keeps_versions_and_adds_rollback_column(empty_url: str) -> None:
    """An instance made before rollbacks existed upgrades in place: its rows stay, the new
    column reads NULL (an ingested version restores nothing); downgrading drops it again."""
    upgrade(empty_url, "0001")
    engine = make_engine(empty_url)
    insert = (
        "INSERT INTO dataset (id, slug, title, description, visibility, keywords, language,"
        " created_at, updated_at) VALUES (1, 'd', 'd', '', 'public', '[]', 'fr', :t, :t);"
    )
    version = (
        "INSERT INTO version (id, dataset_id, number, created_at, source_filename, source_sha256,"
        " source_bytes, detection, row_count, invalid_row_count, quarantined, lake_path, status)"
        " VALUES (1, 1, 1, :t, 'a.csv', 'x', 1, '{}', 3, 0, false, 'd/v1', 'committed')"
    )
    try:
        with engine.begin() as connection:
            connection.execute(text(insert), {"t": "2025-01-01 00:00:00+00:00"})
            connection.execute(text(version), {"t": "2025-01-01 00:00:00+00:00"})
        upgrade(empty_url)
        assert current_revision(empty_url) == HEAD
        with engine.connect() as connection:
            row = connection.execute(text("SELECT number, rolled_back_from FROM version"))
            assert [tuple(r) for r in row] == [(1, None)]
        command.downgrade(alembic_config(engine), "0001")
        columns = {c["name"] for c in inspect(engine).get_columns("version")}
        assert "rolled_back_from" not in columns and "lake_path" in columns
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM version")).scalar() == 1
    finally:
        engine.dispose()
