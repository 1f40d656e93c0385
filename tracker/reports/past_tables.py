"""The counts of a statistics table as of a day already past, kept beyond today's writes.

A table as of a past date costs a pass over every item and a correction of each item changed
since (about a second at a million items, 200 days back). The cache of computed tables
(tracker.reports.cache) drops it at the next write anywhere, although a progress report made
today cannot change what stood on that day. The counts are therefore kept as the dashboard's
month ends are (tracker.reports.past_figures): in the database, for every web process, until a
write reaches back to their day (tracker.history.backdating judges each one). The rows' names
and the updates columns are not kept: they are cheap, and the names follow renames.

Only scopes whose every input those judgements cover are kept: not a portfolio's (a person's
portfolio changes with no dated write) and not the public items' (whether an item is public is
not something the history rules read, so changing it reaches back to no day).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Protocol

from tracker.clock import local_today
from tracker.domain.tally import Tally
from tracker.reports import past_figures

Counts = dict[int | None, Tally]


class _Scope(Protocol):
    """What the kept counts read of tracker.reports.statistics.Scope (which imports this)."""

    agency_id: int | None
    public_only: bool
    document_id: int | None
    portfolio_id: int | None
    basis: StrEnum


def keeps(as_of: date, scope: _Scope) -> bool:
    """Whether the counts of `scope` on `as_of` are kept: of a settled day, as the dashboard's
    month ends."""
    settled = past_figures.settled(as_of, local_today())
    return settled and scope.portfolio_id is None and not scope.public_only


def kept_counts(dimension: str, as_of: date, scope: _Scope, count: Callable[[], Counts]) -> Counts:
    """count(), or the counts kept for this dimension, scope and day."""
    if not keeps(as_of, scope):
        return count()
    figures = past_figures.kept(
        f"statistics:{dimension}", scope_name(scope), [as_of], lambda _day: encode(count())
    )
    return decode(figures[as_of])


def scope_name(scope: _Scope) -> str:
    """The scope as the kept figures name it: every part that changes what is counted."""
    agency, document = scope.agency_id or "", scope.document_id or ""
    return f"agency={agency};document={document};basis={scope.basis.value}"


def encode(counts: Counts) -> list:
    """As JSON holds them: [key, {standing: count}] pairs (a key may be None)."""
    return [[key, tally.as_dict()] for key, tally in counts.items()]


def decode(pairs: list) -> Counts:
    return {key: Tally(**figures) for key, figures in pairs}
