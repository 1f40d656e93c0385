"""Command-line interface: one click group per noun (`flask --app tracker seed|users …`)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from tracker.cli.agencies import agencies
    from tracker.cli.annex import export_group, import_group
    from tracker.cli.reminders import reminders
    from tracker.cli.scheduler import scheduler
    from tracker.cli.seed import seed
    from tracker.cli.users import users

    app.cli.add_command(agencies)
    app.cli.add_command(seed)
    app.cli.add_command(users)
    app.cli.add_command(reminders)
    app.cli.add_command(scheduler)
    app.cli.add_command(import_group)
    app.cli.add_command(export_group)
