"""`flask agencies`: add agencies and carry work across reorganisations."""

from datetime import date

import click
from flask.cli import AppGroup
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency
from tracker.models.org import AgencyKind


@click.group(cls=AppGroup)
def agencies() -> None:
    """Manage agencies."""


@agencies.command()
@click.argument("code")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.value for k in AgencyKind]), default="department")
@click.option("--short-name", default=None)
def create(code: str, name: str, kind: str, short_name: str | None) -> None:
    """Add an agency, e.g. one formed by a merger."""
    if db.session.scalar(select(Agency.id).where(Agency.code == code)):
        raise click.ClickException(f"Agency {code} already exists.")
    db.session.add(Agency(code=code, name=name, kind=kind, short_name=short_name))
    db.session.commit()
    click.echo(f"Created {code}: {name}.")


@agencies.command()
@click.argument("old_code")
@click.option("--into", "successor_code", required=True, help="Code of the successor agency.")
@click.option(
    "--on",
    "effective_on",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Date the merger takes effect (default: today).",
)
def merge(old_code: str, successor_code: str, effective_on) -> None:
    """Merge an agency into its successor: open items and people move, history records it."""
    from tracker.agencies.reorganisation import ReorganisationError, merge_agency
    from tracker.clock import local_today

    day: date = effective_on.date() if effective_on else local_today()
    try:
        report = merge_agency(old_code, successor_code, day)
    except ReorganisationError as error:
        raise click.ClickException(str(error)) from error
    for what, count in sorted(report.items()):
        click.echo(f"{what}: {count}")
    click.echo(f"{old_code} is now inactive; its successor is {successor_code}.")
