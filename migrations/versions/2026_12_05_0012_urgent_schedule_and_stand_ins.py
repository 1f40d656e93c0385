"""the urgent schedule in the policy; notices kept for a colleague on leave; one sector portfolio

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 17:30:00

The office edits the shorter schedule of urgent items beside the usual one. While a person is
on leave, their agency's head or deputy receives their reminders: a notice records whom it
stands in for. A leader's sectors are the sectors they lead (sectors.leader_id, which the
escalation follows): the second, unused list of them goes.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reminder_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("urgent_from", sa.Integer(), nullable=False, server_default="3")
        )
        batch_op.add_column(
            sa.Column("urgent_overdue_every", sa.Integer(), nullable=False, server_default="1")
        )
    # SQLite rebuilds the table to add the foreign key; the copy keeps WITHOUT ROWID.
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("on_behalf_of_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notices_on_behalf_of_id_users"), "users", ["on_behalf_of_id"], ["id"]
        )
    op.drop_table("portfolio_sectors")


def downgrade():
    op.create_table(
        "portfolio_sectors",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sectors.id"],
            name=op.f("fk_portfolio_sectors_sector_id_sectors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_portfolio_sectors_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "sector_id", name=op.f("pk_portfolio_sectors")),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_notices_on_behalf_of_id_users"), type_="foreignkey")
        batch_op.drop_column("on_behalf_of_id")
    with op.batch_alter_table("reminder_settings", schema=None) as batch_op:
        batch_op.drop_column("urgent_overdue_every")
        batch_op.drop_column("urgent_from")
