"""Versions record the earlier version they restore (``territoria datasets rollback``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # a nullable column: SQLite adds it in place (no table copy), PostgreSQL without a rewrite
    with op.batch_alter_table("version") as batch:
        batch.add_column(sa.Column("rolled_back_from", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("version") as batch:
        batch.drop_column("rolled_back_from")
