"""The pages a mail links to, on a URL map of their own.

Delivery is a command: its application registers its pages only when something asks for the
whole map (`tracker.Tracker`). Registering them all to build its mails' links took 0.085 s,
these four 0.02 s: they are every page a mail links to, and a link to another page still
works, built from the whole map (`tracker.outbox.mail.Links`).
"""

from flask import Flask
from werkzeug.routing import Map

from tracker.items.views import bp as items_bp
from tracker.letters.views import bp as letters_bp
from tracker.passwords.views import bp as passwords_bp
from tracker.profile.views import bp as profile_bp

LINKED = (items_bp, letters_bp, passwords_bp, profile_bp)


def linked_map(import_name: str) -> Map:
    """Their rules alone, registered as `tracker.web.pages` registers them on the application:
    a link is built from its own page's rules only, so it reads the same from either map."""
    bare = Flask(import_name)
    for blueprint in LINKED:
        bare.register_blueprint(blueprint)
    return bare.url_map
