"""What every template may call: filters for dates, figures and history values; the templates'
compiled code, kept for the process."""

from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from urllib.parse import urlencode

from babel.numbers import get_decimal_symbol
from flask import Flask
from flask_babel import get_locale
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from tracker.formatting import format_date, format_moment, format_number, format_quantity
from tracker.labels import STATUS_LABELS, TARGET_OUTCOME_LABELS

DATE_FIELDS = frozenset({"deadline", "completed_on", "proposed_deadline", "original_deadline"})


class CompiledTemplates(BytecodeCache):
    """Each template's compiled code, kept for the process: an application built again in the
    same process (the test suite builds one per test) loads it instead of compiling the
    template again. Jinja checks the source's checksum: an edited template compiles anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def keep_compiled(app: Flask) -> None:
    """Before anything reads `app.jinja_env`, which is built from these options."""
    app.jinja_options = {**app.jinja_options, "bytecode_cache": COMPILED}


def init_app(app: Flask) -> None:
    """The filters every template may use, the mails' included; what only the pages call is
    added with them (tracker.web.page_helpers)."""
    app.jinja_env.filters.update(
        vndate=format_date,
        num=format_number,
        quantity=format_quantity,
        vndatetime=format_moment,
        change_value=change_value,
        query=query_string,
        percent=percent,
    )


def change_value(value: str | None, field: str) -> str:
    """A value from an item's history, as a reader expects it: dates, statuses, per cents."""
    if value in (None, ""):
        return "—"
    if field == "status":
        return str(STATUS_LABELS.get(value, value))
    if field in DATE_FIELDS:
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if field == "progress":
        return f"{value}%"
    if field == "target_outcome":
        return str(TARGET_OUTCOME_LABELS.get(value, value))
    if field in ("measured_value", "target_value"):
        try:
            return format_number(Decimal(value))
        except InvalidOperation:
            return value
    return value


def percent(value: Decimal | None) -> str:
    """A rate as the table shows it: "12,5%" in Vietnamese, "12.5%" in English, "—" if none."""
    if value is None:
        return "—"
    text = f"{value.normalize():f}"
    return text.replace(".", _decimal_symbol(str(get_locale() or "vi"))) + "%"


@lru_cache(maxsize=8)
def _decimal_symbol(locale: str) -> str:
    return get_decimal_symbol(locale)


def query_string(args: dict) -> str:
    """A URL query from a dict, leaving out empty values (cheaper than url_for per link)."""
    return urlencode({key: value for key, value in args.items() if value not in (None, "")})
