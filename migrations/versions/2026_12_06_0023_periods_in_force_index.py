"""the index of the periods in force holds their lead and deadline

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 05:20:00

The statistics as of a past date find, in one pass, the period in force on that date of every
item changed since (thousands of them): with the lead agency and deadline in the index, each is
read from the index alone. It replaces the index on (item_id, valid_from, id), its prefix.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

IN_FORCE = ["item_id", "valid_from", "id", "lead_agency_id", "deadline"]


def upgrade() -> None:
    op.create_index("ix_assignment_periods_in_force", "assignment_periods", IN_FORCE)
    op.drop_index("ix_assignment_periods_item_from", table_name="assignment_periods")


def downgrade() -> None:
    op.create_index(
        "ix_assignment_periods_item_from", "assignment_periods", ["item_id", "valid_from", "id"]
    )
    op.drop_index("ix_assignment_periods_in_force", table_name="assignment_periods")
