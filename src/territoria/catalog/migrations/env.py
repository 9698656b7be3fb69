"""Alembic environment: migrates the engine handed over by ``catalog.database.upgrade``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from territoria.catalog.models import Base


def run_migrations() -> None:
    """Run the pending migrations in one transaction on the configured engine."""
    engine = context.config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("use territoria.catalog.database.upgrade(url) to run migrations")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
