"""Passwords are stored as scrypt hashes; the tests' cheaper method is theirs alone."""

from werkzeug.security import check_password_hash

from tracker import create_app
from tracker.accounts import actions
from tracker.config import Config
from tracker.database import db
from tracker.models import User


def test_a_real_installation_hashes_new_passwords_with_scrypt(database_url, user_by_email):
    assert Config.PASSWORD_HASH_METHOD == "scrypt"
    # An application as production makes it (no test override), on the test's database.
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    with app.app_context():
        person = db.session.get(User, user_by_email("head.syt@tracker.demo").id)
        person.set_password("một mật khẩu dài đủ")
        db.session.commit()
        stored = person.password_hash
        db.session.remove()
        db.engine.dispose()
    assert stored.startswith("scrypt:32768:8:1$")
    assert check_password_hash(stored, "một mật khẩu dài đủ")


def test_the_setting_names_the_method_of_new_passwords(app, user_by_email):
    person = user_by_email("head.syt@tracker.demo")
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:2"
    person.set_password("một mật khẩu dài đủ")
    assert person.password_hash.startswith("pbkdf2:sha256:2$")
    assert person.check_password("một mật khẩu dài đủ")
    assert not person.check_password("một mật khẩu khác")


def test_an_unknown_email_is_checked_against_a_hash_of_the_same_method(app):
    """A wrong email costs what a wrong password costs: a hash of the configured method."""
    assert actions.authenticate("nobody@tracker.demo", "anything") is None
    dummy = actions._dummy_hash(app.config["PASSWORD_HASH_METHOD"])
    assert dummy.startswith(app.config["PASSWORD_HASH_METHOD"] + "$")
    assert actions._dummy_hash("scrypt").startswith("scrypt:32768:8:1$")
