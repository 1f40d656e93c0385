"""Each request's words come from its own language's catalogue, found once per request
(tracker.i18n.RequestDomain): a forced language gets its own words, and neither the forced one
nor another person's language is kept beyond its request."""

from flask_babel import force_locale, gettext, lazy_gettext, ngettext

from tracker.i18n import RequestDomain, babel


def test_the_application_uses_the_request_domain(app):
    assert isinstance(babel.domain_instance, RequestDomain)


def test_a_forced_language_has_its_words_and_gives_them_back(app):
    later = lazy_gettext("Deadline")
    with app.test_request_context("/"):
        assert gettext("Deadline") == "Thời hạn"
        with force_locale("en"):
            assert gettext("Deadline") == str(later) == "Deadline"
            assert ngettext("%(num)d item", "%(num)d items", 2) == "2 items"
            with force_locale("vi"):
                assert gettext("Deadline") == "Thời hạn"
            assert gettext("Deadline") == "Deadline"
        assert gettext("Deadline") == str(later) == "Thời hạn"
    with app.app_context():  # a command or the scheduler: the default language
        assert gettext("Deadline") == "Thời hạn"


def test_a_template_speaks_its_requests_language(app):
    template = app.jinja_env.from_string(
        "{{ _('Deadline') }} · {{ ngettext('%(num)d item', '%(num)d items', 3) }}"
    )
    # Each request has its own application context, as in production (the test's own one
    # would otherwise be shared, and Flask-Babel keeps the language it chose there).
    for query, words in (("?lang=en", "Deadline · 3 items"), ("", "Thời hạn · 3 mục")) * 2:
        with app.app_context(), app.test_request_context(f"/{query}"):
            assert template.render() == words


def test_people_of_each_language_get_their_own_pages_in_turn(login):
    office = login("office@tracker.demo")
    assert office.post("/language/en", data={"next": "/items/"}).status_code == 302
    head = login("head.syt@tracker.demo")
    for _ in range(2):
        assert "<th>Deadline</th>" in office.get("/items/").text
        assert "<th>Thời hạn</th>" in head.get("/items/").text
