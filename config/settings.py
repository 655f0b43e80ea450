"""Settings for the assessment hub, read from the environment.

The defaults are the embedded demo: SQLite, the database task worker, the console
email backend and files under ./var. A production deployment sets DJANGO_DEBUG=false,
DJANGO_SECRET_KEY, DATABASE_URL and DJANGO_ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("HUB_VAR_DIR", str(BASE_DIR / "var")))
# The embedded default keeps its database and documents here; make it on first run.
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", True)
# The demo key is only acceptable while DEBUG is on: production must supply one.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "demo-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "hub.core",
    "hub.accounts",
    "hub.audit",
    "hub.referrals",
    "hub.assessments",
    "hub.timescales",
    "hub.allocation",
    "hub.workspace",
    "hub.bundles",
    "hub.triage",
    "hub.reports",
    "hub.api",
    "hub.privacy",
    "hub.home",
    "hub.notifications",
    "hub.feedback",
    "hub.cin",
    "hub.caseaudit",
    "hub.datapack",
    "hub.training",
    "hub.impact",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hub.accounts.middleware.SecondFactorRequiredMiddleware",
    "hub.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "hub.core.middleware.NoStoreMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "hub.home.context_processors.navigation",
            ],
        },
    },
]
# Every form renders with GOV.UK Design System markup (labels, hints, error messages).
FORM_RENDERER = "hub.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hub.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; the timeout
    # rides out the short write locks the two take in turn.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too, not SQLite's shared in-memory database: only a file
    # gives each connection real locks, so concurrency tests prove something here
    # as well as on PostgreSQL. (pytest-xdist gives each worker its own copy.)
    # The process id keeps two test runs in one checkout from sharing a file.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-hub-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

TASKS = {"default": {"BACKEND": env_str("HUB_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "hub" / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
# Court bundles and reports live here, outside anything the web server serves:
# they are only ever streamed by a view that has checked who is asking.
MEDIA_ROOT = Path(env_str("HUB_DOCUMENT_ROOT", str(VAR_DIR / "documents")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: anything over 2.5 MB streams to a temporary file rather than memory;
# the bundle limit is enforced while the body arrives (hub.referrals.uploads).
FILE_UPLOAD_TEMP_DIR = env_str("HUB_UPLOAD_TEMP_DIR", "") or None
BUNDLE_MAX_BYTES = env_int("HUB_BUNDLE_MAX_BYTES", 250 * 1024 * 1024, minimum=1024)
# The most pages of one bundle file the worker reads; a longer file is refused with that reason.
BUNDLE_MAX_PAGES = env_int("HUB_BUNDLE_MAX_PAGES", 20000, minimum=1)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Every bundle file is scanned by ClamAV's clamd on this socket (a path, or
# tcp://host:port on loopback) before it is kept; empty turns scanning off. When
# it is set and clamd cannot answer, uploads are refused rather than kept unscanned.
HUB_CLAMAV_SOCKET = env_str("HUB_CLAMAV_SOCKET", "")
HUB_CLAMAV_TIMEOUT_SECONDS = env_int("HUB_CLAMAV_TIMEOUT_SECONDS", 60, minimum=1)
# "The maximum number of assessments at any one time was three per social worker"
# (practice guide, 001). The database refuses more than three on any assessor
# (hub.accounts.models.ASSESSMENTS_PER_ASSESSOR_CEILING, a check constraint), so this
# may lower the hub's maximum but never raise it.
HUB_MAX_ASSESSMENTS_PER_ASSESSOR = env_int("HUB_MAX_ASSESSMENTS_PER_ASSESSOR", 3, minimum=1, maximum=3)

# The demo prints email on the console; production sends it by SMTP unless told otherwise.
_email_backend = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
_smtp_options = {
    "host": env_str("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 25, minimum=1),
    "username": env_str("EMAIL_HOST_USER", ""),
    "password": env_str("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
}
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        # Only the SMTP backend takes connection options; the console backend
        # used by the demo takes none.
        "OPTIONS": _smtp_options if _email_backend.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "assessment-hub@example.org")
HUB_BASE_URL = env_str("HUB_BASE_URL", "http://127.0.0.1:8000")
# The hub's own name and contact details, on every page, letter and calendar feed.
# The defaults are the demo's synthetic placeholders (a 0151 000 number is never
# allocated): set the real ones before the first letter goes out.
HUB_NAME = env_str("HUB_NAME", "Cheshire and Merseyside Assessment Hub")
HUB_POSTAL_ADDRESS = env_str("HUB_POSTAL_ADDRESS", "Assessment Hub, 1 Example Street, Liverpool L1 0AA")
HUB_TELEPHONE = env_str("HUB_TELEPHONE", "0151 000 0000")

# Messages (survey invitations, referrals to advocacy and support): "email" through the email
# backend above, or "notify" through GOV.UK Notify with an API key from Notify's settings page.
HUB_NOTIFICATIONS_BACKEND = env_str("HUB_NOTIFICATIONS_BACKEND", "email")
if HUB_NOTIFICATIONS_BACKEND not in ("email", "notify"):
    raise ImproperlyConfigured(f"HUB_NOTIFICATIONS_BACKEND={HUB_NOTIFICATIONS_BACKEND!r} must be email or notify.")
HUB_NOTIFY_API_KEY = env_str("HUB_NOTIFY_API_KEY", None if HUB_NOTIFICATIONS_BACKEND == "notify" else "")
HUB_NOTIFY_BASE_URL = env_str("HUB_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# Notify's general template, subject ((subject)) and body ((body)), for messages without one of their own.
HUB_NOTIFY_TEMPLATE_ID = env_str("HUB_NOTIFY_TEMPLATE_ID", "")
HUB_NOTIFY_TIMEOUT_SECONDS = env_int("HUB_NOTIFY_TIMEOUT_SECONDS", 30, minimum=1)
# Feedback surveys: how long a link or letter code works, and how many wrong codes one
# address may type in a quarter of an hour before it must wait.
HUB_SURVEY_LINK_DAYS = env_int("HUB_SURVEY_LINK_DAYS", 42, minimum=1)
HUB_SURVEY_CODE_ATTEMPTS = env_int("HUB_SURVEY_CODE_ATTEMPTS", 10, minimum=1)

# Sign-in: a password, then a code from an authenticator app (TOTP) or a recovery code.
OTP_TOTP_ISSUER = "Assessment Hub"
# Lockout after repeated failures: by account name, whether or not the account
# exists, and by address, which stops one machine trying many accounts. An office
# behind one address shares that limit: raise HUB_SIGN_IN_FAILURE_LIMIT if needed.
AXES_FAILURE_LIMIT = env_int("HUB_SIGN_IN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("HUB_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hub.accounts.views.locked_out"
AXES_VERBOSE = False
# Sessions end after this much inactivity, with a warning first, and after this long in all.
HUB_IDLE_TIMEOUT_SECONDS = env_int("HUB_IDLE_TIMEOUT_SECONDS", 30 * 60, minimum=60)
HUB_IDLE_WARNING_SECONDS = env_int("HUB_IDLE_WARNING_SECONDS", 2 * 60, minimum=10)
HUB_ABSOLUTE_TIMEOUT_SECONDS = env_int("HUB_ABSOLUTE_TIMEOUT_SECONDS", 10 * 60 * 60, minimum=60)
SESSION_COOKIE_AGE = HUB_ABSOLUTE_TIMEOUT_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict policy: only this site's own scripts, styles, images and fonts; the one
# inline script (which marks the page as JavaScript-enabled) carries a nonce.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
if not DEBUG:
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HUB_LOG_LEVEL", "INFO")},
    # pikepdf announces itself at INFO on every start; only its warnings matter.
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "pikepdf": {"level": "WARNING"},
        # django-axes logs the account name tried; our own access log records sign-in failures instead.
        "axes": {"level": "WARNING"},
    },
}

FILE_UPLOAD_HANDLERS = [
    "hub.core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
