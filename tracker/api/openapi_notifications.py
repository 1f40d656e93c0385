"""The OpenAPI path and schema of /api/v1/notifications: the signed-in person's own."""

from tracker.api.openapi_schemas import json_ref
from tracker.config import Config
from tracker.models.notifications import NOTIFICATION_EVENTS

NOTIFICATION = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "event": {"type": "string", "enum": list(NOTIFICATION_EVENTS)},
        "item_id": {"type": "integer"},
        "item_code": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "read": {"type": "boolean"},
        "text": {"type": "string"},
    },
    "required": ["id", "event", "item_id", "created_at", "read", "text"],
}
NOTIFICATION_LIST = {
    "type": "object",
    "properties": {
        "notifications": {"type": "array", "items": {"$ref": "#/components/schemas/Notification"}},
        "unread": {"type": "integer"},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
    },
    "required": ["notifications", "unread", "total", "page", "pages"],
}
MARKED = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "read": {"type": "boolean"},
        "marked": {"type": "integer", "description": "How many were unread and now are read."},
        "unread": {"type": "integer", "description": "How many are still unread."},
    },
    "required": ["unread"],
}
SCHEMAS = {
    "Notification": NOTIFICATION,
    "NotificationList": NOTIFICATION_LIST,
    "NotificationsMarked": MARKED,
}
_WRITE_ERRORS = {
    "401": {"description": "Not signed in", "content": json_ref("Error")},
    "400": {
        "description": "A session's request without its CSRF token",
        "content": json_ref("Error"),
    },
}
PATHS = {
    "/notifications": {
        "get": {
            "summary": "My notifications, newest first, with the unread count",
            "parameters": [
                {
                    "name": "page",
                    "in": "query",
                    "description": "Page number, from 1.",
                    "schema": {"type": "integer", "minimum": 1, "maximum": Config.MAX_PAGE},
                }
            ],
            "responses": {
                "200": {"description": "Notifications", "content": json_ref("NotificationList")},
                "400": {"description": "Invalid parameters", "content": json_ref("Error")},
                "401": {"description": "Not signed in", "content": json_ref("Error")},
            },
        }
    },
    "/notifications/{notification_id}/read": {
        "post": {
            "summary": "Mark one of my notifications read",
            "parameters": [
                {
                    "name": "notification_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            ],
            "responses": {
                "200": {"description": "Marked read", "content": json_ref("NotificationsMarked")},
                "404": {
                    "description": "No such notification of mine",
                    "content": json_ref("Error"),
                },
                **_WRITE_ERRORS,
            },
        }
    },
    "/notifications/read-all": {
        "post": {
            "summary": "Mark all my notifications read",
            "responses": {
                "200": {"description": "All read", "content": json_ref("NotificationsMarked")},
                **_WRITE_ERRORS,
            },
        }
    },
}
