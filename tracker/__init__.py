"""Tracker: follow the targets and tasks of a provincial plan from assignment to confirmation."""

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask

from tracker.config import Config


def create_app(config: dict | None = None) -> Flask:
    """Build the application: defaults, overrides, extensions, blueprints, CLI."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(Path(__file__).resolve().parent.parent / "templates"),
    )
    app.config.from_object(Config)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("TRACKER")
    if config:
        app.config.update(config)
    _finish_config(app)

    with _collector_paused():
        # Imported here, not at the top: importing any tracker module (a pure rule, a model) runs
        # this package first, and must not load the web application with it.
        import tracker.models  # noqa: F401  (registers every table on db.metadata)
        from tracker import cli, database, i18n, scheduler, security, web
        from tracker.accounts import login
        from tracker.audit import trail
        from tracker.outbox import mail
        from tracker.reports import cache as figures_cache
        from tracker.web import templating

        templating.keep_compiled(app)
        security.use_row_ids(app)
        security.protect_responses(app)  # before trust_proxies, which must wrap it
        security.trust_proxies(app)
        database.init_app(app)
        login.init_app(app)
        trail.init_app(app)
        figures_cache.init_app(app)
        i18n.init_app(app)
        mail.init_app(app)
        web.init_app(app)
        cli.init_app(app)
        scheduler.init_app(app)
    return app


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The process's first start-up without the cycle collector. Importing the application
    builds the models, the forms, the statements and the URL rules: a heap that only grows, and
    that the collector walked again and again while nothing in it could be freed. It lives as
    long as the process, so it is then frozen out of the collector's way, during the run and in
    its passes at exit, and forked workers share its pages: a command starts about 0.15 s sooner
    and exits 0.4 s sooner (bench/startup.py times the whole). A later application in the same
    process (the test suite builds one per test) imports nothing and is collected as usual."""
    if "tracker.web" in sys.modules or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _finish_config(app: Flask) -> None:
    """Derive settings that depend on others (the database URL, the instance folder)."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if app.config.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    if app.config.get("REPORTS_DATABASE_URL"):  # a read replica (docs/deployment.md)
        binds = app.config.get("SQLALCHEMY_BINDS") or {}
        app.config["SQLALCHEMY_BINDS"] = {**binds, "reports": app.config["REPORTS_DATABASE_URL"]}
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        db_path = Path(app.instance_path) / "tracker.sqlite"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_path}"
