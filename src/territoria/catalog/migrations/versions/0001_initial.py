"""Initial catalogue: organisations, datasets with DCAT-AP fields, immutable versions.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _timestamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(30), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_organisation"),
        sa.UniqueConstraint("code", name="uq_organisation_code"),
        sa.CheckConstraint(
            "kind IN ('commune', 'epci', 'departement', 'region', 'other')",
            name=op.f("ck_organisation_kind"),
        ),
    )
    op.create_table(
        "dataset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(100), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("visibility", sa.String(10), nullable=False),
        sa.Column("schema_ref", sa.String(200), nullable=True),
        sa.Column("schema_json", sa.JSON(), nullable=True),
        sa.Column("license", sa.String(200), nullable=True),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("theme", sa.String(200), nullable=True),
        sa.Column("frequency", sa.String(200), nullable=True),
        sa.Column("spatial", sa.String(200), nullable=True),
        sa.Column("temporal_start", sa.Date(), nullable=True),
        sa.Column("temporal_end", sa.Date(), nullable=True),
        sa.Column("landing_page", sa.String(500), nullable=True),
        sa.Column("contact_name", sa.String(300), nullable=True),
        sa.Column("contact_email", sa.String(300), nullable=True),
        sa.Column("language", sa.String(10), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_dataset"),
        sa.UniqueConstraint("slug", name="uq_dataset_slug"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name="fk_dataset_organisation_id_organisation",
            ondelete="SET NULL",
        ),
        sa.CheckConstraint(
            "visibility IN ('public', 'private')", name=op.f("ck_dataset_visibility")
        ),
    )
    op.create_index("ix_dataset_organisation_id", "dataset", ["organisation_id"])
    op.create_table(
        "version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        sa.Column("source_filename", sa.String(500), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("source_bytes", sa.BigInteger(), nullable=False),
        sa.Column("detection", sa.JSON(), nullable=False),
        sa.Column("schema_json", sa.JSON(), nullable=True),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("row_count", sa.BigInteger(), nullable=False),
        sa.Column("invalid_row_count", sa.BigInteger(), nullable=False),
        sa.Column("quarantined", sa.Boolean(), nullable=False),
        sa.Column("lake_path", sa.String(300), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_version"),
        sa.UniqueConstraint("dataset_id", "number", name="uq_version_dataset_id_number"),
        sa.UniqueConstraint("lake_path", name="uq_version_lake_path"),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name="fk_version_dataset_id_dataset",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("status IN ('committed')", name=op.f("ck_version_status")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_version_number_positive")),
    )
    op.create_index(
        "ix_version_dataset_id_source_sha256", "version", ["dataset_id", "source_sha256"]
    )


def downgrade() -> None:
    op.drop_index("ix_version_dataset_id_source_sha256", table_name="version")
    op.drop_table("version")
    op.drop_index("ix_dataset_organisation_id", table_name="dataset")
    op.drop_table("dataset")
    op.drop_table("organisation")
