"""a digest's notices indexed rule by rule

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 03:40:00

Delivery counts a digest's notices per rule and lists each part of the mail from the index
alone, instead of computing each notice's part of the mail and sorting.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index("ix_notices_digest")
        batch_op.create_index("ix_notices_digest", ["digest_id", "rule", "deadline"], unique=False)


def downgrade():
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index("ix_notices_digest")
        batch_op.create_index("ix_notices_digest", ["digest_id", "deadline"], unique=False)
