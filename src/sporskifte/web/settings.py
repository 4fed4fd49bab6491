"""The one settings module. Everything that differs between machines comes from typed
environment variables (see README.md, "Configuration"); defaults are safe for production.
"""

from __future__ import annotations

import os
import secrets
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from sporskifte.accounts.saml_config import origins_of, sp_config
from sporskifte.lib.env import (
    env_bool,
    env_choice,
    env_date,
    env_int,
    env_int_list,
    env_list,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _project_home() -> Path:
    """SPORSKIFTE_HOME; else the checkout this package runs from (src layout, as `make
    install` sets it up), wherever the command is started; else the user's data folder.
    Never the current folder: a command run elsewhere must not make a stray ./var."""
    configured = env_str("SPORSKIFTE_HOME")
    if configured:
        return Path(configured)
    checkout = PACKAGE_DIR.parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "manage.py").is_file():
        return checkout
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "sporskifte"


BASE_DIR = _project_home()
VAR_DIR = Path(env_str("SPORSKIFTE_VAR") or BASE_DIR / "var").resolve()  # relative: from the cwd

DEBUG = env_bool("DEBUG", default=False)


def _secret_key() -> str:
    """SECRET_KEY (or SECRET_KEY_FILE) from the environment; otherwise a random key made once
    and kept in var/secret_key (mode 0600). Several servers must share one key via the env."""
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(64))
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 50:
        raise ImproperlyConfigured(f"{path} holds too short a key; delete it or set SECRET_KEY.")
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
    "djangosaml2",
    "sporskifte.accounts",
    "sporskifte.audit",
    "sporskifte.ui",
    "sporskifte.legacy.casework",
    "sporskifte.citizens",
    "sporskifte.sickness",
    "sporskifte.transition",
    "sporskifte.lawbase",
    "sporskifte.followup",
    "sporskifte.demo",
    "sporskifte.ops",
    "sporskifte.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sporskifte.audit.middleware.RequestIdMiddleware",
    "sporskifte.audit.middleware.PersonalResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sporskifte.web.urls"
WSGI_APPLICATION = "sporskifte.web.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sporskifte.web.context.navigation",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
if not _database_url:  # the embedded default: SQLite under var/
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        _database_url or f"sqlite:///{VAR_DIR / 'sporskifte.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Many readers and one writer at a time: WAL lets readers (and the audit log's short
    # inserts) go on while a write commits; IMMEDIATE takes the write lock at BEGIN, so two
    # transactions never deadlock upgrading a read lock; a writer waits up to the busy
    # timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 30),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    # The test database is a file, so that the production server in the browser tests and
    # the test process share it (an in-memory database lives in one process only).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: argon2 first; lockout after repeated failures (django-axes).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sporskifte.accounts.local_login.LocalPasswordBackend",
    "sporskifte.accounts.saml.SamlBackend",
]
# Local passwords: `all` (demo, tests), `breakglass` (superusers only) or `off`.
LOCAL_LOGIN = env_choice("LOCAL_LOGIN", ("all", "breakglass", "off"), "breakglass")
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
# Locked per user name *and* client address: someone else cannot lock a named user out, and
# the client address is the real one behind the proxy (accounts.clientip, TRUSTED_PROXIES).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "sporskifte.accounts.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Cookies, transport and headers. Behind TLS in production; plain http only for local demo.
_secure = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# The preload flag only matters when the apex domain submits itself to the browsers list.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For (used only BEHIND_PROXY).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
# Messages (e.g. "saved") live in the server-side session, never in a readable cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# The load balancer's probes may speak plain http to the app's own port.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Staff (KOMBIT context handler) and citizen (NemLog-in) login by SAML 2.0; docs/operations.md.
SAML_ENABLED = env_bool("SAML_ENABLED", default=False)
SAML_BASE_URL = env_str("SAML_BASE_URL") or "https://localhost"
SAML_STAFF_IDP = env_str("SAML_STAFF_IDP") or ""
SAML_CITIZEN_IDP = env_str("SAML_CITIZEN_IDP") or ""
SAML_CLAIMS_FILE = env_str("SAML_CLAIMS_FILE") or ""
# Where our forms may lead (CSP form-action): logging out redirects to the IdPs.
SAML_IDP_ORIGINS = env_list("SAML_IDP_ORIGINS", origins_of([SAML_STAFF_IDP, SAML_CITIZEN_IDP]))
SAML_CONFIG = sp_config(
    SAML_BASE_URL,
    Path(env_str("SAML_KEY_FILE") or VAR_DIR / "saml" / "sp.key"),
    Path(env_str("SAML_CERT_FILE") or VAR_DIR / "saml" / "sp.crt"),
    [p for p in env_list("SAML_IDP_METADATA", []) if not p.startswith("https://")],
    [p for p in env_list("SAML_IDP_METADATA", []) if p.startswith("https://")],
)
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_NAME = "saml_session"
# The IdP posts the assertion back cross-site: over TLS the SAML cookie must be SameSite=None;
# the plain-http loopback demo (IdP and app on one host) works with Lax.
SAML_SESSION_COOKIE_SAMESITE = "None" if _secure else "Lax"
SAML_CSP_HANDLER = ""  # our CSP already allows only our own origin; the IdP posts to us
SAML_ATTRIBUTE_MAPPING: dict[str, tuple[str, ...]] = {}  # SamlBackend maps the claims
SAML_CREATE_UNKNOWN_USER = True

