"""The OpenAPI paths of /api/v1's write endpoints: a JSON object, or a multipart form when
evidence files come along."""

from tracker.api.openapi_schemas import AMOUNT, DAY, json_ref, text
from tracker.forms import TEXT_LIMIT
from tracker.workflow.comments import MAX_COMMENT_CHARS

VERSION = {
    "type": "integer",
    "description": "The item's `version` as last read; a stale one is refused with 409.",
}
TEXT = text(TEXT_LIMIT)
REQUIRED_TEXT = text(TEXT_LIMIT, 1)
REASON = text(2000, 1)
NOTE = text(2000)
FILES = {
    "type": "array",
    "items": {"type": "string", "format": "binary"},
    "description": "Evidence: PDF, DOCX, XLSX, DOC, XLS, PNG or JPEG, checked by content; "
    "at most 10 files, 20 MB each (MAX_UPLOAD_BYTES) and 60 MB in all (MAX_CONTENT_LENGTH).",
}
DOCUMENT = {
    "document_number": {**text(60), "description": "e.g. 125/BC-SYT"},
    "document_date": DAY,
}


def _body(properties: dict, required: list[str], files: bool = False) -> dict:
    schema = {"type": "object", "properties": properties, "required": required}
    content = {"application/json": {"schema": schema}}
    if files:
        content["multipart/form-data"] = {
            "schema": {**schema, "properties": {**properties, "files": FILES}}
        }
    return {"required": True, "content": content}


def _write(summary: str, body: dict, created: bool = False) -> dict:
    ok = {"description": "The item after the change", "content": json_ref("Item")}
    errors = {
        "400": "Invalid body: `errors` says which fields",
        "401": "Not signed in",
        "403": "The user's role or agency does not allow this",
        "404": "No such item (or not visible to the user)",
        "409": "The item changed since `version`, or its status does not allow this now",
        "413": "A file or the request is too large",
    }
    responses = {"201" if created else "200": ok}
    responses.update(
        {code: {"description": text, "content": json_ref("Error")} for code, text in errors.items()}
    )
    return {"post": {"summary": summary, "requestBody": body, "responses": responses}}


