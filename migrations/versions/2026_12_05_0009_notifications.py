"""notifications of workflow events, their mail preference, immediate mails in the outbox;
the deadline granted by an extension (approved in part when earlier than asked); approval
inside the agency, staff (chuyên viên), acknowledging receipt; editable comments; saved filters

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 17:30:00

Each workflow event is told to the people concerned in an in-app inbox, and by mail as each
person prefers: at once (a mail of its own in the outbox) or folded into the morning digest.
A department's submissions go to its head first (agencies.internal_review); the head may give
an item to a member of staff; the agency acknowledges receiving an assignment.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

EVENTS = (
    "('assigned', 'reassigned_away', 'submitted', 'confirmed', 'returned', "
    "'extension_requested', 'extension_decided', 'commented', 'mentioned', "
    "'review_requested', 'sent_back', 'delegated', 'reminded', 'deadline_changed')"
)
DAILY = sa.text("kind = 'daily'")

ROLES = "('admin', 'office', 'leader', 'head', 'officer', 'staff', 'viewer')"
OLD_ROLES = "('admin', 'office', 'leader', 'head', 'officer', 'viewer')"


def upgrade():
    _upgrade_agencies_and_people()
    _upgrade_work()
    _upgrade_notifications()


def _upgrade_agencies_and_people():
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("internal_review", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute("UPDATE agencies SET internal_review = (kind = 'department')")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notify_mail", sa.String(length=10), nullable=False, server_default="digest")
        )
        batch_op.create_check_constraint(
            "notify_mail", "notify_mail IN ('immediate', 'digest', 'off')"
        )
        batch_op.drop_constraint("role", type_="check")
        batch_op.create_check_constraint("role", f"role IN {ROLES}")
        batch_op.drop_constraint("agency", type_="check")
        batch_op.create_check_constraint(
            "agency", "role NOT IN ('head', 'officer', 'staff') OR agency_id IS NOT NULL"
        )
    op.create_table(
        "saved_filters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_saved_filters_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_filters")),
        sa.UniqueConstraint("user_id", "name", name="uq_saved_filters_user_name"),
    )


def _upgrade_work():
    with op.batch_alter_table("work_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("acknowledged_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("acknowledged_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_work_items_acknowledged_by_id_users", "users", ["acknowledged_by_id"], ["id"]
        )
    with op.batch_alter_table("progress_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_status", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("review_note", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            "fk_progress_reports_reviewed_by_id_users", "users", ["reviewed_by_id"], ["id"]
        )
        batch_op.create_check_constraint(
            "review_status",
            "review_status IS NULL OR review_status IN "
            "('pending', 'forwarded', 'sent_back', 'withdrawn')",
        )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))


def _upgrade_notifications():
    with op.batch_alter_table("extension_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("granted_deadline", sa.Date(), nullable=True))
    op.execute(
        "UPDATE extension_requests SET granted_deadline = proposed_deadline "
        "WHERE status = 'approved'"
    )
    with op.batch_alter_table("digests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="daily")
        )
        batch_op.create_check_constraint("kind", "kind IN ('daily', 'event')")
        batch_op.drop_constraint("uq_digests_recipient_day", type_="unique")
    op.create_index(
        "uq_digests_recipient_day",
        "digests",
        ["recipient_id", "day"],
        unique=True,
        sqlite_where=DAILY,
        postgresql_where=DAILY,
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=30), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(f"event IN {EVENTS}", name=op.f("ck_notifications_event")),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_notifications_actor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["digest_id"],
            ["digests.id"],
            name=op.f("fk_notifications_digest_id_digests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["work_items.id"],
            name=op.f("fk_notifications_item_id_work_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["users.id"],
            name=op.f("fk_notifications_recipient_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    op.create_index("ix_notifications_digest", "notifications", ["digest_id"])
    op.create_index("ix_notifications_recipient_id", "notifications", ["recipient_id", "id"])
    op.create_index(
        "ix_notifications_recipient_unread", "notifications", ["recipient_id", "read_at"]
    )

def downgrade():
    op.drop_table("notifications")
    op.execute("DELETE FROM digests WHERE kind <> 'daily'")
    op.drop_index("uq_digests_recipient_day", table_name="digests")
    with op.batch_alter_table("digests", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_digests_recipient_day", ["recipient_id", "day"])
        batch_op.drop_constraint("kind", type_="check")
        batch_op.drop_column("kind")
    with op.batch_alter_table("extension_requests", schema=None) as batch_op:
        batch_op.drop_column("granted_deadline")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("edited_at")
    with op.batch_alter_table("progress_reports", schema=None) as batch_op:
        batch_op.drop_constraint("review_status", type_="check")
        batch_op.drop_constraint("fk_progress_reports_reviewed_by_id_users", type_="foreignkey")
        for column in ("review_note", "reviewed_on", "reviewed_by_id", "review_status"):
            batch_op.drop_column(column)
    with op.batch_alter_table("work_items", schema=None) as batch_op:
        batch_op.drop_constraint("fk_work_items_acknowledged_by_id_users", type_="foreignkey")
        batch_op.drop_column("acknowledged_by_id")
        batch_op.drop_column("acknowledged_on")
    op.drop_table("saved_filters")
    op.execute("UPDATE users SET role = 'officer' WHERE role = 'staff'")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint("agency", type_="check")
        batch_op.create_check_constraint(
            "agency", "role NOT IN ('head', 'officer') OR agency_id IS NOT NULL"
        )
        batch_op.drop_constraint("role", type_="check")
        batch_op.create_check_constraint("role", f"role IN {OLD_ROLES}")
        batch_op.drop_constraint("notify_mail", type_="check")
        batch_op.drop_column("notify_mail")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("internal_review")
