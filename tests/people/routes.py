"""The people, password, profile, agency and audit routes' rows of the route matrix
(tests/workflow/test_route_matrix.py): who gets which status, posting no valid data."""

ROLES = ("admin", "office", "leader", "head", "officer", "viewer", "anonymous")
LOGIN = 302


def row(admin, office, leader, head, officer, viewer, anonymous=LOGIN) -> dict[str, int]:
    return dict(zip(ROLES, (admin, office, leader, head, officer, viewer, anonymous), strict=True))


ALL = row(200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = row(200, 200, 200, 200, 200, 200)
REFUSED_INPUT = row(400, 400, 400, 400, 400, 400)
ADMIN_PAGE = row(200, 403, 403, 403, 403, 403)
ADMIN_POST = row(400, 403, 403, 403, 403, 403)
AGENCIES_PAGE = row(200, 200, 403, 403, 403, 403)
AGENCIES_POST = row(400, 400, 403, 403, 403, 403)
API_401 = 401

#: (endpoint, method) → (which URL values, expected status per role). "people" names a real
#: person (head.stc) and agency (stc), a session that is nobody's and a token that is no link;
#: "nobody" names no person, so that no request of the matrix deactivates anyone.
PEOPLE_ROUTES = {
    ("passwords.forgot", "GET"): ("people", ALL),
    ("passwords.forgot", "POST"): ("people", row(400, 400, 400, 400, 400, 400, 400)),
    ("passwords.reset", "GET"): ("people", row(404, 404, 404, 404, 404, 404, 404)),
    ("passwords.reset", "POST"): ("people", row(404, 404, 404, 404, 404, 404, 404)),
    ("profile.show", "GET"): ("people", SIGNED_IN),
    ("profile.show", "POST"): ("people", REFUSED_INPUT),
    ("profile.password", "POST"): ("people", REFUSED_INPUT),
    ("profile.end_session", "POST"): ("people", REFUSED_INPUT),
    ("profile.end_other_sessions", "POST"): ("people", REFUSED_INPUT),
    ("profile.renew_token", "POST"): ("people", REFUSED_INPUT),
    ("profile.revoke_token", "POST"): ("people", REFUSED_INPUT),
    ("people.lookup", "GET"): ("people", AGENCIES_PAGE),
    ("users.index", "GET"): ("people", ADMIN_PAGE),
    ("users.create", "GET"): ("people", ADMIN_PAGE),
    ("users.create", "POST"): ("people", ADMIN_POST),
    ("users.edit", "GET"): ("people", ADMIN_PAGE),
    ("users.edit", "POST"): ("people", ADMIN_POST),
    ("users.deactivate", "GET"): ("people", ADMIN_PAGE),
    ("users.deactivate", "POST"): ("people", ADMIN_POST),
    ("users.reactivate", "POST"): ("people", ADMIN_POST),
    ("users.invite", "POST"): ("people", ADMIN_POST),
    ("user_import.upload", "GET"): ("people", ADMIN_PAGE),
    ("user_import.upload", "POST"): ("people", ADMIN_POST),
    ("user_import.confirm", "POST"): ("people", ADMIN_POST),
    ("agency_admin.index", "GET"): ("people", AGENCIES_PAGE),
    ("agency_admin.create", "GET"): ("people", AGENCIES_PAGE),
    ("agency_admin.create", "POST"): ("people", AGENCIES_POST),
    ("agency_admin.edit", "GET"): ("people", AGENCIES_PAGE),
    ("agency_admin.edit", "POST"): ("people", AGENCIES_POST),
    ("reorganisation.index", "GET"): ("people", AGENCIES_PAGE),
    ("reorganisation.agency", "GET"): ("people", AGENCIES_PAGE),
    ("reorganisation.rename", "GET"): ("people", AGENCIES_PAGE),
    ("reorganisation.rename", "POST"): ("people", AGENCIES_POST),
    ("reorganisation.merge", "GET"): ("people", AGENCIES_PAGE),
    ("reorganisation.merge", "POST"): ("people", AGENCIES_POST),
    ("reorganisation.split", "GET"): ("people", AGENCIES_PAGE),
    ("reorganisation.split", "POST"): ("people", AGENCIES_POST),
    ("reorganisation.dissolve", "GET"): ("people", AGENCIES_PAGE),
    ("reorganisation.dissolve", "POST"): ("people", AGENCIES_POST),
    ("reorganisation.reparent", "GET"): ("people", AGENCIES_PAGE),
    ("reorganisation.reparent", "POST"): ("people", AGENCIES_POST),
    ("audit.index", "GET"): ("people", ADMIN_PAGE),
    ("portfolios.index", "GET"): ("people", AGENCIES_PAGE),
    # head.stc is neither a leader nor an office specialist: no portfolio to show or assign.
    ("portfolios.edit", "GET"): ("people", row(404, 404, 403, 403, 403, 403)),
    ("portfolios.edit", "POST"): ("people", AGENCIES_POST),
    ("api_people.users", "GET"): ("people", row(200, 403, 403, 403, 403, 403, API_401)),
    ("api_people.create_user", "POST"): ("people", row(400, 403, 403, 403, 403, 403, API_401)),
    ("api_people.deactivate", "POST"): ("nobody", row(404, 403, 403, 403, 403, 403, API_401)),
    ("api_people.audit", "GET"): ("people", row(200, 403, 403, 403, 403, 403, API_401)),
}
