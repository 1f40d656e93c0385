"""the items list's order is read from an index

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-05 22:30:00

The items list shows items soonest deadline first, items without one last, then by code. With
no index in that order the database sorted every visible item to show the first 50 (at 100,000
items, 53 ms of SQLite's time for each page); an index on exactly the list's ORDER BY
expressions hands over the first page directly. SQLite and PostgreSQL both index expressions.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_work_items_list_order",
        "work_items",
        [sa.text("(deadline IS NULL)"), "deadline", "code"],
    )


def downgrade():
    op.drop_index("ix_work_items_list_order", table_name="work_items")
