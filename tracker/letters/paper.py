"""An urging letter as an administrative paper: always in Vietnamese, whatever the reader's
language, since it is sent to an agency (Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from tracker.formatting import format_date
from tracker.letters.queries import LetterLine
from tracker.names import Label
from tracker.papers import Paper, Paragraph, Table
from tracker.papers.paper import vietnamese_date


@dataclass(frozen=True)
class Signature:
    """What the office fills in before a letter is generated; blank in a draft."""

    number: str = ""
    issued_on: date | None = None
    authority: str = ""
    signer_title: str = ""
    signer_name: str = ""


def letter_paper(agency: Label, lines: list[LetterLine], as_of: date, sign: Signature) -> Paper:
    with force_locale("vi"):
        return _paper(agency, lines, as_of, sign)


def _paper(agency: Label, lines: list[LetterLine], as_of: date, sign: Signature) -> Paper:
    config = current_app.config
    place = config["REPORT_PLACE"]
    return Paper(
        superior=config["REPORT_ISSUER"],
        issuer=_("PROVINCIAL OFFICE"),
        number=_("No.: %(number)s", number=sign.number) if sign.number else _("No.: ....../VP-TH"),
        place_date=vietnamese_date(place, sign.issued_on) if sign.issued_on else
        _("%(place)s, date ... month ... year ...", place=place),
        subject=_("Re: urging the completion of overdue tasks"),
        kind="" if sign.number else _("DRAFT"),
        recipients=[agency.name],
        blocks=_body(agency, lines, as_of),
        copies=[
            _("As above;"),
            _("Leaders of the Provincial People's Committee (to report);"),
            _("Filed: Office records."),
        ],
        authority=sign.authority,
        signer_title=sign.signer_title,
        signer_name=sign.signer_name,
        footer=sign.number,
    )  # fmt: skip


def _body(agency: Label, lines: list[LetterLine], as_of: date) -> list:
    if not lines:
        text = _(
            "As of %(date)s, %(agency)s has no assigned task past its deadline.",
            date=format_date(as_of), agency=agency.name,
        )  # fmt: skip
        return [Paragraph(text)]
    opening = ngettext(
        "As of %(date)s, %(agency)s has %(num)d assigned task past its deadline, listed below.",
        "As of %(date)s, %(agency)s has %(num)d assigned tasks past their deadline, listed below.",
        len(lines), date=format_date(as_of), agency=agency.name,
    )  # fmt: skip
    asks = _(
        "The Provincial Office asks %(agency)s to direct their completion without delay and to "
        "report the results, or to request an extension with its reasons, to the Provincial "
        "People's Committee through the Provincial Office.",
        agency=agency.name,
    )
    return [Paragraph(opening), _table(lines), Paragraph(asks)]


def _table(lines: list[LetterLine]) -> Table:
    headers = [
        _("No."), _("Task"), _("Assigning document"), _("Original deadline"),
        _("Deadline in force"), _("Days overdue"),
    ]  # fmt: skip
    rows = [
        [
            str(n),
            f"{line.code}. {line.title}",
            line.document,
            format_date(line.original_deadline),
            format_date(line.deadline),
            str(line.days),
        ]  # fmt: skip
        for n, line in enumerate(lines, start=1)
    ]
    return Table(headers, rows, widths=[9, 55, 24, 22, 22, 14], numeric=frozenset({0, 5}))
