"""Territory groups: lists of territories imported under a label (``territories import-group``),
usable as labels and as peer groups (``group:<slug>``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "territory_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(100), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("source_filename", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_territory_group"),
        sa.UniqueConstraint("slug", name="uq_territory_group_slug"),
    )
    op.create_table(
        "territory_group_member",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("territory_id", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("group_id", "territory_id", name="pk_territory_group_member"),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["territory_group.id"],
            name="fk_territory_group_member_group_id_territory_group",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_territory_group_member_territory_id", "territory_group_member", ["territory_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_territory_group_member_territory_id", "territory_group_member")
    op.drop_table("territory_group_member")
    op.drop_table("territory_group")
