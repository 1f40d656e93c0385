"""plans are assigning documents; items may be urgent and may recur

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 12:20:00

Every item comes from a document (a plan, a decision, a directive, a conclusion of a meeting,
an official letter) signed by a named leader; the office reports by document. An imported
document may not have its date yet, so the date becomes optional.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

DOCUMENT_TYPES = "('ke_hoach', 'quyet_dinh', 'chi_thi', 'thong_bao_ket_luan', 'cong_van', 'khac')"


def upgrade():
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("doc_type", sa.String(length=30), nullable=False, server_default="ke_hoach")
        )
        batch_op.add_column(sa.Column("signer", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("assigning_leader", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("summary", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("file_name", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("file_stored_name", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("file_content_type", sa.String(length=120), nullable=True))
        batch_op.alter_column("issued_on", existing_type=sa.Date(), nullable=True)
        batch_op.create_unique_constraint("uq_plans_number", ["number"])
        batch_op.create_check_constraint("doc_type", f"doc_type IN {DOCUMENT_TYPES}")
    with op.batch_alter_table("work_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_urgent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("recurrence", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("recur_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recur_month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recur_rule", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("recur_until", sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            "recurrence",
            "recurrence IS NULL OR recurrence IN ('monthly', 'quarterly', 'half_yearly', 'yearly')",
        )


def downgrade():
    with op.batch_alter_table("work_items", schema=None) as batch_op:
        batch_op.drop_constraint("recurrence", type_="check")
        for column in ("recur_until", "recur_rule", "recur_month", "recur_day", "recurrence"):
            batch_op.drop_column(column)
        batch_op.drop_column("is_urgent")
    op.execute("UPDATE plans SET issued_on = CURRENT_DATE WHERE issued_on IS NULL")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_constraint("doc_type", type_="check")
        batch_op.drop_constraint("uq_plans_number", type_="unique")
        batch_op.alter_column("issued_on", existing_type=sa.Date(), nullable=False)
        for column in (
            "file_content_type",
            "file_stored_name",
            "file_name",
            "summary",
            "assigning_leader",
            "signer",
            "doc_type",
        ):
            batch_op.drop_column(column)
