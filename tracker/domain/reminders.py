"""Which reminders and escalations (đôn đốc) are due on a day.

Window semantics, never "deadline == today + N": on a working day each item is in at most one
stage — the most urgent one whose start has passed — and a notice for that stage goes out unless
the record says it was sent. An item created two days before its deadline thus gets the 3-day
reminder at once, and after a week of downtime the next sweep sends the current stage only.

Every notice is keyed (recipient, item, rule, period). The period names the deadline in force
(and, once overdue, the round), so an approved extension starts the reminders afresh for the new
deadline while a re-run of the same day finds every key already taken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from tracker.domain.workdays import WorkCalendar

#: Only items the lead agency is working on are reminded: completed and cancelled items are
#: closed, a submitted one awaits the office's confirmation, a refused one the office's
#: reassignment.
REMINDED_STATUSES: frozenset[str] = frozenset({"assigned", "in_progress", "returned"})

OVERDUE = "overdue"
ESCALATION_PREFIX = "escalation:"
DUE_PREFIX = "due:"
_ONE_DAY = timedelta(days=1)


class Audience(StrEnum):
    """Who a stage is addressed to; recipients are resolved from current assignments."""

    ASSIGNEES = "assignees"  #: the responsible person and the lead agency's focal officers
    HEADS = "heads"  #: the lead agency's head, copied on overdue items (level 1)
    OFFICE = "office"  #: the provincial office's follow-up (level 2)
    LEADER = "leader"  #: the provincial leader in charge of the item's sector (level 3)


def due_rule(working_days_before: int) -> str:
    """The rule of the reminder sent `working_days_before` working days before the deadline."""
    return f"{DUE_PREFIX}{working_days_before}"


def escalation_rule(level: int) -> str:
    return f"{ESCALATION_PREFIX}{level}"


def working_days_before(rule: str) -> int | None:
    """N for a "due:N" rule, None for any other rule."""
    return int(rule.removeprefix(DUE_PREFIX)) if rule.startswith(DUE_PREFIX) else None


def is_escalation(rule: str) -> bool:
    return rule.startswith(ESCALATION_PREFIX)


class Section(StrEnum):
    """The parts of a digest, in the order the mail shows them."""

    OVERDUE = "overdue"  #: the recipient's own overdue items
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    AGENCY_OVERDUE = "agency_overdue"  #: the head's copy of the agency's overdue items
    ESCALATED = "escalated"  #: long overdue items escalated to the office or the leader


def section_of(rule: str) -> Section:
    before = working_days_before(rule)
    if before is not None:
        return Section.DUE_TODAY if before == 0 else Section.DUE_SOON
    if rule == OVERDUE:
        return Section.OVERDUE
    return Section.AGENCY_OVERDUE if rule == escalation_rule(1) else Section.ESCALATED


@dataclass(frozen=True)
class ReminderPolicy:
    """When to remind and escalate, and so which escalation level an overdue item has reached;
    the office edits it, these are the practice's defaults."""

    #: Working days before the deadline at which to remind; 0 is the day itself.
    before: tuple[int, ...] = (7, 3, 1, 0)
    #: Working days between two overdue reminders, from the first working day after the deadline.
    overdue_every: int = 5
    #: Working days overdue from which the provincial office receives the item (level 2).
    office_after: int = 7
    #: Calendar days overdue from which the leader in charge of the sector receives it (level 3).
    leader_after_days: int = 30
    #: Urgent items are reminded every working day from this many working days before the
    #: deadline (never earlier than the first reminder of other items).
    urgent_from: int = 3
    #: Working days between two overdue reminders of an urgent item.
    urgent_overdue_every: int = 1

    def __post_init__(self) -> None:
        """Refuse a policy that would remind never or nonsensically; keep `before` descending."""
        before = tuple(sorted(set(self.before), reverse=True))
        if not before or before[-1] < 0 or before[0] > 60:
            raise ValueError("reminders before the deadline must be between 0 and 60 working days")
        if not 1 <= self.overdue_every <= 60:
            raise ValueError("overdue reminders must repeat every 1 to 60 working days")
        if not 1 <= self.office_after <= 250:
            raise ValueError("the office escalation must come after 1 to 250 working days")
        if not 1 <= self.leader_after_days <= 365:
            raise ValueError("the leader escalation must come after 1 to 365 days")
        if not 0 <= self.urgent_from <= 60:
            raise ValueError("urgent reminders must start 0 to 60 working days before")
        if not 1 <= self.urgent_overdue_every <= 60:
            raise ValueError("overdue urgent reminders must repeat every 1 to 60 working days")
        object.__setattr__(self, "before", before)

    @property
    def first_reminder(self) -> int:
        """Working days before the deadline of the earliest reminder."""
        return self.before[0]

    def for_urgent(self) -> ReminderPolicy:
        """The shorter schedule of urgent items: every working day from `urgent_from` working
        days before the deadline (or the policy's first reminder, if that is nearer), and every
        `urgent_overdue_every` working days once overdue; escalations as for any item."""
        start = min(self.urgent_from, self.first_reminder)
        return replace(
            self, before=tuple(range(start, -1, -1)), overdue_every=self.urgent_overdue_every
        )


