"""Figures of days already past, kept until a write reaches back to them.

The dashboard's overdue trend counts the items overdue at each of the last twelve month ends,
from the items' history. At a million items each month end costs seconds, and every change
(a progress report) would make the dashboard compute them again, although a change recorded
today cannot alter what was true last month. Such a figure changes only when a write reaches
back to its day (tracker.history.backdating judges each transaction); those writes raise the
history counter in `data_versions` when they reach a day on or before its horizon, the latest
day whose figures were ever kept, and record the raise with the first day they reach
(`history_raises`). A kept figure holds until a raise after the counter it was computed at
reaches its day: a completion dated back last week leaves every earlier month end kept.
The statistics tables of past days keep their counts the same way (tracker.reports.past_tables).

Order matters across processes and servers. The horizon is raised, in its own committed
transaction, before a figure of a later day is kept: every write committing after that reads
it (under the counter row's lock) and raises the counter; every write committed before is
seen by the computation, which reads the horizon again first and keeps nothing if it cannot
see the raise yet.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.exc import OperationalError

from tracker.database import db
from tracker.models import DataVersion, HistoryRaise, PastFigure
from tracker.reports.cache import cache_seconds
from tracker.reports.shared_figures import computed_alone, write_figure

log = logging.getLogger(__name__)
JSON = int | list  #: what a kept figure is
_FIGURES, _VERSIONS, _RAISES = PastFigure.__table__, DataVersion.__table__, HistoryRaise.__table__
#: Raises remembered behind the counter. A figure older than that is dropped with them: a
#: computation would have to last through this many backdated writes to be misjudged.
RAISES_KEPT = 10_000


def settled(day: date, today: date) -> bool:
    """Whether figures of `day` may be kept: before yesterday, so that a transaction begun
    before midnight cannot commit a change to a day already kept."""
    return day < today - timedelta(days=1)


def kept(
    what: str, scope: str, days: list[date], compute: Callable[[date], JSON]
) -> dict[date, JSON]:
    """compute(day) for each of `days`, all before yesterday, or the figure kept for it (a
    value JSON holds: a count, or a table's counts)."""
    if not cache_seconds() or not days:
        return {day: compute(day) for day in days}
    horizon, history = _counter()
    figures = _stored(what, scope, days, history)
    missing = [day for day in days if day not in figures]
    if not missing:
        return figures
    if horizon is None or horizon < max(missing):
        _raise_horizon(max(missing))
        horizon, history = _counter()
    keep = horizon is not None and horizon >= max(missing)
    if not keep:
        return figures | {day: compute(day) for day in missing}
    # Two people asking the same past table at once: one counts, the other reads it.
    with computed_alone(f"{what}|{scope}|{','.join(map(str, missing))}"):
        figures |= _stored(what, scope, missing, history)  # kept by the one this one waited for
        for day in [day for day in missing if day not in figures]:
            figures[day] = compute(day)
            _keep(what, scope, day, history, figures[day])
    _prune_raises(history)
    return figures


def _counter() -> tuple[date | None, int]:
    c = _VERSIONS.c
    return tuple(db.session.execute(select(c.horizon, c.history)).one())  # type: ignore[return-value]


def _overtaken():
    """Whether a raise after a kept figure's counter reached back to its day."""
    c, r = _FIGURES.c, _RAISES.c
    return exists().where(r.history > c.history, r.earliest <= c.day)


def _stored(what: str, scope: str, days: list[date], history: int) -> dict[date, JSON]:
    c = _FIGURES.c
    rows = db.session.execute(
        select(c.day, c.value).where(
            c.what == what, c.scope == scope, c.day.in_(days), c.history <= history,
            ~_overtaken(),
        )
    )  # fmt: skip
    return {day: json.loads(value) for day, value in rows}


def _raise_horizon(day: date) -> None:
    c = _VERSIONS.c
    try:
        with db.engine.begin() as connection:
            earlier = or_(c.horizon.is_(None), c.horizon < day)
            connection.execute(update(_VERSIONS).where(earlier).values(horizon=day))
    except OperationalError:  # a busy database: a later request raises it
        log.warning("could not raise the horizon of kept figures to %s", day, exc_info=True)


def _keep(what: str, scope: str, day: date, history: int, value: JSON) -> None:
    """Write the figure as soon as it is computed (a request ended by a timeout keeps what it
    finished), and drop the stale ones (those overtaken, and those too old to be judged)."""
    row = {"what": what, "scope": scope, "day": day, "history": history,
           "value": json.dumps(value)}  # fmt: skip
    stale = or_(_overtaken(), _FIGURES.c.history < history - RAISES_KEPT)
    if not write_figure(_FIGURES, row, stale):
        log.warning("could not keep the %s figure of %s for %s", what, day, scope)


def _prune_raises(history: int) -> None:
    """Drop the raises no kept figure can be judged by any more (`_keep` dropped the figures
    older than them first): once per call of `kept`, not per figure."""
    try:
        with db.engine.begin() as connection:
            connection.execute(delete(_RAISES).where(_RAISES.c.history < history - RAISES_KEPT))
    except OperationalError:  # a busy database: a later call prunes them
        log.info("the raises of the history counter were not pruned", exc_info=True)
