"""/people/lookup/<pick>: the names a person picker offers for what is typed, when the page could
not carry them all (tracker.pickers)."""

from flask import Blueprint, abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.pickers import Pick, found, may_pick

bp = Blueprint("people", __name__, url_prefix="/people")

#: Longer than any name, address and title typed together: anything more is not a search.
LONGEST_SEARCH = 100


@bp.get(f"/lookup/<any({', '.join(Pick)}):pick>")
@login_required
def lookup(pick: str):
    """{"people": [{"value", "text"}…]}: at most `FOUND_AT_MOST`, in the picker's order."""
    among = Pick(pick)
    if not may_pick(current_user, among):
        abort(403)
    text = request.args.get("q", "")
    if len(text) > LONGEST_SEARCH:
        message = _("Type at most %(count)d characters of the name.", count=LONGEST_SEARCH)
        return jsonify(error="Bad Request", message=message), 400
    people = found(among, text) if text.strip() else []
    return jsonify(people=[{"value": choice.value, "text": choice.label} for choice in people])
