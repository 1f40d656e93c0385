"""The dashboard's month ends are kept beyond writes that record the present, and counted again
after a write that reaches back to them: whatever is written, the trend shown is the one the
history gives (tracker.reports.past_figures, tracker.history.backdating)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from tests.workers import statements_of
from tracker.counting import piece_of_work
from tracker.database import db
from tracker.history.periods import open_period
from tracker.models import Agency, DataVersion, PastFigure, User, WorkItem
from tracker.overdue.queries import OverdueFilters, overdue_totals
from tracker.plans.dashboard import overdue_trend

KEPT_DAYS = 12  # every month end of the trend is before yesterday


def live_trend(today: date) -> list[tuple[date, int]]:
    """The trend straight from the history, nothing kept."""
    days = [day for day, _ in overdue_trend(today)]
    return list(zip(days, overdue_totals(days, OverdueFilters()), strict=True))


def history_counter() -> int:
    return db.session.scalar(select(DataVersion.history))


def kept_trend(today: date) -> list[tuple[date, int]]:
    """The trend, once its month ends are kept (the first view raises the horizon)."""
    overdue_trend(today)
    trend = overdue_trend(today)
    assert db.session.scalar(select(func.count()).select_from(PastFigure)) == KEPT_DAYS
    return trend


def open_items(today: date) -> list[WorkItem]:
    return db.session.scalars(
        select(WorkItem)
        .where(WorkItem.status.notin_(("completed", "cancelled")), piece_of_work())
        .order_by(WorkItem.id)
    ).all()


def overdue_since_long(today: date) -> WorkItem:
    """An open item overdue before the trend's first month end, assigned before it."""
    first_end = overdue_trend(today)[0][0]
    return next(
        item
        for item in open_items(today)
        if item.deadline and item.deadline < first_end - timedelta(days=1)
        and item.assigned_on < first_end
    )  # fmt: skip


def test_writes_of_the_present_keep_the_month_ends(app, today):
    office = db.session.scalar(select(User).where(User.email == "office@tracker.demo"))
    trend = kept_trend(today)
    counter = history_counter()
    item, other, third = open_items(today)[:3]
    item.progress = 40  # a progress report
    db.session.commit()
    item.status, item.completed_on, item.confirmed_on = "completed", today - timedelta(60), today
    db.session.commit()  # completed long ago, known and confirmed today
    other.status, other.cancelled_on = "cancelled", today
    db.session.commit()
    third.deadline = today + timedelta(days=30)  # an extension from today
    open_period(third, "extension", today, office)
    db.session.commit()
    db.session.add(
        WorkItem(plan_id=item.plan_id, code="MỚI-1", kind="task", title="Nhiệm vụ mới",
                 lead_agency_id=item.lead_agency_id, assigned_on=today,
                 deadline=today + timedelta(days=10), original_deadline=today + timedelta(10))
    )  # fmt: skip
    db.session.commit()

    assert history_counter() == counter
    with statements_of(app) as statements:
        shown = overdue_trend(today)
    assert shown == live_trend(today)
    assert shown[:KEPT_DAYS] == trend[:KEPT_DAYS]
    assert sum("FROM work_items" in statement for statement in statements) == 1  # today's only


def test_a_completion_dated_back_without_confirmation_counts_again(app, today):
    kept_trend(today)
    counter = history_counter()
    item = overdue_since_long(today)
    item.status, item.completed_on, item.confirmed_on = "completed", item.deadline, None
    db.session.commit()

    assert history_counter() == counter + 1
    shown = overdue_trend(today)
    assert shown == live_trend(today)


def test_a_completion_dated_back_counts_again_only_the_month_ends_it_reaches(app, today):
    trend = kept_trend(today)
    last_end = trend[KEPT_DAYS - 1][0]
    item = next(
        item for item in open_items(today)
        if item.deadline and item.deadline < trend[0][0] - timedelta(days=1)
        and item.assigned_on < trend[0][0]
    )  # fmt: skip
    item.status, item.completed_on, item.confirmed_on = "completed", last_end, None
    db.session.commit()  # done on the last month end, reported only now

    with statements_of(app) as statements:
        shown = overdue_trend(today)
    assert shown == live_trend(today)
    assert shown[: KEPT_DAYS - 1] == trend[: KEPT_DAYS - 1]  # every earlier month end kept
    assert shown[KEPT_DAYS - 1][1] == trend[KEPT_DAYS - 1][1] - 1
    assert sum("FROM work_items" in statement for statement in statements) == 2  # and today


def test_a_deadline_moved_without_a_period_counts_every_day_again(app, today):
    kept_trend(today)
    counter = history_counter()
    item = overdue_since_long(today)
    item.deadline = today + timedelta(days=90)  # no period: earlier days read this deadline
    db.session.commit()

    assert history_counter() == counter + 1
    assert overdue_trend(today) == live_trend(today)


