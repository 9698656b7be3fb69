"""Alembic environment: migrates the engine handed over by ``catalog.database.upgrade``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from territoria.catalog.models import Base


def run_migrations_offline() -> None:
    """Write the migrations' SQL for a dialect to a buffer (``database.migration_sql``)."""
    context.configure(
        dialect_name=context.config.attributes["dialect_name"],
        output_buffer=context.config.attributes["output_buffer"],
        target_metadata=Base.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


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


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations()
