"""Harvest records: which remote dataset (source URL + remote id) each harvested dataset came
from, so ``territoria harvest`` updates instead of duplicating and resumes after a kill.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "harvest_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("remote_id", sa.String(300), nullable=False),
        sa.Column("slug", sa.String(100), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("remote_modified", sa.String(100), nullable=True),
        sa.Column("data_sha256", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_harvest_record"),
        sa.UniqueConstraint("source", "remote_id", name="uq_harvest_record_source"),
    )
    op.create_index("ix_harvest_record_slug", "harvest_record", ["slug"])


def downgrade() -> None:
    op.drop_index("ix_harvest_record_slug", "harvest_record")
    op.drop_table("harvest_record")