def test_writes_through_another_worker_reach_this_one(app, today, database_url):
    from tests.workers import another_worker

    trend = kept_trend(today)
    with another_worker(database_url, "office@tracker.demo") as (other, _client):
        with other.app_context():
            item = overdue_since_long(today)
            item.status, item.cancelled_on = "cancelled", None  # cancelled on no known day
            db.session.commit()
    shown = overdue_trend(today)
    assert shown == live_trend(today)
    assert shown[0][1] == trend[0][1] - 1


WRITES = (
    "progress", "complete_today", "complete_back", "confirm_late", "reopen", "cancel_today",
    "cancel_back", "extend_today", "extend_back", "reassign", "deadline_alone", "new_today",
    "new_back", "sub_item", "uncancel",
)  # fmt: skip


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=st.lists(st.tuples(st.sampled_from(WRITES), st.integers(0, 400)), max_size=8))
def test_the_trend_shown_is_the_history_whatever_is_written(app, today, writes):
    # Each example starts with nothing kept (the database carries the earlier examples' writes).
    db.session.execute(delete(PastFigure))
    db.session.commit()
    assert overdue_trend(today) == live_trend(today)  # keeps every month end
    for write, seed in writes:
        _write(write, seed, today)
        db.session.commit()
        assert overdue_trend(today) == live_trend(today), write


def _write(write: str, seed: int, today: date) -> None:
    items = db.session.scalars(select(WorkItem).order_by(WorkItem.id)).all()
    item = items[seed % len(items)]
    back = today - timedelta(days=seed % 300 + 2)
    office = db.session.scalar(select(User).where(User.email == "office@tracker.demo"))
    if write == "progress":
        item.progress = seed % 100
    elif write == "complete_today":
        item.status, item.completed_on, item.confirmed_on = "completed", back, today
    elif write == "complete_back":
        item.status, item.completed_on, item.confirmed_on = "completed", back, None
    elif write == "confirm_late":
        item.confirmed_on = back if item.status == "completed" else item.confirmed_on
    elif write == "reopen":
        item.status, item.completed_on, item.confirmed_on = "in_progress", None, None
    elif write in ("cancel_today", "cancel_back"):
        item.status = "cancelled"
        item.cancelled_on = today if write == "cancel_today" else (back if seed % 2 else None)
    elif write == "uncancel":
        item.status, item.cancelled_on = "assigned", None
    elif write in ("extend_today", "extend_back", "reassign"):
        if write == "reassign":
            agencies = db.session.scalars(select(Agency.id).order_by(Agency.id)).all()
            item.lead_agency_id = agencies[seed % len(agencies)]
        else:
            _set_deadline(item, back + timedelta(days=seed % 60))
        effective = today if write != "extend_back" else max(back, _current_from(item))
        open_period(item, "correction", effective, office)
    elif write == "deadline_alone":
        _set_deadline(item, back)
    elif write in ("new_today", "new_back", "sub_item"):
        db.session.add(
            WorkItem(plan_id=item.plan_id, code=f"G-{seed}-{len(items)}", kind="task",
                     title="Nhiệm vụ sinh", lead_agency_id=item.lead_agency_id,
                     assigned_on=today if write == "new_today" else back, deadline=back,
                     original_deadline=back,
                     parent_id=item.id if write == "sub_item" else None)
        )  # fmt: skip


def _set_deadline(item: WorkItem, deadline: date) -> None:
    # A first deadline is also the original one (an item of a recurring report has none before).
    item.deadline = deadline
    item.original_deadline = item.original_deadline or deadline


def _current_from(item: WorkItem) -> date:
    from tracker.history.periods import current_period

    return current_period(item.id).valid_from


def test_the_scheduler_counts_the_month_ends_before_a_reader(app, today):
    from tracker.portfolios.actions import portfolios
    from tracker.scheduler import figures_job

    figures_job(app)
    holders = [h for h in portfolios() if h.sectors or h.agencies]
    kept = db.session.scalars(
        select(PastFigure.scope).where(PastFigure.history == history_counter())
    ).all()
    assert holders
    assert len(kept) == KEPT_DAYS * (1 + len(holders))
    with statements_of(app) as statements:
        shown = overdue_trend(today)
    assert shown == live_trend(today)
    assert sum("FROM work_items" in statement for statement in statements) == 1  # today's only


def test_raises_too_far_behind_are_pruned_with_the_figures_they_judged(app, today, monkeypatch):
    from tracker.models import HistoryRaise
    from tracker.reports import past_figures

    kept_trend(today)
    for _ in range(2):  # two raises, reaching the first month ends
        item = overdue_since_long(today)
        item.status, item.completed_on, item.confirmed_on = "completed", item.deadline, None
        db.session.commit()
    raises = db.session.scalars(select(HistoryRaise.history)).all()
    assert min(raises) < history_counter()
    monkeypatch.setattr(past_figures, "RAISES_KEPT", 0)
    assert overdue_trend(today) == live_trend(today)
    raises = db.session.scalars(select(HistoryRaise.history)).all()
    assert all(history >= history_counter() for history in raises)
    kept = db.session.scalars(select(PastFigure.history)).all()
    assert kept and all(history >= history_counter() for history in kept)
