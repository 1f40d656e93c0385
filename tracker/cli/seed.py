"""`flask seed`: load the plan (and demo accounts), or bulk synthetic data."""

from collections import Counter

import click
from flask.cli import AppGroup, with_appcontext

from tracker.clock import local_today


def _print_report(report: Counter[str]) -> None:
    if not report:
        click.echo("Nothing changed.")
    for what, count in sorted(report.items()):
        click.echo(f"{what}: {count}")


@click.group(cls=AppGroup, invoke_without_command=True)
@click.option("--demo", is_flag=True, help="Also create the demo accounts and a demo history.")
@click.pass_context
@with_appcontext
def seed(ctx: click.Context, demo: bool) -> None:
    """Load the plan from seed/, then what became of its agencies in 2025 (idempotent:
    re-running changes nothing)."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.seeding.plan import load_plan

    report = load_plan()
    if demo:
        from tracker.seeding.demo import load_demo

        report += load_demo(local_today())  # the 2025 events after the demo history
    else:
        from tracker.seeding.reorganisation import load_reorganisation

        report += load_reorganisation(None, local_today())
    if report:
        from tracker.seeding.statistics import analyze

        analyze()  # a first load turns empty tables into full ones: plan for what is there now
    _print_report(report)


@seed.command()
@click.option("--items", type=click.IntRange(1, 5_000_000), required=True)
@click.option(
    "--users",
    type=click.IntRange(0, 1_000_000),
    default=None,
    help="Focal officers to create (default: items / 50).",
)
def synthetic(items: int, users: int | None) -> None:
    """Bulk-generate items and users for benchmarks (loads the plan first if needed)."""
    from tracker.seeding.plan import load_plan
    from tracker.seeding.synthetic import load_synthetic

    load_plan()
    _print_report(load_synthetic(items, items // 50 if users is None else users, local_today()))