@dataclass(frozen=True)
class Stage:
    """What an item with a given deadline is due for today: one rule, in one period."""

    rule: str
    period: str
    audience: Audience


def horizon(today: date, policy: ReminderPolicy, calendar: WorkCalendar) -> date:
    """The latest deadline that can have a reminder today (the SQL sweep reads up to it).

    The N-th working day before a deadline is on or before today as long as fewer than N working
    days lie strictly between them; with N = 0, deadlines on the days off after today count too.
    """
    most = policy.before[0]
    if most == 0:
        return calendar.add_working_days(today, 1) - _ONE_DAY
    return calendar.add_working_days(today, most)


def plan_stages(
    deadlines: Iterable[date], today: date, policy: ReminderPolicy, calendar: WorkCalendar
) -> dict[date, tuple[Stage, ...]]:
    """The stages due today for each deadline (deadlines without one are left out).

    Computed once per distinct deadline, not per item: 100,000 items share a few thousand.
    Nothing on a day off: mail goes out on working days only.
    """
    wanted = sorted(set(deadlines))
    if not wanted or calendar.is_day_off(today):
        return {}
    counter = _WorkingDayCounter(calendar, min(wanted[0], today), today)
    plan = {}
    for deadline in wanted:
        if deadline >= today:
            stages = _before_stages(deadline, today, policy, calendar)
        else:
            stages = _overdue_stages(deadline, today, policy, calendar, counter)
        if stages:
            plan[deadline] = stages
    return plan


def next_sweep_day(now: datetime, sweep_at: time, calendar: WorkCalendar) -> date:
    """The day of the next sweep that sends anything, `now` being local time: today's until its
    hour has come, then the next working day's (the sweep of a day off queues nothing)."""
    first = now.date() if now.time() < sweep_at else now.date() + _ONE_DAY
    return calendar.on_or_after(first)


def send_day(deadline: date, working_days_before: int, calendar: WorkCalendar) -> date:
    """The working day a "N working days before" reminder starts; a day off moves it earlier."""
    if working_days_before == 0:
        return calendar.on_or_before(deadline)
    return calendar.add_working_days(deadline, -working_days_before)


def _before_stages(
    deadline: date, today: date, policy: ReminderPolicy, calendar: WorkCalendar
) -> tuple[Stage, ...]:
    """The most urgent reminder whose start has passed (ascending N: the first match wins)."""
    for n in reversed(policy.before):
        if send_day(deadline, n, calendar) <= today:
            return (Stage(due_rule(n), deadline.isoformat(), Audience.ASSIGNEES),)
    return ()


def _overdue_stages(
    deadline: date,
    today: date,
    policy: ReminderPolicy,
    calendar: WorkCalendar,
    counter: _WorkingDayCounter,
) -> tuple[Stage, ...]:
    """The current overdue round for the assignees and the head; escalations once reached."""
    first = calendar.on_or_after(deadline + _ONE_DAY)
    round_ = (counter.upto(today) - counter.upto(first)) // policy.overdue_every
    period = f"{deadline.isoformat()}#{round_}"
    stages = [
        Stage(OVERDUE, period, Audience.ASSIGNEES),
        Stage(escalation_rule(1), period, Audience.HEADS),
    ]
    # Escalations are thresholds ("from N days overdue"): they start the first working day the
    # threshold is reached, never earlier, and go once per deadline in force.
    if counter.upto(today) - counter.upto(deadline) >= policy.office_after:
        stages.append(Stage(escalation_rule(2), deadline.isoformat(), Audience.OFFICE))
    if (today - deadline).days >= policy.leader_after_days:
        stages.append(Stage(escalation_rule(3), deadline.isoformat(), Audience.LEADER))
    return tuple(stages)


class _WorkingDayCounter:
    """Working days counted from `first` up to each day through `last`, built once per sweep."""

    def __init__(self, calendar: WorkCalendar, first: date, last: date) -> None:
        self._first = first
        running, counts = 0, []
        for offset in range((last - first).days + 1):
            running += calendar.is_working_day(first + timedelta(days=offset))
            counts.append(running)
        self._counts = counts

    def upto(self, day: date) -> int:
        """Working days in [first, day]."""
        return self._counts[(day - self._first).days]
