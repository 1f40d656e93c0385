"""Lists and reports as Excel (tracker.exports.workbook) and CSV (tracker.exports.sheet)."""

from flask import Response, abort, request
from flask_babel import gettext as _

from tracker.exports.sheet import (
    FORMATS,
    Percent,
    Sheet,
    csv_text,
    file_name,
    refuse_if_too_large,
)

__all__ = [
    "FORMATS",
    "Percent",
    "Sheet",
    "csv_text",
    "export_format",
    "refuse_if_too_large",
    "send",
]


def export_format() -> str | None:
    """`?format=xlsx|csv`; None for the page itself; 400 for anything else."""
    fmt = request.args.get("format", "").strip().lower()
    if not fmt:
        return None
    if fmt not in FORMATS:
        abort(400, description=_("Unknown export format: use xlsx or csv."))
    return fmt


def send(sheet: Sheet, fmt: str, filename: str) -> Response:
    """The sheet as an attachment named after `filename` (a title, without extension) and the
    sheet's as-of date."""
    if fmt == "xlsx":
        # Imported when a workbook is made: loading openpyxl costs every process (each web
        # worker, the scheduler, the reminder commands) ~45 ms at start-up.
        from tracker.exports.workbook import workbook_bytes

        body = workbook_bytes(sheet)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = csv_text(sheet).encode("utf-8-sig")  # the BOM lets Excel read UTF-8
        content_type = "text/csv; charset=utf-8"
    # content_type is sent as given; `mimetype=` would append "; charset=utf-8" to a text/ type
    # a second time.
    name = file_name(filename, sheet.as_of)
    return Response(
        body,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
