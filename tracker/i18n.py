"""Languages: Vietnamese by default, English available; the user's choice wins."""

from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import Babel, Domain
from flask_login import current_user

babel = Babel()


class RequestDomain(Domain):
    """Flask-Babel's domain, finding the translations of a request's language once.

    Flask-Babel looks up its state in `g` three times for each word and the language once more,
    each through a proxy: a list of fifty items says some five hundred words, and the lookups
    cost more than the words (docs/performance.md). The translations found are kept in that
    state beside the language they are for; `force_locale` (a paper always in Vietnamese, a
    feed in its owner's language) sets another language, and so gets its own.
    """

    def get_translations(self):
        state = _babel_state()
        found = getattr(state, "tracker_translations", None)
        if found is not None and found[0] is getattr(state, "babel_locale", None):
            return found[1]
        translations = super().get_translations()
        state = _babel_state()  # Flask-Babel made it, and chose the language, if it was not yet
        if getattr(state, "babel_locale", None) is not None:
            state.tracker_translations = (state.babel_locale, translations)
        return translations


def _babel_state():
    """Flask-Babel's state in this context (None outside one, or before its first word)."""
    if not has_app_context():
        return None
    return vars(g._get_current_object()).get("_flask_babel")


def select_locale() -> str:
    """The signed-in user's language, else the session's choice, else Vietnamese."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI, scheduler, service calls: no user to ask
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if getattr(current_user, "is_authenticated", False) and current_user.language in languages:
        return current_user.language
    if session.get("language") in languages:
        return session["language"]
    if request and request.args.get("lang") in languages:
        return request.args["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["TIMEZONE"]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    domain = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))
    babel.domain_instance = domain  # in place of Flask-Babel's own, made on first use
    # The templates' words go to that domain directly, not through `get_domain()`'s lookup.
    app.jinja_env.install_gettext_callables(
        gettext=lambda message: domain.get_translations().ugettext(message),
        ngettext=lambda one, many, n: domain.get_translations().ungettext(one, many, n),
        pgettext=lambda context, message: domain.get_translations().upgettext(context, message),
        npgettext=lambda context, one, many, n: domain.get_translations().unpgettext(
            context, one, many, n
        ),
        newstyle=True,
    )
