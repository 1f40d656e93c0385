"""an index of the new assignments not acknowledged (the office's inbox)

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07 17:00:00

The office's inbox lists the oldest assignments an agency has not acknowledged and counts
them. At 1,000,000 items (215,000 of them assigned and not acknowledged) that sorted and
counted every such item: 0.26 s and 0.21 s. The partial index serves both in order.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

UNACKNOWLEDGED = sa.text("status = 'assigned' AND acknowledged_on IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_work_items_unacknowledged",
        "work_items",
        ["assigned_on", "code"],
        sqlite_where=UNACKNOWLEDGED,
        postgresql_where=UNACKNOWLEDGED,
    )


def downgrade() -> None:
    op.drop_index("ix_work_items_unacknowledged", table_name="work_items")