ITEM_ID = {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
REQUEST_ID = {"name": "request_id", "in": "path", "required": True, "schema": {"type": "integer"}}
WRITE_PATHS = {
    "/items/{item_id}/progress": _write(
        "Record progress (lead agency)",
        _body(
            {
                "version": VERSION,
                "progress": {"type": "integer", "minimum": 0, "maximum": 100},
                "text": REQUIRED_TEXT,
                **DOCUMENT,
            },
            ["version", "progress", "text"],
            files=True,
        ),
    ),
    "/items/{item_id}/submit": _write(
        "Submit as done (lead agency); needs `text` or files. Completion date: today.",
        _body({"version": VERSION, "text": TEXT, **DOCUMENT}, ["version"], files=True),
    ),
    "/items/{item_id}/confirm": _write(
        "Confirm a submission (office); refused while an extension request is pending",
        _body({"version": VERSION, "note": NOTE}, ["version"]),
    ),
    "/items/{item_id}/return": _write(
        "Return a submission to the lead agency (office)",
        _body(
            {"version": VERSION, "reason": REASON},
            ["version", "reason"],
        ),
    ),
    "/items/{item_id}/extensions": _write(
        "Request an extension (lead agency); flagged late after the lead time",
        _body(
            {"version": VERSION, "proposed_deadline": DAY, "reason": REQUIRED_TEXT},
            ["version", "proposed_deadline", "reason"],
            files=True,
        ),
        created=True,
    ),
    "/items/{item_id}/extensions/{request_id}/decision": _write(
        "Approve (with the approving document's number) or reject (with a note) a request "
        "(office, leader); approval moves the deadline in force, never the original; "
        "granted_deadline approves an earlier date than asked (in part)",
        _body(
            {
                "version": VERSION,
                "decision": {"type": "string", "enum": ["approve", "reject"]},
                "decision_document": text(60),
                "granted_deadline": DAY,
                "note": NOTE,
            },
            ["version", "decision"],
        ),
    ),
    "/items/{item_id}/measurements": _write(
        "Report a measured value of a target (lead agency, office)",
        _body(
            {
                "version": VERSION,
                "value": AMOUNT,
                "measured_on": DAY,
                "source": text(500),
            },
            ["version", "value", "measured_on"],
        ),
        created=True,
    ),
    "/items/{item_id}/reassign": _write(
        "Give the item to another agency (office) from `effective` (default today, never "
        "later, never inside a closed period); reports before that day count it as it was",
        _body(
            {
                "version": VERSION,
                "agency": {**text(40, 1), "description": "The new lead agency's code"},
                "deadline": {**DAY, "description": "The new deadline (default: unchanged)"},
                "reason": REASON,
                "effective": DAY,
            },
            ["agency", "reason"],
        ),
    ),
    "/items/{item_id}/comments": _write(
        "Comment (lead and coordinating agencies, office); needs no version",
        _body({"body": text(MAX_COMMENT_CHARS, 1)}, ["body"]),
        created=True,
    ),
}
WRITE_PATHS.update(
    {
        "/items/{item_id}/agency-review/forward": _write(
            "Forward the submission waiting for the head of the agency to the office (head)",
            _body({"version": VERSION, "note": NOTE}, ["version"]),
        ),
        "/items/{item_id}/agency-review/send-back": _write(
            "Send the submission waiting for the head back to its author (head)",
            _body({"version": VERSION, "reason": REASON}, ["version", "reason"]),
        ),
        "/items/{item_id}/withdraw": _write(
            "Withdraw a submission not yet reviewed, by the head or by the office (lead agency)",
            _body({"version": VERSION}, ["version"]),
        ),
        "/items/{item_id}/acknowledge": _write(
            "Acknowledge receiving the assignment, dated today (lead agency)",
            _body({"version": VERSION}, ["version"]),
        ),
        "/items/{item_id}/extensions/{request_id}/proposal": _write(
            "Propose the decision on a request to the deciding leader (office); the leader "
            "in charge of the item's sector is notified",
            _body({"version": VERSION, "deadline": DAY, "note": NOTE}, ["version", "deadline"]),
        ),
        "/items/{item_id}/pause": _write(
            "Pause the item with a reason: no deadline runs until it is resumed (office)",
            _body({"version": VERSION, "reason": REASON}, ["version", "reason"]),
        ),
        "/items/{item_id}/resume": _write(
            "Resume a paused item: its deadline moves by the working days paused (office)",
            _body({"version": VERSION, "reason": NOTE}, ["version"]),
        ),
        "/items/{item_id}/target-revisions": _write(
            "Revise a target by a later document (office): the plan's value is kept, verdicts "
            "use the value in force from `decided_on`; a revision dated before the target's "
            "document, or a value out of range for the unit, is refused",
            _body(
                {
                    "version": VERSION,
                    "value": AMOUNT,
                    "year": {"type": "integer", "minimum": 2000, "maximum": 2100},
                    "document": text(300, 1),
                    "decided_on": DAY,
                    "reason": text(500, 1),
                },
                ["version", "value", "document", "decided_on", "reason"],
            ),
            created=True,
        ),
        "/items/{item_id}/close-not-met": _write(
            "End an open target whose latest value misses the target in force, as "
            "'kết thúc – không đạt', with the reason (office)",
            _body({"version": VERSION, "reason": REASON}, ["version", "reason"]),
        ),
        "/items/{item_id}/delegate": _write(
            "Give the item to a member of staff of the lead agency (head)",
            _body({"version": VERSION, "staff_id": {"type": "integer"}}, ["version", "staff_id"]),
        ),
    }
)
for _path, _operation in WRITE_PATHS.items():
    _operation["post"]["parameters"] = [ITEM_ID, REQUEST_ID] if "request_id" in _path else [ITEM_ID]
