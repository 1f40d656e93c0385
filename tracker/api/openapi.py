"""The OpenAPI description of /api/v1, kept beside the endpoints it describes: the read paths
here, the write paths and the schemas beside."""

from tracker.api.openapi_documents import DOCUMENT, DOCUMENT_PATHS, IMPORT_OUTCOME
from tracker.api.openapi_notifications import PATHS as NOTIFICATION_PATHS
from tracker.api.openapi_notifications import SCHEMAS as NOTIFICATION_SCHEMAS
from tracker.api.openapi_people import PEOPLE_PATHS
from tracker.api.openapi_people import SCHEMAS as PEOPLE_SCHEMAS
from tracker.api.openapi_schemas import (
    AGENCY,
    AGENCY_REF,
    DATE,
    DAY,
    ERROR,
    ITEM,
    ITEM_HISTORY,
    ITEM_LIST,
    STANDINGS,
    TALLY,
    TALLY_PROPERTIES,
    json_ref,
    text,
)
from tracker.api.openapi_writes import WRITE_PATHS
from tracker.config import Config


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


ITEM_FILTERS = [
    _query(
        "q", 'Search in code and title; diacritics are ignored ("y te" finds "y tế").', text(200)
    ),
    _query("document", "Assigning document's number and symbol, e.g. 59/KH-UBND."),
    _query(
        "flag",
        "Only the items with this flag.",
        {"type": "string", "enum": ["key", "urgent", "not_public"]},
    ),
    _query(
        "order",
        "flags: urgent items first, then key tasks; otherwise soonest deadline first.",
        {"type": "string", "enum": ["flags"]},
    ),
    _query("pillar", "Pillar or group code, e.g. CQS."),
    _query("sector", "Sector code, e.g. y-te."),
    _query("agency", "Agency code (lead or coordinating), e.g. syt."),
    _query(
        "agency_role",
        "With `agency`: only the items it leads, or only those it coordinates.",
        {"type": "string", "enum": ["lead", "coordinating"]},
    ),
    _query("kind", "target or task.", {"type": "string", "enum": ["target", "task"]}),
    _query("standing", "Standing as of `as_of`.", {"type": "string", "enum": STANDINGS}),
    _query("due_from", "Deadline on or after this date.", DAY),
    _query("due_to", "Deadline on or before this date (not before `due_from`).", DAY),
    _query("as_of", "Date the standing is computed for (default: today in Vietnam).", DAY),
    _query(
        "page",
        "Page number, from 1.",
        {"type": "integer", "minimum": 1, "maximum": Config.MAX_PAGE},
    ),
]


def _responses(ok: dict) -> dict:
    return {
        "200": ok,
        "400": {"description": "Invalid parameters", "content": json_ref("Error")},
        "401": {"description": "Not signed in", "content": json_ref("Error")},
        "404": {"description": "Not found or not visible", "content": json_ref("Error")},
    }


PATHS = {
    "/items": {
        "get": {
            "summary": "List work items",
            "parameters": ITEM_FILTERS,
            "responses": _responses(
                {"description": "Matching items", "content": json_ref("ItemList")}
            ),
        }
    },
    "/items/{item_id}": {
        "get": {
            "summary": "One work item with its history",
            "parameters": [
                {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": _responses({"description": "The item", "content": json_ref("Item")}),
        }
    },
    "/agencies": {
        "get": {
            "summary": "Agencies existing on a date, with level, parent, predecessors, "
            "successors and the days they existed from and until",
            "parameters": [
                _query("on", "The date (default: every agency, past and present).", DAY),
                _query(
                    "level",
                    "Only this level of government.",
                    {"type": "string", "enum": ["province", "department", "district", "commune"]},
                ),
            ],
            "responses": _responses(
                {
                    "description": "The agencies",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            ),
        }
    },
    "/items/{item_id}/history": {
        "get": {
            "summary": "Every dated change of an item: its assignment period by period "
            "(lead, coordinators, responsible person, deadline; from, until, why, by whom, "
            "approved by whom) and its activities",
            "parameters": [
                {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": _responses(
                {"description": "The item's history", "content": json_ref("ItemHistory")}
            ),
        }
    },
}


#: By agency only: the updates written over the reporting month up to the date.
UPDATES = {
    "type": "object",
    "description": "Progress updates from `updates_from` to the date (by agency only)",
    "properties": {
        "updates": {"type": "integer"},
        "late": {"type": "integer", "description": "after their cycle's reporting deadline"},
        "never_updated": {"type": "integer", "description": "open items with no update"},
        "late_share": {"type": ["number", "null"], "description": "late over all, percent"},
    },
}


def _report(row_key: str, summary: str) -> dict:
    updates = {"updates": UPDATES} if row_key == "agency" else {}
    row = {
        "type": "object",
        "properties": {row_key: AGENCY_REF, **TALLY_PROPERTIES, **updates},
        "required": [row_key, *TALLY_PROPERTIES],
    }
    table = {
        "type": "object",
        "properties": {
            "as_of": DATE,
            "deadline": {"type": "string", "enum": ["adjusted", "original"]},
            "rows": {"type": "array", "items": row},
            "total": {"$ref": "#/components/schemas/Tally"},
            "paused": {
                "type": "integer",
                "description": "Items paused by the office on that date, counted without a "
                "deadline (adjusted deadlines only).",
            },
            **({"updates_from": DATE} if updates else {}),
        },
        "required": ["as_of", "rows", "total"],
    }
    as_of = _query(
        "as_of",
        "The report's date, today or before; the items' history as of then (default today).",
        DAY,
    )
    deadline = _query(
        "deadline",
        "The deadline measured against: `adjusted` (in force on the date, the default) or "
        "`original` (first assigned). The answer's `deadline` says which was used.",
        {"type": "string", "enum": ["adjusted", "original"]},
    )
    return {
        "get": {
            "summary": summary,
            "parameters": [as_of, deadline],
            "responses": _responses(
                {
                    "description": "One row per subject and the total",
                    "content": {"application/json": {"schema": table}},
                }
            ),
        }
    }


PATHS.update(
    {
        "/reports/agencies": _report("agency", "Statistics by lead agency as of a date"),
        "/reports/sectors": _report("sector", "Statistics by sector as of a date"),
        "/reports/pillars": _report("pillar", "Statistics by pillar or task group as of a date"),
    }
)


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tracker API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            **PATHS,
            **WRITE_PATHS,
            **PEOPLE_PATHS,
            **DOCUMENT_PATHS,
            **NOTIFICATION_PATHS,
        },
        "components": {
            "schemas": {
                "Agency": AGENCY,
                "Item": ITEM,
                "ItemList": ITEM_LIST,
                "ItemHistory": ITEM_HISTORY,
                "Error": ERROR,
                "Tally": TALLY,
                **PEOPLE_SCHEMAS,
                **NOTIFICATION_SCHEMAS,
                "Document": DOCUMENT,
                "ImportOutcome": IMPORT_OUTCOME,
            },
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
        },
    }
