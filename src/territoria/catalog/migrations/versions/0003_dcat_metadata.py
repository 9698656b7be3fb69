"""DCAT-AP metadata: a stable identifier per dataset, themes and spatial coverage as lists,
publishers with their SIREN and territory.

Existing rows are kept: each dataset gets a new UUID, its single ``theme`` and ``spatial``
texts become one-element lists, and an organisation whose code is a valid SIREN gets it as
``siren``. The new NOT NULL columns are added nullable, filled, then tightened, so that the
same steps run on SQLite (batch: table copy) and PostgreSQL (in place).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import re
import uuid

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_dataset = sa.table(
    "dataset",
    sa.column("id", sa.Integer()),
    sa.column("identifier", sa.String()),
    sa.column("theme", sa.String()),
    sa.column("spatial", sa.String()),
    sa.column("themes", sa.JSON()),
    sa.column("spatial_coverage", sa.JSON()),
)
_organisation = sa.table(
    "organisation",
    sa.column("id", sa.Integer()),
    sa.column("code", sa.String()),
    sa.column("siren", sa.String()),
)


def _luhn(digits: str) -> bool:  # frozen copy: a migration must not import code that evolves
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


_OFFLINE_BACKFILL = """
UPDATE dataset SET identifier = gen_random_uuid()::text,
    themes = CASE WHEN theme IS NULL THEN '[]'::json ELSE json_build_array(theme) END,
    spatial_coverage = CASE WHEN spatial IS NULL THEN '[]'::json ELSE json_build_array(spatial) END;
UPDATE organisation SET siren = code WHERE code ~ '^[0-9]{9}$'
"""  # PostgreSQL 13+; the Luhn check is left to the online upgrade


def _backfill() -> None:
    if op.get_context().as_sql:  # offline: SQL text for a DBA to run (migration_sql)
        for statement in _OFFLINE_BACKFILL.strip().split(";"):
            op.execute(statement.strip())
        return
    connection = op.get_bind()
    rows = connection.execute(sa.select(_dataset.c.id, _dataset.c.theme, _dataset.c.spatial))
    for row in rows.all():
        connection.execute(
            _dataset.update()
            .where(_dataset.c.id == row.id)
            .values(
                identifier=str(uuid.uuid4()),
                themes=[row.theme] if row.theme else [],
                spatial_coverage=[row.spatial] if row.spatial else [],
            )
        )
    for org in connection.execute(sa.select(_organisation.c.id, _organisation.c.code)).all():
        if re.fullmatch(r"\d{9}", org.code) and _luhn(org.code):
            connection.execute(
                _organisation.update().where(_organisation.c.id == org.id).values(siren=org.code)
            )


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("siren", sa.String(9), nullable=True))
        batch.add_column(sa.Column("territory", sa.String(40), nullable=True))
    with op.batch_alter_table("dataset") as batch:
        batch.add_column(sa.Column("identifier", sa.String(36), nullable=True))
        batch.add_column(sa.Column("themes", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("spatial_coverage", sa.JSON(), nullable=True))
    _backfill()
    with op.batch_alter_table("dataset") as batch:
        batch.alter_column("identifier", existing_type=sa.String(36), nullable=False)
        batch.alter_column("themes", existing_type=sa.JSON(), nullable=False)
        batch.alter_column("spatial_coverage", existing_type=sa.JSON(), nullable=False)
        batch.create_unique_constraint("uq_dataset_identifier", ["identifier"])
        batch.drop_column("theme")
        batch.drop_column("spatial")


def downgrade() -> None:
    with op.batch_alter_table("dataset") as batch:
        batch.add_column(sa.Column("theme", sa.String(200), nullable=True))
        batch.add_column(sa.Column("spatial", sa.String(200), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_dataset.c.id, _dataset.c.themes, _dataset.c.spatial_coverage)
    )
    for row in rows.all():
        connection.execute(
            _dataset.update()
            .where(_dataset.c.id == row.id)
            .values(theme=(row.themes or [None])[0], spatial=(row.spatial_coverage or [None])[0])
        )
    with op.batch_alter_table("dataset") as batch:
        batch.drop_constraint("uq_dataset_identifier", type_="unique")
        batch.drop_column("spatial_coverage")
        batch.drop_column("themes")
        batch.drop_column("identifier")
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("territory")
        batch.drop_column("siren")
