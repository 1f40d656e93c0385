"""An action on an item declared once, and the page made from it.

`ItemActionSpec` names what an action is: its form, its permission, the use case it calls
and how the form's data becomes that use case's arguments, what is said when it worked, and
its page. `html_view` makes the page from it; the JSON API makes its endpoint from the same
declaration (`tracker.api.writes`), so the page and the API cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from tracker.access import load_item, require
from tracker.database import db
from tracker.models import WorkItem
from tracker.permissions import ItemAction
from tracker.refusals import NotFound, ServiceError, StaleItem


def item_pages(name: str, import_name: str) -> Blueprint:
    """A blueprint of pages about items (under /items), all for signed-in users only."""
    bp = Blueprint(name, import_name, url_prefix="/items")
    bp.before_request(login_required(_signed_in))
    return bp


def _signed_in() -> None:
    """Every page about an item needs a signed-in user."""


def versioned(item: WorkItem) -> dict:
    """A fresh form carries the version of the item it is opened on."""
    return {"version": item.version}


def blank(item: WorkItem) -> dict:
    """A form that starts empty."""
    return {}


def no_context(item: WorkItem, **url_values) -> dict:
    """The page needs nothing but the item and the form."""
    return {}


class FormPage:
    """The action's own page: its form, shown again with what was refused."""

    def show(self, spec: ItemActionSpec, form, item: WorkItem, context: dict, status: int):
        page = render_template(spec.template, form=form, item=item, **context)
        return page, status

    def refused(self, spec: ItemActionSpec, error: ServiceError, form, item, context: dict):
        return refused(error, spec.template, form, item=item, **context)


@dataclass(frozen=True)
class ItemActionSpec:
    """One thing a user does on an item: the page and the API endpoint are made from it."""

    name: str  #: the endpoint's name, on the feature's blueprint and on the API's
    summary: str  #: the views' docstring
    form: type[FlaskForm]
    permission: ItemAction
    #: called as use_case(user, item_id, *arguments(form, **other URL values))
    use_case: Callable[..., Any]
    arguments: Callable[..., tuple]
    #: the flash message, or a function of the valid form giving it
    success: Any
    template: str
    page_url: str
    page_methods: tuple[str, ...] = ("GET", "POST")
    api_url: str | None = None  #: None: the API does not offer the action
    created: bool = False  #: the API answers 201 rather than 200
    initial: Callable[[WorkItem], dict] = versioned
    #: what the item's state must allow beyond the permission (raises a ServiceError)
    precondition: Callable[[WorkItem], None] | None = None
    context: Callable[..., dict] = no_context
    anchor: str | None = None  #: where on the item's page to land afterwards
    #: what to warn of after it worked (e.g. a mention that told nobody), from its result
    warning: Callable[[Any], str | None] | None = None
    page: FormPage = field(default_factory=FormPage)

    def success_message(self, form) -> str:
        return self.success(form) if callable(self.success) else str(self.success)

    def warning_of(self, result: Any) -> str | None:
        return self.warning(result) if self.warning is not None else None

    def perform(self, user, form, item_id: int, **url_values) -> Any:
        """Call the use case with the valid form's data."""
        return self.use_case(user, item_id, *self.arguments(form, **url_values))


def html_view(bp: Blueprint, spec: ItemActionSpec) -> None:
    """Register the action's page: the form, and on a valid post the use case."""

    def view(item_id: int, **url_values):
        item = item_or_404(item_id)
        context = spec.context(item, **url_values)
        form = spec.form(**spec.initial(item))
        if form.validate_on_submit():
            try:
                result = spec.perform(current_user, form, item.id, **url_values)
            except ServiceError as error:
                return spec.page.refused(spec, error, form, item, context)
            if warning := spec.warning_of(result):
                flash(warning, "warning")
            return back_to_item(item.id, spec.success_message(form), part=spec.anchor)
        guard(item, spec.permission, spec.precondition)
        return spec.page.show(spec, form, item, context, form_status(form))

    view.__name__, view.__doc__ = spec.name, spec.summary
    bp.add_url_rule(spec.page_url, spec.name, view, methods=list(spec.page_methods))


def item_or_404(item_id: int) -> WorkItem:
    """The item the signed-in user may see, or a 404 page (missing and hidden look alike)."""
    try:
        return load_item(current_user, item_id)
    except NotFound as error:
        abort(404, description=error.message)


def guard(item: WorkItem, action: ItemAction, precondition=None) -> None:
    """Before showing a form: 403 if not the user's to do, 409 if the status forbids it now."""
    try:
        require(current_user, item, action)
        if precondition is not None:
            precondition(item)
    except ServiceError as error:
        abort(error.status, description=error.message)


def refused(error: ServiceError, template: str, form, **context):
    """Show the form again with what was refused and why; nothing was written.

    Field errors go beside their fields; anything else is said at the top of the page.
    403 and 404 get the error page: there is no form the user could correct.
    """
    db.session.rollback()
    if error.status in (403, 404):
        abort(error.status, description=error.message)
    if isinstance(error, StaleItem) and context.get("item") is not None:
        return _changed_meanwhile(template, form, **context)
    placed = False
    for name, messages in error.errors.items():
        target = getattr(form, name, None)
        if target is not None:
            target.errors = [*target.errors, *messages]
            placed = True
    if not placed:
        flash(error.message, "danger")
    return render_template(template, form=form, **context), error.status


def _changed_meanwhile(template: str, form, **context):
    """Someone changed the item since the form was opened: show the form again, what was
    typed kept, now carrying the item's current version. Sending it again, knowingly, saves
    it; with the old version it could never be saved, and reloading would lose the typing."""
    item = context["item"]
    db.session.refresh(item)
    form.version.raw_data, form.version.data = None, item.version
    flash(
        _(
            "Someone else changed this item after you opened this page (see its history). "
            "What you entered is kept: check it, then send it again to save it."
        ),
        "warning",
    )
    return render_template(template, form=form, **context), 409


def form_status(form) -> int:
    """200 for a fresh form, 400 for one sent back with errors."""
    return 400 if form.is_submitted() else 200


def back_to_item(item_id: int, message: str, part: str | None = None):
    """Say it worked and go back to the item's page (at `part` of it, e.g. its comments)."""
    flash(message, "success")
    return redirect(url_for("items.show", item_id=item_id, _anchor=part))
