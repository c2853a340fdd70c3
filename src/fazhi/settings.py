"""The one settings module of Fazhi, configured by environment variables.

FAZHI_HOME      data directory (embedded SQLite database, uploads, generated secret key);
                default ``~/.local/share/fazhi`` (``$XDG_DATA_HOME/fazhi`` when that is set).
DATABASE_URL    selects another database, e.g. ``postgres://postgres@127.0.0.1:5432/fazhi``.
FAZHI_ENV       ``production`` switches on HTTPS-only cookies, HSTS and DEBUG off checks.
FAZHI_DEBUG     ``1`` turns on Django's debug pages (never in production).
FAZHI_SECRET_KEY, FAZHI_ALLOWED_HOSTS (comma separated), FAZHI_SESSION_IDLE_MINUTES.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from fazhi.streams import discover_stream_apps


def envbool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "fazhi"


PACKAGE_DIR = Path(__file__).resolve().parent
FAZHI_HOME = Path(os.environ.get("FAZHI_HOME") or default_home()).expanduser()
FAZHI_HOME.mkdir(parents=True, exist_ok=True)
PRODUCTION = os.environ.get("FAZHI_ENV", "").lower() == "production"


def _secret_key() -> str:
    """Read FAZHI_SECRET_KEY, or keep a generated key in the data directory."""
    if os.environ.get("FAZHI_SECRET_KEY"):
        return os.environ["FAZHI_SECRET_KEY"]
    key_file = FAZHI_HOME / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("FAZHI_DEBUG") and not PRODUCTION
ALLOWED_HOSTS = envlist("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "ninja",
    "fazhi.core",
    "fazhi.accounts",
    "fazhi.indicators",
    "fazhi.portal",
    "fazhi.reports",
    "fazhi.benchdata",
    "fazhi.api",
    *discover_stream_apps(),
    "fazhi.demo",  # above every other app: fazhi_demo loads units, accounts, then each stream's demo
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fazhi.core.middleware.RequestContextMiddleware",
    "fazhi.core.middleware.NoStoreMiddleware",
    "fazhi.core.middleware.RefusalAuditMiddleware",
    "fazhi.accounts.middleware.AccountPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]
# Refused requests (403, 404 on a record's page, 429) written to the audit log per account (or
# address) and minute, at most (core/audit.py ``record_refusal``).
FAZHI_AUDIT_DENIED_PER_MINUTE = envint("FAZHI_AUDIT_DENIED_PER_MINUTE", 20)

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "fazhi.core.context_processors.shell",
            ],
        },
    },
]

_sqlite_path = FAZHI_HOME / "fazhi.sqlite3"
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{_sqlite_path}", conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on the short aggregate queries of indicators and
    # lists (measured: 75 ms compiling a 5 ms count; docs/deployment.md). The operator may override.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get("FAZHI_PG_OPTIONS", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "fazhi.accounts.backends.LockoutBackend",  # django-axes' AxesStandaloneBackend
    "fazhi.accounts.backends.AccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8}},
    {"NAME": "fazhi.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "fazhi.accounts.validators.NoAccountNameValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): 5 failures lock the account for 15 minutes, whichever identifier
# was typed (account name, mobile number, e-mail address in any case: accounts/lockout.py).
AXES_FAILURE_LIMIT = envint("FAZHI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("FAZHI_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "fazhi.accounts.lockout.account_key"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "fazhi.accounts.views.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Accounts are locked by account, as the policy says. Offices share one NAT address, so axes does
# not lock by address (that would lock a whole department out after 5 failures); instead an address
# is refused for the cool-off time after this many failures across any accounts (accounts/lockout.py).
FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT = envint("FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Two-step sign-in (django-otp, TOTP): required for the three administrators, optional for others
# (accounts/otp.py). Wrong codes: 5 per account in 15 minutes, then the second step is refused.
OTP_TOTP_ISSUER = os.environ.get("FAZHI_TOTP_ISSUER", "Fazhi")
OTP_FAILURE_LIMIT = envint("FAZHI_OTP_FAILURE_LIMIT", 5)
# Password reset links expire after this many minutes and work once (accounts/views.py).
PASSWORD_RESET_TIMEOUT = envint("FAZHI_PASSWORD_RESET_MINUTES", 60) * 60
# Mail (password reset): SMTP to FAZHI_EMAIL_HOST (in production, the local MTA on localhost:25 when
# unset); outside production without a host, mail is printed on the console (demo).
_email_host = os.environ.get("FAZHI_EMAIL_HOST") or ("localhost" if PRODUCTION else "")
if _email_host:
    _email_port = envint("FAZHI_EMAIL_PORT", 465 if os.environ.get("FAZHI_EMAIL_HOST") else 25)
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {
        "host": _email_host, "port": _email_port,
        "username": os.environ.get("FAZHI_EMAIL_USER", ""), "password": os.environ.get("FAZHI_EMAIL_PASSWORD", ""),
        "use_ssl": _email_port == 465, "use_tls": _email_port != 465 and envbool("FAZHI_EMAIL_STARTTLS", _email_port == 587),
        "timeout": 20,
    }}}
else:
    MAILERS = {"default": {"BACKEND": os.environ.get("FAZHI_EMAIL_BACKEND",
                                                     "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = os.environ.get("FAZHI_EMAIL_FROM", "noreply@fazhi.invalid")
# Text messages (accounts/sms.py): a backend class by dotted path, e.g. fazhi.accounts.sms.ConsoleSmsBackend;
# empty: none sent (a staff sheet's one-time passwords then go by e-mail or on the printed sheet).
FAZHI_SMS_BACKEND = os.environ.get("FAZHI_SMS_BACKEND", "")

# Staff sessions expire after this many idle minutes; citizens keep theirs for two weeks.
STAFF_SESSION_IDLE_MINUTES = envint("FAZHI_SESSION_IDLE_MINUTES", 30)
PUBLIC_SESSION_AGE_SECONDS = 14 * 24 * 3600
SESSION_COOKIE_AGE = PUBLIC_SESSION_AGE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# Fazhi's own translations (compiled .mo committed, as Django does): strings Django 6.1 leaves untranslated.
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = FAZHI_HOME / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = FAZHI_HOME / "media"

# Rate limits of public forms and API tokens (core/ratelimit.py) count in this cache; files under
# FAZHI_HOME are shared by every worker process of one server without another service.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(FAZHI_HOME / "cache"),
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# Uploads (core/uploads.py): Excel files up to FAZHI_UPLOAD_MAX_MB (20) are accepted, kept in memory up
# to 5 MB, beyond on disk; the first handler stops a larger file while it arrives. Form and JSON
# bodies (no files) stay under Django's 2.5 MB default; a request carries at most 5 files.
FILE_UPLOAD_HANDLERS = [
    "fazhi.core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024 // 2
DATA_UPLOAD_MAX_NUMBER_FILES = 5

FILTERS_EMPTY_CHOICE_LABEL = "全部"

# Background work (reminders, report rendering) queues in the database; `fazhi manage db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Strict CSP: every script and style is a vendored static file; no inline code.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "fazhi.core.views.csrf_failure"

if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("FAZHI_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("FAZHI_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Domain rules marked unconfirmed in the spec ([U]) are settings (fazhi.core.config.setting);
# FAZHI_RULES='{"FAZHI_NORMATIVE_FILING_DAYS": 30}' overrides any of them without code.
import json  # noqa: E402

FAZHI_RULES = json.loads(os.environ.get("FAZHI_RULES", "{}"))

FAZHI_DIVISIONS_DIR = PACKAGE_DIR / "core" / "data" / "divisions"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
}
