"""The office enters items and sub-items and (re)assigns them. Reassigning is an action on
an item like the workflow's, declared once (`ASSIGN`, `REASSIGN`) and made into its page by
`html_view` (and, for `REASSIGN`, into the API's endpoint)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker.assignments import actions as assignments
from tracker.assignments import recurrence
from tracker.assignments.forms import (
    AssignmentForm,
    NewItemForm,
    ReassignForm,
    RecurrenceForm,
)
from tracker.item_actions import (
    ItemActionSpec,
    form_status,
    guard,
    html_view,
    item_or_404,
    item_pages,
    refused,
)
from tracker.permissions import ItemAction, manages_plan
from tracker.refusals import ServiceError

bp = item_pages("assignments", __name__)

ASSIGN = ItemActionSpec(
    name="edit",
    summary="Change the lead agency, coordinating agencies, responsible person or deadline.",
    form=AssignmentForm,
    permission=ItemAction.ASSIGN,
    use_case=assignments.update_assignment,
    arguments=lambda form: (form.version.data, form.assignment()),
    success=_l("Assignment saved."),
    template="assignments/edit.html",
    page_url="/<int:item_id>/assignment",
    initial=lambda item: {
        "version": item.version,
        "lead_agency_id": item.lead_agency_id,
        "coordinating_agency_ids": [a.id for a in item.coordinating_agencies],
        "responsible_id": item.responsible_id,
        "deadline": item.deadline,
        "is_key": item.is_key,
        "is_urgent": item.is_urgent,
        "not_public": not item.is_public,
    },
)

REASSIGN = ItemActionSpec(
    name="reassign",
    summary="Give the item to another agency from a given day, saying why.",
    form=ReassignForm,
    permission=ItemAction.ASSIGN,
    use_case=assignments.reassign,
    arguments=lambda form: (form.version.data, form.reassignment()),
    success=_l("Item reassigned."),
    template="assignments/reassign.html",
    page_url="/<int:item_id>/reassign",
    api_url="/items/<int:item_id>/reassign",
    initial=lambda item: {"version": item.version, "deadline": item.deadline},
)

RECUR = ItemActionSpec(
    name="recurrence",
    summary="Make the item a recurring duty, change how it recurs, or end its recurrence.",
    form=RecurrenceForm,
    permission=ItemAction.ASSIGN,
    use_case=recurrence.set_recurrence,
    arguments=lambda form: (form.version.data, form.recurrence()),
    success=_l("Recurrence saved: the scheduler makes its occurrences ahead of time."),
    template="assignments/recurrence.html",
    page_url="/<int:item_id>/recurrence",
    initial=lambda item: {
        "version": item.version,
        "every": item.recurrence or "",
        "day": item.recur_day or 15,
        "month": item.recur_month or 1,
        "rule": item.recur_rule or "before",
        "until": item.recur_until,
    },
)


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


html_view(bp, ASSIGN)
html_view(bp, REASSIGN)
html_view(bp, RECUR)

ACTIONS = (REASSIGN,)
