"""each raise of the history counter with the first day it reaches

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07 00:30:00

A write that reaches back to a kept day (a completion dated back last week) made every kept
figure of a past day stale, the month ends of a year before it included. Each raise is now
recorded with the first day it reaches: a figure kept for an earlier day still holds.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "history_raises",
        sa.Column("history", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("earliest", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("history", name=op.f("pk_history_raises")),
    )
    # Figures kept before this revision were judged by the counter alone: count them again.
    op.execute("DELETE FROM past_figures")


def downgrade() -> None:
    op.drop_table("history_raises")
