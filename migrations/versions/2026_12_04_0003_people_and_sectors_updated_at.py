"""users and sectors record when they last changed

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 15:45:00

Delivery checks a claimed digest's notices again only where something they depend on changed
after the sweep: an item (work_items.updated_at), a person or a sector. Existing rows get the
time of the upgrade, an upper bound of their last change.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("users", "sectors")


def upgrade():
    for table in TABLES:
        op.add_column(table, sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        op.execute(f"UPDATE {table} SET updated_at = CURRENT_TIMESTAMP")


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("updated_at")
