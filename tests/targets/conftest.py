"""Targets with measured values set by the test itself, whatever the demo measured."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.database import db
from tracker.models import Measurement


@pytest.fixture
def measured(item_by_code):
    """measured("XHS-2030-02", "55") -> the target, its only measured value set on 1/11/2026."""

    def make(code: str, value: str, status: str | None = None):
        item = item_by_code(code)
        item.measurements.clear()
        item.measurements.append(
            Measurement(value=Decimal(value), measured_on=date(2026, 11, 1), source="test")
        )
        if status is not None:
            item.status = status
            item.completed_on = date(2026, 11, 20) if status == "submitted" else None
        db.session.commit()
        return item

    return make
