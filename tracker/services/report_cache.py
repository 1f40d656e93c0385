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
from typing import TypeVar

from flask import current_app
from sqlalchemy import func, select

from tracker.extensions import db
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
    e = ExtensionRequest
    return tuple(
        db.session.execute(
            select(
                select(func.max(WorkItem.updated_at)).scalar_subquery(),
                select(func.max(WorkItem.id)).scalar_subquery(),
                select(func.max(e.id)).scalar_subquery(),
                select(func.max(e.decided_on)).where(e.status == "approved").scalar_subquery(),
            )
        ).one()
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
