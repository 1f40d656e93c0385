"""The dashboard as plain values and back, so that every web process can share one computed
copy (tracker.reports.shared_figures): numbers, strings, ISO dates and decimals as text."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.domain.tally import Tally
from tracker.domain.targets import Revision, Verdict
from tracker.reports.statistics import Dimension, Row, Table
from tracker.reports.update_figures import UpdateFigures
from tracker.targets.queries import TargetRow


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def encode_row(row: Row) -> list:
    updates = None if row.updates is None else row.updates.as_dict()
    return [row.code, row.name, row.tally.as_dict(), updates]


def decode_row(value: list) -> Row:
    code, name, tally, updates = value
    return Row(code, name, Tally(**tally), None if updates is None else UpdateFigures(**updates))


def encode_table(table: Table) -> dict:
    return {
        "dimension": table.dimension.value,
        "as_of": table.as_of.isoformat(),
        "rows": [encode_row(row) for row in table.rows],
        "updates_from": None if table.updates_from is None else table.updates_from.isoformat(),
    }


def decode_table(value: dict) -> Table:
    return Table(
        Dimension(value["dimension"]),
        date.fromisoformat(value["as_of"]),
        [decode_row(row) for row in value["rows"]],
        _day(value["updates_from"]),
    )


def encode_target(row: TargetRow) -> dict:
    plain: dict[str, Any] = asdict(row)
    for name in ("value", "value_max", "original_value", "original_value_max"):
        plain[name] = None if plain[name] is None else str(plain[name])
    plain["verdict"] = row.verdict.value
    if row.latest is not None:
        plain["latest"] = [row.latest[0].isoformat(), str(row.latest[1])]
    if row.revision is not None:
        revision = row.revision
        plain["revision"] = [str(revision.value), revision.year, revision.decided_on.isoformat(),
                             revision.document]  # fmt: skip
    return plain


def decode_target(plain: dict) -> TargetRow:
    values = dict(plain)
    for name in ("value", "value_max", "original_value", "original_value_max"):
        values[name] = _decimal(values[name])
    values["verdict"] = Verdict(values["verdict"])
    if values["latest"] is not None:
        measured_on, value = values["latest"]
        values["latest"] = (date.fromisoformat(measured_on), Decimal(value))
    if values["revision"] is not None:
        value, year, decided_on, document = values["revision"]
        decided = date.fromisoformat(decided_on)
        values["revision"] = Revision(Decimal(value), year, decided, document)
    return TargetRow(**values)


def encode_targets(figures: tuple[dict[Verdict, int], list[TargetRow]]) -> dict:
    """The dashboard's targets' part: the verdicts counted and the rows at risk."""
    verdicts, at_risk = figures
    return {
        "verdicts": [[verdict.value, count] for verdict, count in verdicts.items()],
        "at_risk": [encode_target(row) for row in at_risk],
    }


def decode_targets(plain: dict) -> tuple[dict[Verdict, int], list[TargetRow]]:
    verdicts = {Verdict(verdict): count for verdict, count in plain["verdicts"]}
    return verdicts, [decode_target(row) for row in plain["at_risk"]]


def encode(dashboard) -> dict:
    """The Dashboard's fields as plain values."""
    return {
        "today": dashboard.today.isoformat(),
        "by_pillar": encode_table(dashboard.by_pillar),
        "by_sector": encode_table(dashboard.by_sector),
        "ranking": [encode_row(row) for row in dashboard.ranking],
        "trend": [[day.isoformat(), count] for day, count in dashboard.trend],
        **encode_targets((dashboard.verdicts, dashboard.at_risk)),
        "mine": dashboard.mine,
    }


def decode_fields(plain: dict) -> dict:
    """The Dashboard's fields from `encode`'s plain values."""
    verdicts, at_risk = decode_targets(plain)
    return {
        "today": date.fromisoformat(plain["today"]),
        "by_pillar": decode_table(plain["by_pillar"]),
        "by_sector": decode_table(plain["by_sector"]),
        "ranking": [decode_row(row) for row in plain["ranking"]],
        "trend": [(date.fromisoformat(day), count) for day, count in plain["trend"]],
        "verdicts": verdicts,
        "at_risk": at_risk,
        "mine": plain["mine"],
    }
