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
    """Run the pending migrations in one transaction on the configured engine.

    On SQLite, batch migrations copy a table, drop it and rename the copy: with foreign keys
    enforced, dropping ``dataset`` would cascade to every ``version`` row. SQLite's own recipe
    for table changes applies: foreign keys off (outside any transaction), migrate, check
    that no reference broke, foreign keys back on."""
    engine = context.config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("use territoria.catalog.database.upgrade(url) to run migrations")
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise RuntimeError("a migration broke a foreign key; nothing was committed")
        connection.commit()
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations()
