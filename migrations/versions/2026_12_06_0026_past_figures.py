"""figures of past days kept until a write reaches back to them; targets' verdicts kept

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 22:00:00

An overdue count at a past month end changes only when a write reaches back to that day (a
backdated completion, a reorganisation taking effect earlier, an import of last year's items).
`data_versions.history` counts such writes that reach a day on or before `horizon`, the latest
day whose figures were kept; `past_figures` keeps each figure with the count it was computed at.
`data_versions.targets` counts the writes that may change a target's verdict.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("data_versions") as batch:
        batch.add_column(sa.Column("history", sa.BigInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("horizon", sa.Date(), nullable=True))
        batch.add_column(sa.Column("targets", sa.BigInteger(), nullable=False, server_default="0"))
    op.create_table(
        "past_figures",
        sa.Column("what", sa.String(length=40), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("history", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("what", "scope", "day", name=op.f("pk_past_figures")),
    )


def downgrade() -> None:
    op.drop_table("past_figures")
    with op.batch_alter_table("data_versions") as batch:
        batch.drop_column("targets")
        batch.drop_column("horizon")
        batch.drop_column("history")
