"""Measured values reported toward a target (value, date, source), and progress toward it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _

from tracker.access import commit, load_item, require
from tracker.clock import local_today, now_utc
from tracker.domain.targets import percent_unit, target_progress
from tracker.history.changes import display, record
from tracker.models import Measurement, User, WorkItem
from tracker.models.measurements import CENT, VALUE_LIMIT
from tracker.permissions import ItemAction
from tracker.refusals import Invalid


def latest_measurement(item: WorkItem) -> Measurement | None:
    """The value measured last (by date, then by when it was reported)."""
    if not item.measurements:
        return None
    return max(item.measurements, key=lambda m: (m.measured_on, m.id or 0))


def progress_toward_target(item: WorkItem) -> int | None:
    latest = latest_measurement(item)
    return target_progress(
        latest.value if latest else None, item.target_value, item.target_comparison
    )


def _check(value: Decimal, measured_on: date, today: date, unit: str | None = None) -> None:
    if measured_on > today:
        message = _("A value cannot be measured in the future.")
        raise Invalid(message, {"measured_on": [message]})
    check_value(value, unit)


def check_value(value: Decimal, unit: str | None) -> None:
    """A value fits its column and its unit: a share in per cent is between 0 and 100."""
    if not value.is_finite() or abs(value) >= VALUE_LIMIT:
        message = _("The value is out of range.")
        raise Invalid(message, {"value": [message]})
    if percent_unit(unit) and not 0 <= value <= 100:
        message = _("A share in per cent is between 0 and 100.")
        raise Invalid(message, {"value": [message]})


def record_measurement(
    user: User,
    item_id: int,
    version: int | None,
    value: Decimal,
    measured_on: date,
    source: str | None = None,
) -> Measurement:
    """The lead agency (or the office) reports a value measured on a date, with its source."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.MEASURE, version)
    today = local_today()
    value = value.quantize(CENT) if value.is_finite() else value
    _check(
        value, measured_on, today, item.target_unit
    )  # as stored: 999999999999.999 rounds to 10**12
    previous = latest_measurement(item)
    measurement = Measurement(
        value=value,
        measured_on=measured_on,
        source=(source or "").strip() or None,
        recorded_by=user,
        created_at=now_utc(),
    )
    item.measurements.append(measurement)
    changes = {"measured_value": [display(previous.value) if previous else None, display(value)]}
    record(item, user, "measured", today, changes, measurement.source)
    commit()
    return measurement
