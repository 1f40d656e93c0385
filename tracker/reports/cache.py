"""Reuse computed statistics while the data they come from has not changed.

A statistics table reads every item, and the office opens the same tables many times a day
between edits. The version of the data is read with a handful of index lookups (the latest
item change, the latest item and extension request, the latest approval); a cached table is
used only while that version is unchanged and for at most REPORT_CACHE_SECONDS, which also bounds
the effect of a write that bypasses the ORM's `updated_at`. Each process keeps its own cache.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache
from typing import TypeVar

from flask import current_app
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import ExtensionRequest, WorkItem

T = TypeVar("T")
MAX_ENTRIES = 512
_EXTENSION_KEY = "tracker_report_cache"


class _Store:
    def __init__(self) -> None:
        self.entries: OrderedDict[Hashable, tuple[tuple, float, object]] = OrderedDict()
        self.lock = threading.Lock()


def data_version() -> tuple:
    """What changes whenever an item or an extension decision changes (one query)."""
    return tuple(db.session.execute(_version_statement()).one())


# Built once per process, and on the tables rather than the ORM classes (it loads no
# objects): it runs before every cached report, where building it and the ORM's handling
# cost more than the query itself.
@cache
def _version_statement():
    w, e = WorkItem.__table__.c, ExtensionRequest.__table__.c
    return select(
        select(func.max(w.updated_at)).scalar_subquery(),
        select(func.max(w.id)).scalar_subquery(),
        select(func.max(e.id)).scalar_subquery(),
        select(func.max(e.decided_on)).where(e.status == "approved").scalar_subquery(),
    )


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or its earlier result for `key` while the data version is unchanged."""
    seconds = current_app.config["REPORT_CACHE_SECONDS"]
    if not seconds:
        return compute()
    store = current_app.extensions.setdefault(_EXTENSION_KEY, _Store())
    version, now = data_version(), time.monotonic()
    with store.lock:
        hit = store.entries.get(key)
        if hit is not None and hit[0] == version and hit[1] > now:
            store.entries.move_to_end(key)
            return hit[2]  # type: ignore[return-value]
    value = compute()
    with store.lock:
        store.entries[key] = (version, now + seconds, value)
        while len(store.entries) > MAX_ENTRIES:
            store.entries.popitem(last=False)
    return value
