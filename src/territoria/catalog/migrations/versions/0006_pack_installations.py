"""Pack installations: the packs installed for a territory (``territoria packs install``), so
ingesting into a pack dataset recomputes that pack's indicators.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "pack_installation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pack_id", sa.String(100), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("territory_id", sa.String(40), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pack_installation"),
        sa.UniqueConstraint("pack_id", "territory_id", name="uq_pack_installation_pack_id"),
    )
    op.create_index("ix_pack_installation_pack_id", "pack_installation", ["pack_id"])


def downgrade() -> None:
    op.drop_index("ix_pack_installation_pack_id", "pack_installation")
    op.drop_table("pack_installation")
