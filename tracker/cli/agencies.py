"""`flask agencies`: add agencies and record reorganisations as dated events.

`merge`, `split`, `rename`, `dissolve` and `reparent` take `--on YYYY-MM-DD` (default today)
and `--dry-run` (say what would move, write nothing); they call the same use case as the
office's pages (tracker.reorganisation).
"""

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


ON = click.option(
    "--on", "effective_on", type=click.DateTime(["%Y-%m-%d"]), default=None,
    help="The day the event takes effect (default: today).",
)  # fmt: skip
DRY_RUN = click.option("--dry-run", is_flag=True, help="Say what would move; write nothing.")
NOTE = click.option("--note", default="", help="The deciding document, e.g. 12/QĐ-UBND.")
PEOPLE = click.option(
    "--people", type=click.Choice(["move", "deactivate"]), default="move",
    help="Move the predecessor's people to the (first) successor, or deactivate them.",
)  # fmt: skip
PLACING = [
    click.option("--sector", "by_sector", multiple=True, metavar="SECTOR=CODE",
                 help="Open items of this sector go to this successor."),
    click.option("--item", "by_item", multiple=True, metavar="ITEM=CODE",
                 help="This open item goes to this successor."),
    click.option("--others", "others_to", default=None,
                 help="Every open item not placed otherwise goes to this successor."),
]  # fmt: skip


def placing(command):
    for option in reversed(PLACING):
        command = option(command)
    return command


def _pairs(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        key, sep, code = value.partition("=")
        if not sep or not key or not code:
            raise click.BadParameter(f"{value}: write KEY=CODE")
        pairs.append((key.strip(), code.strip()))
    return tuple(pairs)


def _run(dry_run: bool, effective_on, **fields) -> None:
    from tracker.clock import local_today
    from tracker.refusals import ServiceError
    from tracker.reorganisation.apply import apply_event
    from tracker.reorganisation.events import EventRequest, plan_event

    today = local_today()
    on: date = effective_on.date() if effective_on else today
    request = EventRequest(on=on, **fields)
    try:
        plan = plan_event(request, today) if dry_run else apply_event(request, None, today)
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    for agency in plan.successors:
        moved = plan.moves_to(agency.code)
        led = sum(1 for move in moved if move.as_lead)
        click.echo(f"{agency.code}: {led} open items led, {len(moved) - led} coordinated")
    if plan.people:
        where = plan.people_to.code if plan.people_to else "deactivated"
        click.echo(f"people: {len(plan.people)} → {where}")
    click.echo("dry run: nothing written." if dry_run else f"{request.kind} recorded from {on}.")


@agencies.command()
@click.argument("old_codes", nargs=-1, required=True)
@click.option("--into", "successor", required=True, help="Code of the successor agency.")
@ON
@DRY_RUN
@NOTE
@PEOPLE
def merge(old_codes, successor, effective_on, dry_run, note, people) -> None:
    """Merge agencies into one: their open items and people move from the day."""
    _run(dry_run, effective_on, kind="merge", predecessors=tuple(old_codes),
         successors=(successor,), note=note, people=people)  # fmt: skip


@agencies.command()
@click.argument("old_code")
@click.option("--into", "successors", multiple=True, required=True, help="A successor's code.")
@placing
@ON
@DRY_RUN
@NOTE
@PEOPLE
@click.option("--people-to", default=None, help="The successor the people join.")
def split(old_code, successors, by_sector, by_item, others_to, effective_on, dry_run, note,
          people, people_to) -> None:  # fmt: skip
    """Divide an agency: each open item goes to the successor chosen for it or its sector."""
    _run(dry_run, effective_on, kind="split", predecessors=(old_code,),
         successors=tuple(successors), by_sector=_pairs(by_sector), by_item=_pairs(by_item),
         others_to=others_to, note=note, people=people, people_to=people_to)  # fmt: skip


@agencies.command()
@click.argument("old_code")
@click.option("--into", "successors", multiple=True, required=True, help="A successor's code.")
@placing
@ON
@DRY_RUN
@NOTE
@PEOPLE
def dissolve(old_code, successors, by_sector, by_item, others_to, effective_on, dry_run, note,
             people) -> None:  # fmt: skip
    """Dissolve an agency: its open items go to the named successors."""
    _run(dry_run, effective_on, kind="dissolve", predecessors=(old_code,),
         successors=tuple(successors), by_sector=_pairs(by_sector), by_item=_pairs(by_item),
         others_to=others_to, note=note, people=people)  # fmt: skip


@agencies.command()
@click.argument("code")
@click.option("--name", "new_name", required=True, help="The new name.")
@ON
@DRY_RUN
@NOTE
def rename(code, new_name, effective_on, dry_run, note) -> None:
    """Rename an agency from a day; its work and people stay."""
    _run(dry_run, effective_on, kind="rename", predecessors=(code,), new_name=new_name,
         note=note)  # fmt: skip


@agencies.command()
@click.argument("code")
@click.option("--parent", "new_parent", required=True, help="The new parent's code.")
@ON
@DRY_RUN
@NOTE
def reparent(code, new_parent, effective_on, dry_run, note) -> None:
    """Put an agency under another parent from a day (e.g. a province merger)."""
    _run(dry_run, effective_on, kind="reparent", predecessors=(code,), new_parent=new_parent,
         note=note)  # fmt: skip
