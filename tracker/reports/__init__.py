"""Reports: statistics as of a date, periods, the public page, exports and charts."""

from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlencode

from babel.numbers import get_decimal_symbol
from flask import Flask
from flask_babel import get_locale


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


def init_app(app: Flask) -> None:
    """Register the reporting blueprints and what their templates call."""
    from tracker.api.reports import bp as api_reports_bp
    from tracker.feeds.views import bp as feeds_bp
    from tracker.office.views import bp as office_bp
    from tracker.periods.labels import period_name, status_name
    from tracker.periods.public import bp as public_bp
    from tracker.periods.views import bp as periods_bp
    from tracker.permissions import can_follow_up, can_manage_periods
    from tracker.reports.charts import bar_length, line_chart, stacked
    from tracker.reports.views import bp as reports_bp
    from tracker.targets.views import VERDICT_LABELS
    from tracker.targets.views import bp as targets_bp

    for blueprint in (
        office_bp,
        reports_bp,
        periods_bp,
        public_bp,
        targets_bp,
        feeds_bp,
        api_reports_bp,
    ):
        app.register_blueprint(blueprint)
    app.jinja_env.filters["query"] = query_string
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.globals.update(
        can_follow_up=can_follow_up,
        can_manage_periods=can_manage_periods,
        period_name=period_name,
        period_status=status_name,
        stacked=stacked,
        line_chart=line_chart,
        bar_length=bar_length,
        VERDICT_NAMES=VERDICT_LABELS,
    )
