"""Configuration defaults; TRACKER_* environment variables and instance/config.py override them."""

from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Config:
    """Defaults for a laptop: SQLite in the instance folder, mail kept in the outbox log."""

    SECRET_KEY = "dev-only-change-me"  # replaced by TRACKER_SECRET_KEY in production
    SQLALCHEMY_DATABASE_URI = None  # filled in by create_app: instance/tracker.sqlite
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    DATABASE_URL = None  # TRACKER_DATABASE_URL; copied to SQLALCHEMY_DATABASE_URI
    #: TRACKER_REPORTS_DATABASE_URL: a read replica of that database; the statistics pages
    #: (/reports) read from it. None: everything reads the primary.
    REPORTS_DATABASE_URL = None

    TIMEZONE = "Asia/Ho_Chi_Minh"
    BASE_URL = "http://127.0.0.1:5000"

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "tracker" / "translations")
    LANGUAGES = ("vi", "en")

    MAIL_SERVER = None  # no server: mail is kept in the outbox as "logged"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "tracker@localhost"
    # Reminders and their outbox (docs/reminders.md).
    REMINDER_SWEEP_AT = "07:30"  # local time of the daily sweep
    MAIL_ITEMS_PER_SECTION = 10  # items a digest lists per part; it links to the rest
    MAIL_TIMEOUT = 30  # seconds to wait for each reply of the SMTP server
    MAIL_CLAIM_TIMEOUT = 600  # a digest "sending" for longer was left by a run that died
    MAIL_RETRY_BASE = 60  # seconds before the first retry after a temporary failure; doubles
    MAIL_RETRY_MAX = 3600
    MAIL_MAX_ATTEMPTS = 48  # then the digest is marked failed for the administrator

    WTF_CSRF_TIME_LIMIT = None  # a form left open all day on a phone must still submit
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    #: Failed sign-ins allowed per client address, and per account (email), counted in the
    #: database so that every worker shares them; then sign-ins wait, even with the right password.
    LOGIN_RATE_LIMIT = "10 per minute"
    LOGIN_ACCOUNT_LIMIT = "10 per 15 minutes"
    #: All sign-ins per client address, counted by Flask-Limiter in RATELIMIT_STORAGE_URI.
    LOGIN_ATTEMPTS_LIMIT = "60 per minute"
    #: "Forgot password" requests per client address: each one may send a mail.
    PASSWORD_FORGOT_LIMIT = "5 per 15 minutes"
    #: How new passwords are hashed (Werkzeug's `generate_password_hash` method): scrypt, as
    #: Werkzeug advises. A password is checked by the method its stored hash names, so a change
    #: applies to passwords set from then on. The tests set a cheap one (tests/conftest.py).
    PASSWORD_HASH_METHOD = "scrypt"
    #: Reverse proxies in front of the app (TRACKER_PROXY_HOPS=1 behind nginx): their
    #: X-Forwarded-For/-Proto are then trusted, so that each client keeps its own address (the
    #: sign-in limit) and links say https. 0 trusts no header: a client could forge them.
    PROXY_HOPS = 0
    # Cookies: SameSite=Lax keeps them off cross-site posts; they are marked Secure on every
    # HTTPS response (tracker.security.secure_cookies_over_https), or always when these two are
    # set true (TRACKER_SESSION_COOKIE_SECURE, TRACKER_REMEMBER_COOKIE_SECURE).
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = False
    #: "Keep me signed in" on a shared office computer: a month, not Flask-Login's year.
    #: TRACKER_REMEMBER_COOKIE_DURATION gives it in seconds.
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    HSTS_SECONDS = 365 * 24 * 3600  # Strict-Transport-Security on HTTPS responses; 0: none

    ITEMS_PER_PAGE = 50
    MAX_PAGE = 100_000
    OVERDUE_PER_PAGE = 100
    #: A person picker lists everyone up to this many people; beyond, it searches as one types
    #: (tracker.pickers).
    PICKER_INLINE_LIMIT = 1_000
    EXPORT_MAX_ROWS = 50_000  # a larger export is refused with a message: narrow the filters
    REPORT_CACHE_SECONDS = 300  # reuse computed statistics while no item changed; 0 turns it off
    REPORT_CUTOFF_DAY = None  # periods end on their last day; 14 for Nghị định 09/2019 windows
    PROGRESS_REPORT_DAY = 20  # an item's update is due by this day of its cycle's last month
    #: Heads exports and urging letters: the province since 1/7/2025 (seed/reorganisation.yaml).
    REPORT_ISSUER = "UBND TỈNH GIA LAI"
    REPORT_PLACE = "Gia Lai"  # where letters are dated
    #: A whole request: room for a report with a scanned document and several phone photos.
    MAX_CONTENT_LENGTH = 60 * 1024 * 1024
    MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # per evidence file
    #: How far ahead the scheduler makes a recurring item's occurrences; None: one period.
    RECURRENCE_HORIZON_MONTHS = None
    ANNEX_MAX_BYTES = 10 * 1024 * 1024  # an annex of a thousand rows is ~100 KB
    ANNEX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a zip bomb is refused before it is read
    ANNEX_MAX_ROWS = 5_000
    UPLOAD_FOLDER = None  # default: instance/uploads, outside the web root
    EXTENSION_LEAD_WORKING_DAYS = 3  # an extension asked later than this is flagged late
    SCHEDULER_IN_PROCESS = False  # `make run` turns it on; production runs `flask scheduler run`
