"""A process's start-up: its first application imports the code with the cycle collector
paused, then freezes that heap out of the collector's way; later applications in the same
process leave the collector alone; compiled templates are shared by every application of a
process and follow an edit of their source (tracker/__init__.py, tracker.web.templating)."""

from __future__ import annotations

import gc
import subprocess
import sys

from jinja2 import DictLoader, Environment

from tests.conftest import base_config
from tracker import create_app
from tracker.web.templating import COMPILED, CompiledTemplates

FIRST_APP = """
import gc
from tracker import create_app
before = gc.get_freeze_count()
create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
print(before, gc.get_freeze_count(), gc.isenabled())
"""


def test_the_first_application_freezes_what_importing_built():
    shown = subprocess.run(
        [sys.executable, "-c", FIRST_APP], capture_output=True, text=True, check=True
    ).stdout.split()
    before, after, enabled = int(shown[0]), int(shown[1]), shown[2]
    assert before == 0 and after > 100_000 and enabled == "True"


def test_a_later_application_leaves_the_collector_alone(database_url):
    frozen = gc.get_freeze_count()
    create_app(base_config(database_url))
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_a_second_application_renders_without_compiling_again(app, client, monkeypatch):
    assert client.get("/login").status_code == 200
    compiled: list[str] = []
    monkeypatch.setattr(COMPILED, "dump_bytecode", lambda bucket: compiled.append(bucket.key))
    other = create_app(base_config(app.config["SQLALCHEMY_DATABASE_URI"]))
    assert other.jinja_env.bytecode_cache is COMPILED
    page = other.test_client().get("/login")
    assert page.status_code == 200 and "Đăng nhập" in page.text
    assert compiled == []  # the sign-in page and the templates it extends were loaded


def test_an_edited_template_compiles_anew():
    sources = {"page.html": "Xin chào {{ name }}"}
    compiled = CompiledTemplates()

    def render() -> str:
        environment = Environment(loader=DictLoader(sources), bytecode_cache=compiled)
        return environment.get_template("page.html").render(name="Sở Y tế")

    assert render() == "Xin chào Sở Y tế"
    sources["page.html"] = "Kính gửi {{ name }}"
    assert render() == "Kính gửi Sở Y tế"
