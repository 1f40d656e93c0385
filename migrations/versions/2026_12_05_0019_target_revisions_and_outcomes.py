"""targets revised by later documents; how a completed target ended

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 21:30:00

A later document may change a target's value or year (Gia Lai, 17/9/2025: the digital economy
at 30 % of GRDP by 2030): each revision is a row, the item keeps its original value. A completed
target says whether it was met, or closed by the office as not met.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "target_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(length=300), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["work_items.id"],
            name=op.f("fk_target_revisions_item_id_work_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_target_revisions_recorded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_revisions")),
    )
    op.create_index(
        "ix_target_revisions_item_decided", "target_revisions", ["item_id", "decided_on"]
    )
    # A plain ADD COLUMN: a batch copy of work_items on SQLite would lose its expression index
    # (ix_work_items_list_order, 0018). SQLite cannot add the CHECK afterwards; PostgreSQL does.
    op.add_column("work_items", sa.Column("target_outcome", sa.String(length=10), nullable=True))
    if op.get_bind().dialect.name != "sqlite":
        op.create_check_constraint(
            op.f("ck_work_items_target_outcome"),
            "work_items",
            "target_outcome IS NULL OR target_outcome IN ('met', 'not_met')",
        )


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_work_items_target_outcome"), "work_items", type_="check")
    op.drop_column("work_items", "target_outcome")
    op.drop_index("ix_target_revisions_item_decided", table_name="target_revisions")
    op.drop_table("target_revisions")
