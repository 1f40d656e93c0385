"""Tracker: follow the targets and tasks of a provincial plan from assignment to confirmation."""

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from threading import RLock

import click
from flask import Flask
from werkzeug.routing import Map

from tracker.config import Config


def create_app(config: dict | None = None) -> Flask:
    """Build the application: defaults, overrides, extensions, blueprints, CLI."""
    app = Tracker(
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
        app.built_by_command = click.get_current_context(silent=True) is not None
        if app.built_by_command:  # `flask --app tracker …`: see Tracker
            web.init_app(app, pages=False)
            app.register_pages_when_asked(web.register_pages)
        else:
            web.init_app(app)
        cli.init_app(app)
        scheduler.init_app(app)
    return app


class Tracker(Flask):
    """The application. Built by a command, it registers its pages only when something first
    reads `url_map`: a request, `url_for`, `flask routes` (a mail's links need only the pages
    they link to: `link_map`). The sweep serves no page, and importing every page's module,
    compiling the URL rules and the pages' template helpers took 0.1 s of its start; a web
    worker or a test's application registers them at once."""

    #: Built by the command line (`flask --app tracker …`), not by a WSGI server or a test.
    built_by_command = False
    _register_pages: Callable[[Flask], None] | None = None  #: until the pages are registered
    _links: Map | None = None

    @property
    def url_map(self) -> Map:
        if self._register_pages is not None:
            self._pages_now()
        return self._url_map

    @url_map.setter
    def url_map(self, value: Map) -> None:
        self._url_map = value

    @property
    def link_map(self) -> Map:
        """The map a mail's links are built from: the application's, or while a command's
        pages wait, that of the pages mails link to alone (`tracker.web.links`)."""
        if self._register_pages is None:
            return self.url_map
        if self._links is None:
            from tracker.web.links import linked_map

            self._links = linked_map(self.import_name)
        return self._links

    def register_pages_when_asked(self, register: Callable[[Flask], None]) -> None:
        self._pages_lock = RLock()
        self._registering = False
        self._register_pages = register

    def _pages_now(self) -> None:
        # Another thread asking meanwhile (a development server's, the in-process scheduler's)
        # waits for the whole map; this one reads url_map as each rule is added.
        with self._pages_lock:
            if self._register_pages is None or self._registering:
                return
            self._registering = True
            try:
                with _frozen_when_done():
                    self._register_pages(self)
            finally:
                self._register_pages, self._registering = None, False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The process's first start-up without the cycle collector. Importing the application
    builds the models, the forms, the statements and the URL rules: a heap that only grows, and
    that the collector walked again and again while nothing in it could be freed. It lives as
    long as the process, so it is then frozen out of the collector's way, during the run and in
    its passes at exit, and forked workers share its pages: a command starts about 0.15 s sooner
    and exits 0.4 s sooner (bench/startup.py times the whole). A later application in the same
    process (the test suite builds one per test) imports nothing and is collected as usual."""
    if "tracker.web" in sys.modules:
        yield
        return
    with _frozen_when_done():
        yield


@contextmanager
def _frozen_when_done() -> Iterator[None]:
    """Collect nothing while the block loads code for the rest of the process, then freeze
    what it built out of the collector's way (the start-up's imports, the pages' modules)."""
    if not gc.isenabled():
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
