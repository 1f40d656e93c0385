"""A period's name as people write it: "Quý 3/2026", "6 tháng đầu năm 2026"."""

import re

from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.domain.periods import PeriodKind
from tracker.domain.text import fold
from tracker.labels import PERIOD_STATUS_LABELS
from tracker.models import Period


def period_name(period: Period) -> str:
    kind = PeriodKind(period.kind)
    if kind is PeriodKind.MONTH:
        return _("Month %(number)d/%(year)d", number=period.number, year=period.year)
    if kind is PeriodKind.QUARTER:
        return _("Quarter %(number)d/%(year)d", number=period.number, year=period.year)
    if kind is PeriodKind.HALF and period.number == 1:
        return _("First half of %(year)d", year=period.year)
    if kind is PeriodKind.HALF:
        return _("Second half of %(year)d", year=period.year)
    return _("Year %(year)d", year=period.year)


def period_slug(period: Period) -> str:
    """The Vietnamese name as part of a file name, in any language: "quy-3-2026", "nam-2026"."""
    with force_locale("vi"):
        name = period_name(period)
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def status_name(status: str) -> str:
    return str(PERIOD_STATUS_LABELS[status])
