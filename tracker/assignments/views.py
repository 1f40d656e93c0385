"""The office enters items and sub-items and (re)assigns them."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.assignments import actions as assignments
from tracker.assignments.forms import AssignmentForm, NewItemForm
from tracker.permissions import ItemAction, manages_plan
from tracker.refusals import ServiceError
from tracker.workflow.common import form_status, guard, item_or_404, refused

bp = Blueprint("assignments", __name__, url_prefix="/items")


@bp.before_request
@login_required
def require_login():
    """Every page here needs a signed-in user."""


def _created(item):
    flash(_("Item %(code)s created.", code=item.code), "success")
    return redirect(url_for("items.show", item_id=item.id))


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Enter a new item of the plan and assign it."""
    if not manages_plan(current_user):
        abort(403, description=_("Only the provincial office enters items."))
    form = NewItemForm()
    if form.validate_on_submit():
        try:
            item = assignments.create_item(current_user, form.new_item())
        except ServiceError as error:
            return refused(error, "assignments/new.html", form, parent=None)
        return _created(item)
    return render_template("assignments/new.html", form=form, parent=None), form_status(form)


@bp.route("/<int:item_id>/subitems/new", methods=["GET", "POST"])
def create_subitem(item_id: int):
    """Enter a sub-item under an item; it starts with the parent's group and sector."""
    parent = item_or_404(item_id)
    form = NewItemForm(
        kind=parent.kind if parent.kind == "task" else "task",
        lead_agency_id=parent.lead_agency_id,
        deadline=parent.deadline,
        code=f"{parent.code}-",
    )
    if form.validate_on_submit():
        try:
            item = assignments.create_item(current_user, form.new_item(), parent.id)
        except ServiceError as error:
            return refused(error, "assignments/new.html", form, parent=parent)
        return _created(item)
    guard(parent, ItemAction.ADD_SUBITEM)
    return render_template("assignments/new.html", form=form, parent=parent), form_status(form)


@bp.route("/<int:item_id>/assignment", methods=["GET", "POST"])
def edit(item_id: int):
    """Change the lead agency, coordinating agencies, responsible person or deadline."""
    item = item_or_404(item_id)
    form = AssignmentForm(
        version=item.version,
        lead_agency_id=item.lead_agency_id,
        coordinating_agency_ids=[a.id for a in item.coordinating_agencies],
        responsible_id=item.responsible_id,
        deadline=item.deadline,
    )
    if form.validate_on_submit():
        try:
            assignments.update_assignment(
                current_user, item.id, form.version.data, form.assignment()
            )
        except ServiceError as error:
            return refused(error, "assignments/edit.html", form, item=item)
        flash(_("Assignment saved."), "success")
        return redirect(url_for("items.show", item_id=item.id))
    guard(item, ItemAction.ASSIGN)
    return render_template("assignments/edit.html", form=form, item=item), form_status(form)