# No inline script, no third-party origin: everything is served from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *SAML_IDP_ORIGINS],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Off: numbers for people go through `lib.danish` (`{% load danish %}`), which groups thousands;
# a raw `{{ id }}` in a form value or URL must stay "1617", not "1.617".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise serves static files straight from the apps: no CDN, no separate web server needed.
WHITENOISE_USE_FINDERS = True
# Compressed files with content hashes in their names (`collectstatic`, run by `make run` and
# on each release), cached for a year. Not strict: a file missing from the manifest (tests
# without collectstatic) is served under its plain name instead of failing the page.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "sporskifte.ops.static.HashedStaticStorage"},
}
WHITENOISE_MANIFEST_STRICT = False
WHITENOISE_AUTOREFRESH = DEBUG
warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)
MEDIA_ROOT = VAR_DIR / "media"

# The user guide behind every screen's "Hjælp" link (Markdown, with screenshots in images/).
HELP_GUIDE = Path(
    env_str("HELP_GUIDE") or Path(__file__).resolve().parents[3] / "docs" / "brugervejledning.md"
)

# Keyed pseudonyms for analytic extracts (person_id): never the CPR number itself.
PSEUDONYM_KEY = env_str("PSEUDONYM_KEY") or SECRET_KEY

# Municipal policy, not law (the law's own dates are dated parameters in `sporskifte.rules`).
# Course phase-out: flag a course ending within this many months with no decided next step.
TRANSITION_WARNING_MONTHS = env_int("TRANSITION_WARNING_MONTHS", 6)
# The contact line in the phase-out letters (empty: the letter's default wording).
TRANSITION_LETTER_CONTACT = env_str("TRANSITION_LETTER_CONTACT") or ""
# Sickness benefit: warn this many days before the limit (22 weeks in 9 months) is reached.
SICKNESS_LIMIT_WARNING_DAYS = env_int("SICKNESS_LIMIT_WARNING_DAYS", 28)
# The week of the spell by which the first conversation is planned, per track (within the
# law's deadline), and the weeks of the cross-disciplinary track's follow-up conversations.
SICKNESS_FIRST_WEEK_INTERDISCIPLINARY = env_int("SICKNESS_FIRST_WEEK_INTERDISCIPLINARY", 4)
SICKNESS_FIRST_WEEK_OTHER = env_int("SICKNESS_FIRST_WEEK_OTHER", 8)
SICKNESS_INTERDISCIPLINARY_WEEKS = env_int_list("SICKNESS_INTERDISCIPLINARY_WEEKS", [10, 16, 22])
# A newly planned conversation is at least this many days after the case is opened.
SICKNESS_MIN_NOTICE_DAYS = env_int("SICKNESS_MIN_NOTICE_DAYS", 7)

# The screening model (`sporskifte model train --out DIR`). With no model there, spells are
# screened in the rules-and-answers-only mode, and the pages say so.
SCREENING_MODEL_DIR = Path(env_str("SCREENING_MODEL_DIR") or VAR_DIR / "model")
# The citizen's sickness-benefit form without login: only in the demo (`make run` turns it on).
# In production the form sits behind the municipality's login (MitID).
CITIZEN_FORM_PUBLIC = env_bool("CITIZEN_FORM_PUBLIC", default=False)
# /readyz fails while no screening model loads (otherwise the rules-only mode is ready too).
SCREENING_MODEL_REQUIRED = env_bool("SCREENING_MODEL_REQUIRED", default=False)

# Scheduled jobs (`manage.py worker`): "name=HH:MM,..." overrides the daily times; a job is
# late when its latest slot is this many minutes old without a successful run.
JOB_SCHEDULE = env_str("JOB_SCHEDULE") or ""
JOB_GRACE_MINUTES = env_int("JOB_GRACE_MINUTES", 120)
# Retention (ops/retention.yaml): the job deletes only when this is on (else a dry-run
# report), and only what an archival version delivered to the archive covers.
RETENTION_DELETE = env_bool("RETENTION_DELETE", default=False)
RETENTION_ARCHIVED_THROUGH = env_date("RETENTION_ARCHIVED_THROUGH")

# Hostile input bounded: an uploaded register file's size and its rows (checked from the
# file's own metadata where the format has it, before anything is loaded).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 200) * 1024 * 1024
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 2_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # request bodies other than files (Django's default)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads stream to a temporary file
# Validation reports list at most this many problems per rule, then a count of the rest.
IMPORT_REPORT_MAX_PER_RULE = env_int("IMPORT_REPORT_MAX_PER_RULE", 20)

# Anonymous submissions of the citizen's form: per client address and in all, per hour.
CITIZEN_FORM_MAX_PER_CLIENT_HOUR = env_int("CITIZEN_FORM_MAX_PER_CLIENT_HOUR", 10)
CITIZEN_FORM_MAX_PER_HOUR = env_int("CITIZEN_FORM_MAX_PER_HOUR", 1000)
# The throttle's counters: a cache shared by every worker process on this host.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(Path(env_str("CACHE_DIR") or VAR_DIR / "cache").resolve()),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_cpr": {"()": "sporskifte.audit.logging.MaskCprFilter"},
        "request_id": {"()": "sporskifte.audit.logging.RequestIdFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_cpr", "request_id"],
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "interpret": {"level": "WARNING"},
        # pysaml2 and djangosaml2 log whole assertions (names, CPR numbers) below ERROR.
        "saml2": {"level": "ERROR"},
        "djangosaml2": {"level": "ERROR"},
        "xmlschema": {"level": "WARNING"},
    },
}
