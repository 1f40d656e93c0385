"""What a notification says, in the reader's language: the same sentence in the inbox, the API
and the mail."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from tracker.formatting import format_date
from tracker.labels import NOTIFICATION_LABELS, NOTIFICATION_NEXT_STEPS
from tracker.models import Notification


def headline(notification: Notification) -> str:
    return str(NOTIFICATION_LABELS.get(notification.event, notification.event))


def next_step(notification: Notification) -> str:
    return str(NOTIFICATION_NEXT_STEPS.get(notification.event, ""))


def _day(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else ""


def sentence(notification: Notification) -> str:
    """What happened, to which item, by whom: one sentence (two for a partial approval)."""
    params = notification.params or {}
    values = {
        "actor": notification.actor.name if notification.actor else _("The tracker"),
        "code": notification.item.code,
        "reason": params.get("reason", ""),
        "excerpt": params.get("excerpt", ""),
        "agency": params.get("agency", ""),
        "deadline": _day(params.get("deadline")),
        "proposed": _day(params.get("proposed")),
        "granted": _day(params.get("granted")),
        "note": params.get("note", ""),
    }
    return _SENTENCES[notification.event](values, params)


def _assigned(values: dict, params: dict) -> str:
    if values["deadline"]:
        return _("%(actor)s assigned %(code)s to you, deadline %(deadline)s.", **values)
    return _("%(actor)s assigned %(code)s to you, without a deadline.", **values)


def _extension_decided(values: dict, params: dict) -> str:
    if not params.get("granted"):
        return _("%(actor)s rejected the extension of %(code)s: %(note)s", **values)
    said = _("%(actor)s extended the deadline of %(code)s to %(granted)s.", **values)
    if params["granted"] != params.get("proposed"):
        said += " " + _("Partly approved: %(proposed)s was asked for.", **values)
    return said


def _resumed(values: dict, params: dict) -> str:
    if values["deadline"]:
        return _("%(actor)s resumed %(code)s; its deadline is now %(deadline)s.", **values)
    return _("%(actor)s resumed %(code)s.", **values)


_SENTENCES = {
    "assigned": _assigned,
    "reassigned_away": lambda v, p: _(
        "%(actor)s gave %(code)s to %(agency)s: your agency no longer leads it.", **v
    ),
    "submitted": lambda v, p: _("%(actor)s submitted %(code)s as done.", **v),
    "confirmed": lambda v, p: _("%(actor)s confirmed that %(code)s is completed.", **v),
    "returned": lambda v, p: _(
        "%(actor)s returned the submission of %(code)s. Reason: %(reason)s", **v
    ),
    "extension_requested": lambda v, p: _(
        "%(actor)s asks to move the deadline of %(code)s to %(proposed)s.", **v
    ),
    "extension_decided": _extension_decided,
    "commented": lambda v, p: _("%(actor)s commented on %(code)s: “%(excerpt)s”", **v),
    "mentioned": lambda v, p: _("%(actor)s mentioned you on %(code)s: “%(excerpt)s”", **v),
    "review_requested": lambda v, p: _(
        "%(actor)s submitted %(code)s as done; it waits for your review.", **v
    ),
    "sent_back": lambda v, p: _(
        "%(actor)s sent the submission of %(code)s back. Reason: %(reason)s", **v
    ),
    "delegated": lambda v, p: _("%(actor)s gave %(code)s to you.", **v),
    "reminded": lambda v, p: _("%(actor)s reminds you of %(code)s.", **v),
    "deadline_changed": lambda v, p: _(
        "%(actor)s changed the deadline of %(code)s to %(deadline)s. Reason: %(reason)s", **v
    ),
    "extension_proposed": lambda v, p: _(
        "%(actor)s proposes to extend the deadline of %(code)s to %(proposed)s; "
        "it is yours to decide.",
        **v,
    ),
    "paused": lambda v, p: _(
        "%(actor)s paused %(code)s: its deadline is not running. Reason: %(reason)s", **v
    ),
    "resumed": _resumed,
}
