"""`flask users`: create accounts, reset passwords, issue API tokens."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, Role, User


def _user_or_fail(email: str) -> User:
    from tracker.accounts.actions import find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No user with email {email}.")
    return user


@click.group(cls=AppGroup)
def users() -> None:
    """Manage user accounts."""


@users.command()
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--agency", "agency_code", help="Agency code (required for head and officer).")
@click.password_option()
def create(email: str, name: str, role: str, agency_code: str | None, password: str) -> None:
    """Create an account."""
    from tracker.accounts.actions import find_user

    if find_user(email) is not None:
        raise click.ClickException(f"A user with email {email} already exists.")
    agency = None
    if agency_code:
        agency = db.session.scalar(select(Agency).where(Agency.code == agency_code))
        if agency is None:
            raise click.ClickException(f"Unknown agency code {agency_code}.")
    if role in ("head", "officer") and agency is None:
        raise click.ClickException("A head or officer needs --agency.")
    user = User(email=email.strip().lower(), name=name, role=role, agency=agency)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {user.email} ({role}).")


@users.command("create-admin")
@click.argument("email")
@click.option("--name", default="Quản trị hệ thống", show_default=True)
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create the first administrator; everything else is then done in the browser."""
    from tracker.accounts.actions import find_user
    from tracker.passwords.rules import password_problems

    if find_user(email) is not None:
        raise click.ClickException(f"A user with email {email} already exists.")
    if problems := password_problems(password, email):
        raise click.ClickException(" ".join(problems))
    user = User(email=email.strip().lower(), name=name, role=Role.ADMIN)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created the administrator {user.email}. Sign in at /login.")


@users.command()
@click.argument("email")
def token(email: str) -> None:
    """Print a new API bearer token for the user (the previous one stops working)."""
    from tracker.accounts.login import new_api_token

    user = _user_or_fail(email)
    value = new_api_token(user)
    db.session.commit()
    click.echo(value)
