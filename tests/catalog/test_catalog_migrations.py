"""The migrations build the catalogue from scratch, idempotently, matching the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from territoria.catalog.database import current_revision, make_engine, migration_sql, upgrade
from territoria.catalog.models import Base


def test_upgrade_creates_schema_from_scratch(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'folder' / 'territoria.db'}"
    assert current_revision(url) is None
    upgrade(url)
    engine = make_engine(url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"organisation", "dataset", "version", "alembic_version"} <= tables
    assert current_revision(url) == "0001"


def test_upgrade_is_idempotent(catalog_url: str) -> None:
    upgrade(catalog_url)
    upgrade(catalog_url)
    assert current_revision(catalog_url) == "0001"


def test_migrations_match_models(catalog_url: str) -> None:
    engine = make_engine(catalog_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(catalog_url: str) -> None:
    engine = make_engine(catalog_url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_downgrade_then_upgrade_round_trips(catalog_url: str) -> None:
    from alembic import command

    from territoria.catalog.database import alembic_config

    engine = make_engine(catalog_url)
    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()
    upgrade(catalog_url)
    assert current_revision(catalog_url) == "0001"


def test_migrations_render_for_postgresql_without_sqlite_constructs() -> None:
    ddl = migration_sql("postgresql")
    for table in ("organisation", "dataset", "version"):
        assert f"CREATE TABLE {table} (" in ddl
    assert "TIMESTAMP WITH TIME ZONE" in ddl and "JSON" in ddl and "SERIAL" in ddl
    assert "PRAGMA" not in ddl and "AUTOINCREMENT" not in ddl and "batch" not in ddl.lower()
