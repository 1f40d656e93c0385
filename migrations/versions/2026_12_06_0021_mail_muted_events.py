"""the kinds of event a person does not want by mail

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 03:10:00

A person chooses on /me which events they are not mailed (still in their notifications): a
comma-separated list of event names; NULL mails every event, as before.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("mail_muted", sa.String(400), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("mail_muted")
