"""The OpenAPI schemas of /api/v1's bodies: items, agencies, errors and report tallies; and
the bounds the server enforces on what it is sent (tests compare them with the forms)."""

from tracker.forms import EARLIEST_DAY, LATEST_DAY
from tracker.models.measurements import CENT, VALUE_LIMIT

STANDINGS = ["done_on_time", "done_late", "in_progress", "overdue", "no_deadline"]

DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
#: A date the server is sent: every form takes only dates of this century (DayField).
DAY = {
    **DATE,
    "formatMinimum": EARLIEST_DAY.isoformat(),
    "formatMaximum": LATEST_DAY.isoformat(),
    "description": f"From {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}.",
}
#: A measured or target value: kept in hundredths, below VALUE_LIMIT in size (NumberField).
AMOUNT = {
    "type": "number",
    "minimum": float(CENT - VALUE_LIMIT),
    "maximum": float(VALUE_LIMIT - CENT),
    "description": 'Rounded to hundredths; a number or a decimal string such as "62.5".',
}


def text(longest: int, shortest: int = 0) -> dict:
    """A text of at most `longest` characters; a required one has at least one."""
    schema = {"type": "string", "maxLength": longest}
    return {**schema, "minLength": shortest} if shortest else schema


AGENCY_REF = {"$ref": "#/components/schemas/Agency"}
AGENCY = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
    "required": ["code", "name"],
}

ITEM = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "code": {"type": "string"},
        "kind": {"type": "string", "enum": ["target", "task"]},
        "title": {"type": "string"},
        "document": {"type": "string", "description": "Number and symbol, e.g. 59/KH-UBND."},
        "parent_id": {"type": ["integer", "null"], "description": "The item it is part of."},
        "children": {
            "type": "array",
            "description": "Its sub-items (on one item's page only).",
            "items": {"type": "object"},
        },
        "next_deadline": {
            **NULLABLE_DATE,
            "description": "A recurring item: its next occurrence's deadline (one item only).",
        },
        "is_key": {"type": "boolean"},
        "is_urgent": {"type": "boolean"},
        "is_public": {"type": "boolean"},
        "lead_agency": AGENCY_REF,
        "coordinating_agencies": {"type": "array", "items": AGENCY_REF},
        "responsible": {"type": ["object", "null"]},
        "deadline": NULLABLE_DATE,
        "original_deadline": NULLABLE_DATE,
        "status": {"type": "string"},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "completed_on": NULLABLE_DATE,
        "paused_on": {
            **NULLABLE_DATE,
            "description": "The day the office paused the item (no deadline runs); null: running.",
        },
        "standing": {"type": ["string", "null"], "enum": [*STANDINGS, None]},
        "as_of": DATE,
        "target": {"type": "object"},
        "version": {"type": "integer", "description": "Send it back with every write."},
        "extension_requests": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["id", "code", "kind", "title", "lead_agency", "status", "standing"],
}

PERIOD = {
    "type": "object",
    "properties": {
        "valid_from": DATE,
        "valid_until": {**NULLABLE_DATE, "description": "The day the next period began."},
        "kind": {
            "type": "string",
            "enum": ["assignment", "reassignment", "extension", "correction", "reorganisation"],
        },
        "lead_agency": AGENCY_REF,
        "coordinating_agencies": {"type": "array", "items": AGENCY_REF},
        "responsible": {"type": ["object", "null"]},
        "deadline": NULLABLE_DATE,
        "reason": {"type": ["string", "null"]},
        "changed_by": {"type": ["string", "null"]},
        "approved_by": {"type": ["string", "null"]},
        "approval_document": {"type": ["string", "null"]},
    },
    "required": ["valid_from", "valid_until", "kind", "lead_agency", "deadline"],
}
ITEM_HISTORY = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "code": {"type": "string"},
        "original_deadline": NULLABLE_DATE,
        "deadline": NULLABLE_DATE,
        "assignment": {"type": "array", "items": PERIOD},
        "changes": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["id", "code", "assignment", "changes"],
}

ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "message": {"type": ["string", "null"]},
        "errors": {"type": "object"},
    },
}


ITEM_LIST = {
    "type": "object",
    "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
        "per_page": {"type": "integer"},
    },
    "required": ["items", "total", "page"],
}

TALLY_PROPERTIES = {
    "total": {"type": "integer"},
    **{name: {"type": "integer"} for name in STANDINGS},
    "rate_all": {
        "type": ["number", "null"],
        "description": "Completion rate, completed / all tasks, in percent (one decimal).",
    },
    "rate_due": {
        "type": ["number", "null"],
        "description": "Completion rate, completed / tasks fallen due (completed + overdue), "
        "in percent (one decimal).",
    },
}
TALLY = {"type": "object", "properties": TALLY_PROPERTIES, "required": list(TALLY_PROPERTIES)}


def json_ref(schema_ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}
