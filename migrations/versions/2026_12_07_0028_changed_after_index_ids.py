"""the indexes of what happened after a date hold the item's id (PostgreSQL)

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07 06:30:00

The statistics as of a past date find the items assigned, completed, confirmed or cancelled
after it through these indexes, and need only their ids. SQLite's indexes hold the row id;
PostgreSQL's did not, so it read every such item's row for its id (at 1,000,000 items, 200
days back, most of the 0.3 s spent finding the changed items). With the id included, the
index alone answers. SQLite is left as it is. At 1,000,000 items the four are rebuilt in
about 5 s, during which writes to the items wait.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_work_items_assigned_on": ["assigned_on"],
    "ix_work_items_status_completed_on": ["status", "completed_on"],
    "ix_work_items_status_confirmed_on": ["status", "confirmed_on"],
    "ix_work_items_status_cancelled_on": ["status", "cancelled_on"],
}


def _rebuild(include: list[str]) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, columns in INDEXES.items():
        op.drop_index(name, table_name="work_items")
        op.create_index(name, "work_items", columns, postgresql_include=include)


def upgrade() -> None:
    _rebuild(["id"])


def downgrade() -> None:
    _rebuild([])
