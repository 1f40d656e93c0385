"""items paused by the office, and the events and periods that say so

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 02:30:00

The office pauses an item with a reason (its deadline clock stops) and resumes it later (the
deadline moves on by the working days paused). Each pause is a row; the item says whether one
is running; its assignment periods and notifications get the new kinds and events.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

KINDS = "('assignment', 'reassignment', 'extension', 'correction', 'reorganisation'{})"
EVENTS = (
    "('assigned', 'reassigned_away', 'submitted', 'confirmed', 'returned', "
    "'extension_requested', 'extension_decided', 'commented', 'mentioned', "
    "'review_requested', 'sent_back', 'delegated', 'reminded', 'deadline_changed'{})"
)
RUNNING = sa.text("resumed_on IS NULL")
NO_FKS = {"resolve_fks": False}


def upgrade():
    op.create_table(
        "item_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("paused_on", sa.Date(), nullable=False),
        sa.Column("resumed_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("paused_by_id", sa.Integer(), nullable=False),
        sa.Column("resumed_by_id", sa.Integer(), nullable=True),
        sa.Column("resume_note", sa.Text(), nullable=True),
        sa.Column("deadline_before", sa.Date(), nullable=True),
        sa.Column("added_days", sa.Integer(), nullable=True),
        sa.Column("deadline_after", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "resumed_on IS NULL OR resumed_on >= paused_on", name=op.f("ck_item_pauses_dates")
        ),
        sa.CheckConstraint(
            "added_days IS NULL OR added_days >= 0", name=op.f("ck_item_pauses_added_days")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["work_items.id"],
            name=op.f("fk_item_pauses_item_id_work_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["paused_by_id"], ["users.id"], name=op.f("fk_item_pauses_paused_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["resumed_by_id"], ["users.id"], name=op.f("fk_item_pauses_resumed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_pauses")),
    )
    op.create_index(
        "uq_item_pauses_running",
        "item_pauses",
        ["item_id"],
        unique=True,
        sqlite_where=RUNNING,
        postgresql_where=RUNNING,
    )
    op.create_index("ix_item_pauses_paused_on", "item_pauses", ["paused_on", "item_id"])
    # A plain ADD COLUMN: a batch copy of work_items on SQLite would lose its expression index.
    op.add_column("work_items", sa.Column("paused_on", sa.Date(), nullable=True))
    _checks(", 'pause', 'resumption'", ", 'extension_proposed', 'paused', 'resumed'")


def _checks(kinds: str, events: str) -> None:
    # Without resolving foreign keys: reflecting work_items would skip (and warn about) its
    # expression index; only these two tables are copied on SQLite.
    with op.batch_alter_table("assignment_periods", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.drop_constraint("kind", type_="check")
        batch_op.create_check_constraint("kind", f"kind IN {KINDS.format(kinds)}")
    with op.batch_alter_table("notifications", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.drop_constraint("event", type_="check")
        batch_op.create_check_constraint("event", f"event IN {EVENTS.format(events)}")


def downgrade():
    op.execute("DELETE FROM notifications WHERE event IN ('extension_proposed', 'paused', 'resumed')")
    op.execute("UPDATE assignment_periods SET kind = 'correction' WHERE kind IN ('pause', 'resumption')")
    _checks("", "")
    op.drop_column("work_items", "paused_on")
    op.drop_index("ix_item_pauses_paused_on", table_name="item_pauses")
    op.drop_index("uq_item_pauses_running", table_name="item_pauses")
    op.drop_table("item_pauses")
