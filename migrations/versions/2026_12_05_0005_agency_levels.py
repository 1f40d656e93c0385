"""agencies have a level of government and an address for official mail

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 12:10:00

A province's agencies sit at four levels (province, department, district, commune); the 2025
reorganisation abolished one of them, so the level is data, not something read from the kind.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("level", sa.String(length=20), nullable=False, server_default="department")
        )
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch_op.create_check_constraint(
            "level", "level IN ('province', 'department', 'district', 'commune')"
        )
    op.execute("UPDATE agencies SET level = 'district' WHERE kind = 'locality'")
    op.execute("UPDATE agencies SET level = 'province' WHERE code = 'vp-ubnd'")


def downgrade():
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_constraint("level", type_="check")
        batch_op.drop_column("email")
        batch_op.drop_column("level")
