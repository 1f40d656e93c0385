"""the data version and the figures every web process shares

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 05:10:00

`data_versions` holds one counter that each transaction changing items (or what figures are
computed from) raises as it commits; `cached_figures` keeps the dashboard computed by one
process for the others, valid only at the version it was computed at.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    versions = op.create_table(
        "data_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_versions")),
    )
    op.bulk_insert(versions, [{"id": 1, "version": 0}])
    op.create_table(
        "cached_figures",
        sa.Column("what", sa.String(length=40), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("version", sa.String(length=200), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("what", "scope", "day", name=op.f("pk_cached_figures")),
    )


def downgrade() -> None:
    op.drop_table("cached_figures")
    op.drop_table("data_versions")
