"""failed sign-ins are counted in the database

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 09:10:00

Flask-Limiter's memory store counted failed sign-ins per process, so two gunicorn workers let
twice as many guesses through. A table every worker reads holds them instead.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "failed_sign_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_failed_sign_ins")),
    )
    with op.batch_alter_table("failed_sign_ins", schema=None) as batch_op:
        batch_op.create_index(
            "ix_failed_sign_ins_address_attempted", ["address", "attempted_at"], unique=False
        )
        batch_op.create_index(
            "ix_failed_sign_ins_email_attempted", ["email", "attempted_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("failed_sign_ins", schema=None) as batch_op:
        batch_op.drop_index("ix_failed_sign_ins_email_attempted")
        batch_op.drop_index("ix_failed_sign_ins_address_attempted")
    op.drop_table("failed_sign_ins")
