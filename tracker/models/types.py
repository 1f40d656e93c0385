"""Column helpers shared by the model modules."""

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Timestamps are timezone-aware UTC; local dates are computed from them when shown."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """An aware UTC timestamp on every engine.

    PostgreSQL keeps the offset; SQLite drops it, so it is re-attached on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def enum_check(column: str, values: Iterable[str]) -> str:
    """SQL for a CHECK constraint keeping a string column inside an enumeration."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"
