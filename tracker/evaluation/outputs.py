"""The evaluation as the office attaches it: an Excel table (tracker.exports) and a Word paper
(tracker.papers), both with the page's columns and the weights used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.clock import local_today
from tracker.domain.evaluation import AgencyYear, Weights, score
from tracker.evaluation.forms import WEIGHT_LABELS
from tracker.evaluation.queries import EvaluatedAgency
from tracker.exports import Percent, Sheet
from tracker.formatting import format_date, format_number
from tracker.papers import Heading, Paper, Paragraph, Table
from tracker.papers.paper import vietnamese_date


@dataclass(frozen=True)
class Evaluation:
    year: int
    as_of: date  #: 31/12 of the year, or today during it
    rows: list[EvaluatedAgency]
    weights: Weights


def headers() -> list[str]:
    return [
        _("No."), _("Agency"), _("Items assigned"), _("Completed on time"),
        _("Completed late"), _("Overdue"), _("Extensions requested"), _("Updates"),
        _("Late updates"), _("Late updates (%)"), _("Score"),
    ]  # fmt: skip


def values(figures: AgencyYear, weights: Weights) -> list:
    share = figures.late_update_share
    return [
        figures.assigned, figures.on_time, figures.late, figures.overdue, figures.extensions,
        figures.updates, figures.late_updates, None if share is None else Percent(share),
        score(figures, weights),
    ]  # fmt: skip


def evaluation_sheet(evaluation: Evaluation) -> Sheet:
    rows = [
        [n, row.name, *values(row.figures, evaluation.weights)]
        for n, row in enumerate(evaluation.rows, start=1)
    ]
    return Sheet(
        title=_("Emulation evaluation %(year)s", year=evaluation.year),
        name=_("Evaluation %(year)s", year=evaluation.year),
        as_of=evaluation.as_of,
        subtitle=weights_line(evaluation.weights),
        headers=headers(),
        rows=rows,
        widths=[6, 40, 12, 12, 12, 10, 12, 10, 10, 12, 10],
    )


def weights_line(weights: Weights) -> str:
    parts = [f"{WEIGHT_LABELS[name]}: {format_number(value)}"
             for name, value in weights.as_dict().items()]  # fmt: skip
    return "; ".join(parts)


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Percent):
        return f"{format_number(value)}%"
    return format_number(value)


def evaluation_paper(evaluation: Evaluation) -> Paper:
    """The table as a report of the office (always Vietnamese), A4 landscape."""
    with force_locale("vi"):
        config = current_app.config
        rows = [[str(n), row.name, *(_text(v) for v in values(row.figures, evaluation.weights))]
                for n, row in enumerate(evaluation.rows, start=1)]  # fmt: skip
        return Paper(
            superior=config["REPORT_ISSUER"], issuer=_("PROVINCIAL OFFICE"),
            number=_("No.: ....../BC-VP"),
            place_date=vietnamese_date(config["REPORT_PLACE"], local_today()),
            kind=_("REPORT"),
            title=_("Results of carrying out the assigned tasks in %(year)s, for the emulation "
                    "evaluation of agencies", year=evaluation.year),
            blocks=[
                Paragraph(_("Figures as of %(date)s, each task counted once, under the agency "
                            "that led it on that date.", date=format_date(evaluation.as_of))),
                Heading(_("RESULTS BY AGENCY")),
                Table(headers(), rows, widths=[6, 50, 12, 12, 12, 10, 12, 10, 10, 12, 10],
                      numeric=frozenset(range(2, 11)) | {0}),
                Paragraph(_("Score: %(formula)s", formula=formula_text())),
                Paragraph(_("Weights: %(weights)s.", weights=weights_line(evaluation.weights))),
            ],
            copies=[_("Leaders of the Provincial People's Committee (to report);"),
                    _("Filed: Office records.")],
            authority=_("FOR THE CHIEF OF OFFICE"), signer_title=_("DEPUTY CHIEF OF OFFICE"),
            landscape=True,
            footer=_("Emulation evaluation %(year)s", year=evaluation.year),
        )  # fmt: skip


def formula_text() -> str:
    return _(
        "100 × (on time × points + late × points + overdue × points + extensions × points) / "
        "items fallen due (completed in the year or overdue at its end), plus the share of late "
        "updates in percent × its points; no score when nothing fell due."
    )
