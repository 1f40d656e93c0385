"""progress updates written before their deadline was recorded get it now; updates by date

Revision ID: 0016
Revises: 0012
Create Date: 2026-12-05 21:40:00

Revision 0010 gave progress updates their reporting deadline and a "late" flag but nothing set
them. Both follow from what every update already records (the moment it was written, its item's
reporting schedule, the updates before it), so the rule of tracker.domain.reporting is applied
to the old rows here, once, with the reporting day configured now (PROGRESS_REPORT_DAY). Written
out rather than imported, so that this revision keeps doing what it did whatever the code
becomes. Rows that already have a deadline are left as they are. The statistics and the
evaluation read the updates of a window of days: an index on the moment they were written.
"""

import calendar
from datetime import UTC, date
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op
from flask import current_app

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0012"
branch_labels = None
depends_on = None

reports = sa.table(
    "progress_reports",
    sa.column("id", sa.Integer),
    sa.column("item_id", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("due_on", sa.Date),
    sa.column("late", sa.Boolean),
)
items = sa.table(
    "work_items", sa.column("id", sa.Integer), sa.column("report_every_months", sa.Integer)
)


def _months(every):
    every = every or 1
    return every if 1 <= every <= 12 and 12 % every == 0 else 1


def _cycle(day, every):
    months = _months(every)
    return date(day.year, (day.month - 1) // months * months + 1, 1), months


def _deadline(start, months, report_day):
    month = start.month + months - 1
    return date(start.year, month, min(report_day, calendar.monthrange(start.year, month)[1]))


def upgrade():
    with op.batch_alter_table("progress_reports", schema=None) as batch_op:
        batch_op.create_index("ix_progress_reports_created_at", ["created_at"], unique=False)
    connection = op.get_bind()
    zone = ZoneInfo(current_app.config.get("TIMEZONE", "Asia/Ho_Chi_Minh"))
    report_day = current_app.config.get("PROGRESS_REPORT_DAY", 20)
    rows = connection.execute(
        sa.select(reports.c.id, reports.c.item_id, reports.c.created_at, reports.c.due_on,
                  items.c.report_every_months)
        .select_from(reports.join(items, items.c.id == reports.c.item_id))
        .order_by(reports.c.item_id, reports.c.created_at, reports.c.id)
    ).all()  # fmt: skip
    last_cycle = {}  # item -> the cycle of its latest update so far
    for row in rows:
        moment = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
        made_on = moment.astimezone(zone).date()
        start, months = _cycle(made_on, row.report_every_months)
        earlier = last_cycle.get(row.item_id) == start
        last_cycle[row.item_id] = start
        if row.due_on is not None:
            continue
        due_on = _deadline(start, months, report_day)
        connection.execute(
            reports.update()
            .where(reports.c.id == row.id)
            .values(due_on=due_on, late=made_on > due_on and not earlier)
        )


def downgrade():
    """The old rows' stamps cannot be told from the new ones: they stay."""
    with op.batch_alter_table("progress_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_reports_created_at")
