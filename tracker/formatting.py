"""Dates and figures as Vietnamese documents write them, for pages, exports and mails."""

from datetime import date, datetime
from decimal import Decimal

from flask_babel import format_datetime, format_decimal


def format_date(value: date | None) -> str:
    """Dates as Vietnamese administrative documents write them: 31/12/2025."""
    # Not strftime: lists format a date or two on every row, and strftime costs three times more.
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def format_moment(value: datetime | None) -> str:
    """A timestamp in the province's time zone: 25/11/2026 14:05."""
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


def format_number(value: Decimal | float | int | None) -> str:
    """A figure without trailing zeros, in the reader's locale: 90, 2.000, 15,5."""
    return format_decimal(value, format="#,##0.##") if value is not None else ""


def format_quantity(value: Decimal | float | int | None, unit: str | None) -> str:
    """A figure with its unit as Vietnamese writes them: "1 khu", "2.000 người", but "90%"."""
    if value is None:
        return ""
    if not unit:
        return format_number(value)
    return f"{format_number(value)}{'' if unit == '%' else ' '}{unit}"
