"""The domain stays pure: no Flask, no SQLAlchemy, nothing from the app outside tracker.domain."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "tracker" / "domain"


def _module_package(path: Path) -> list[str]:
    """The package a module's relative imports start from, e.g. ["tracker", "domain"]."""
    # Both tracker/domain/x.py and tracker/domain/__init__.py resolve "." to tracker.domain.
    return list(path.relative_to(DOMAIN.parent.parent).parts[:-1])


def _imported(tree: ast.AST, package: list[str]) -> Iterator[str]:
    """Absolute names of everything a module imports, relative imports resolved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1]
            module = [*base, *(node.module.split(".") if node.module else [])]
            yield from (".".join([*module, alias.name]) for alias in node.names)


def _forbidden(name: str) -> bool:
    """Web framework, ORM, or the application outside the domain."""
    top = name.split(".")[0]
    if top == "flask" or top.startswith("flask_") or top == "sqlalchemy":
        return True
    return top == "tracker" and not (name == "tracker.domain" or name.startswith("tracker.domain."))


def _violations(source: str, package: list[str]) -> list[str]:
    return [name for name in _imported(ast.parse(source), package) if _forbidden(name)]


MODULES = sorted(DOMAIN.rglob("*.py"))


def test_the_domain_has_modules() -> None:
    assert {"__init__.py", "workdays.py", "standing.py"} <= {path.name for path in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_domain_module_is_pure(path: Path) -> None:
    assert _violations(path.read_text(encoding="utf-8"), _module_package(path)) == []


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ("import flask", True),
        ("from flask import current_app", True),
        ("import flask_login", True),
        ("from flask_sqlalchemy import SQLAlchemy", True),
        ("import sqlalchemy.orm", True),
        ("from sqlalchemy import select", True),
        ("from tracker import models", True),
        ("import tracker.clock", True),
        ("from tracker.services.items import x", True),
        ("from .. import models", True),
        ("from ..clock import local_today", True),
        ("def f():\n    import flask", True),
        ("from tracker.domain.calendar import WorkCalendar", False),
        ("from .calendar import WorkCalendar", False),
        ("from . import standing", False),
        ("import holidays", False),
        ("from datetime import date", False),
        ("import flaskish", False),
        ("import trackerlib", False),
    ],
)
def test_the_check_itself(source: str, bad: bool) -> None:
    assert bool(_violations(source, ["tracker", "domain"])) is bad
