"""What the lead agency does on an item: progress, submission, refusal; comments by everyone
involved; evidence downloads. Each action is declared once: its page is made here, its API
endpoint in `tracker.api.writes`."""

from flask import abort, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.evidence import files as uploads
from tracker.item_actions import ItemActionSpec, blank, html_view, item_or_404, item_pages
from tracker.items.record import attachment_of
from tracker.permissions import ItemAction
from tracker.workflow import actions as workflow
from tracker.workflow import comments
from tracker.workflow.forms import (
    CommentForm,
    DeleteCommentForm,
    ProgressForm,
    ReasonForm,
    SubmitForm,
)

bp = item_pages("workflow", __name__)

PROGRESS = ItemActionSpec(
    name="progress",
    summary="Record progress: percentage, report, evidence, the report document's number and date.",
    form=ProgressForm,
    permission=ItemAction.PROGRESS,
    use_case=workflow.record_progress,
    arguments=lambda form: (form.version.data, form.report(form.progress.data)),
    success=_l("Progress recorded."),
    template="workflow/progress.html",
    page_url="/<int:item_id>/progress",
    api_url="/items/<int:item_id>/progress",
    initial=lambda item: {"version": item.version, "progress": item.progress},
)
SUBMIT = ItemActionSpec(
    name="submit",
    summary="Submit the item as done, with the report on its result and the evidence.",
    form=SubmitForm,
    permission=ItemAction.SUBMIT,
    use_case=workflow.submit,
    arguments=lambda form: (form.version.data, form.report()),
    success=_l("Submitted as done; the provincial office will confirm it."),
    template="workflow/submit.html",
    page_url="/<int:item_id>/submit",
    api_url="/items/<int:item_id>/submit",
)
REFUSE = ItemActionSpec(
    name="refuse",
    summary="Refuse an item wrongly assigned to the agency, with the reason.",
    form=ReasonForm,
    permission=ItemAction.REFUSE,
    use_case=workflow.refuse,
    arguments=ReasonForm.arguments,
    success=_l("Refused; the provincial office will reassign the item."),
    template="workflow/refuse.html",
    page_url="/<int:item_id>/refuse",
)
COMMENT = ItemActionSpec(
    name="comment",
    summary="Comment on the item (lead agency, coordinating agencies, the office).",
    form=CommentForm,
    permission=ItemAction.COMMENT,
    use_case=comments.add_comment,
    arguments=lambda form: (form.body.data,),
    success=_l("Comment added."),
    template="workflow/comment.html",
    page_url="/<int:item_id>/comments",
    api_url="/items/<int:item_id>/comments",
    created=True,
    initial=blank,
    anchor="comments",
    warning=comments.unreached_warning,
)
EDIT_COMMENT = ItemActionSpec(
    name="edit_comment",
    summary="Edit one's own comment within 15 minutes; the history keeps the original.",
    form=CommentForm,
    permission=ItemAction.COMMENT,
    use_case=comments.edit_comment,
    arguments=lambda form, comment_id: (comment_id, form.body.data),
    success=_l("Comment changed; the history keeps what it said before."),
    template="workflow/edit_comment.html",
    page_url="/<int:item_id>/comments/<int:comment_id>",
    initial=blank,
    context=lambda item, comment_id: {"comment": comments.own_comment(item, comment_id)},
    anchor="comments",
)
DELETE_COMMENT = ItemActionSpec(
    name="delete_comment",
    summary="Delete one's own comment within 15 minutes; the history keeps it.",
    form=DeleteCommentForm,
    permission=ItemAction.COMMENT,
    use_case=comments.delete_comment,
    arguments=lambda form, comment_id: (comment_id,),
    success=_l("Comment deleted; the history keeps it."),
    template="workflow/edit_comment.html",
    page_url="/<int:item_id>/comments/<int:comment_id>/delete",
    page_methods=("POST",),
    initial=blank,
    context=lambda item, comment_id: {"comment": comments.own_comment(item, comment_id)},
    anchor="comments",
)
ACTIONS = (PROGRESS, SUBMIT, REFUSE, COMMENT)
COMMENT_EDITS = (EDIT_COMMENT, DELETE_COMMENT)


for spec in (*ACTIONS, *COMMENT_EDITS):
    html_view(bp, spec)


@bp.get("/<int:item_id>/files/<int:attachment_id>")
def attachment(item_id: int, attachment_id: int):
    """Download an evidence file, under the name it was uploaded with."""
    item = item_or_404(item_id)
    found = attachment_of(item, attachment_id)
    if found is None or not uploads.path_of(found).is_file():
        abort(404, description=_("There is no such file on this item."))
    response = send_file(
        uploads.path_of(found),
        mimetype=found.content_type,
        as_attachment=True,
        download_name=found.filename,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
