"""Demo reporting periods: the two quarters before the last one closed and published, the last
one open for the office to close (idempotent)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from tracker.database import db
from tracker.domain.periods import PeriodKind, PeriodRef, last_finished
from tracker.models import Period, User
from tracker.periods import actions as period_service


def load_demo_periods(today: date, office: User) -> Counter[str]:
    report: Counter[str] = Counter()
    last = last_finished(PeriodKind.QUARTER, today)
    for ref in (last.previous().previous(), last.previous()):
        period = _period(ref, report)
        if period.status == "open":
            period_service.close_period(period, office, today)
            period_service.publish_period(period, office)
            report["periods published"] += 1
    _period(last, report)
    return report


def _period(ref: PeriodRef, report: Counter[str]) -> Period:
    found = db.session.scalar(
        select(Period).where(
            Period.kind == ref.kind.value, Period.year == ref.year, Period.number == ref.number
        )
    )
    if found is None:
        found = period_service.create_period(ref.kind, ref.year, ref.number, None)
        report["periods created"] += 1
    return found
