"""the hour a person wants their morning digest

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 03:20:00

NULL: with the daily sweep, as before; otherwise the digest waits until that local hour.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("digest_hour", sa.SmallInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("digest_hour")
