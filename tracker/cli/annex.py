"""`flask import annex FILE --document NUMBER [--dry-run]` and
`flask export annex --document NUMBER FILE`: a plan's annex in and out of the tracker."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup


@click.group("import", cls=AppGroup)
def import_group() -> None:
    """Import data from files."""


@click.group("export", cls=AppGroup)
def export_group() -> None:
    """Export data to files."""


def _print_problems(problems) -> None:
    for problem in problems:
        where = problem.where()
        click.echo(f"{where}: {problem.message}" if where else problem.message, err=True)


@import_group.command("annex")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--document", "number", required=True, help='Number and symbol, e.g. "59/KH-UBND".')
@click.option("--dry-run", is_flag=True, help="Check and compare only; write nothing.")
def import_annex_command(file: Path, number: str, dry_run: bool) -> None:
    """Import an annex workbook into a document: all rows, or none when any row is invalid."""
    from tracker.annex.importing import import_annex
    from tracker.refusals import ServiceError

    try:
        outcome = import_annex(None, file.read_bytes(), file.name, number, dry_run=dry_run)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    if not outcome.ok:
        _print_problems(outcome.problems)
        raise click.ClickException(f"{len(outcome.problems)} problem(s): nothing was imported.")
    document = f"{outcome.number} (new)" if outcome.document_is_new else outcome.number
    click.echo(f"Document {document}: {len(outcome.rows)} rows read.")
    for action in ("new", "changed", "unchanged"):
        click.echo(f"{action}: {outcome.count(action)}")
    if dry_run:
        click.echo("Dry run: nothing was written.")


@export_group.command("annex")
@click.option("--document", "number", required=True, help='Number and symbol, e.g. "59/KH-UBND".')
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_annex_command(number: str, file: Path) -> None:
    """Write a document's items in the annex template's layout."""
    from tracker.annex.exporting import annex_of
    from tracker.documents.actions import find_document

    document = find_document(number)
    if document is None:
        raise click.ClickException(f"No document has the number {number}.")
    file.write_bytes(annex_of(document))
    click.echo(f"{file}: the items of {document.number}.")
