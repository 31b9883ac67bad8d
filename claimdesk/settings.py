"""Claimdesk settings: one module, every deployment difference from the environment.

The embedded default (no variables set) is a development site: SQLite beside the
code, Celery tasks run in-process, DEBUG on, a development secret key.  With
``DEBUG=false`` the development defaults are refused: a real ``SECRET_KEY`` and
``ALLOWED_HOSTS`` must come from the environment.  ``.env.example`` lists every
variable read here.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from claimdesk.env import env_bool, env_float, env_int, env_list, env_str
from claims.detection import config as detection_config  # pure Python, no Django

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-claimdesk-development-only-never-use-in-production"  # noqa: S105 (refused when DEBUG is off)
SECRET_KEY = env_str("SECRET_KEY") or _DEV_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")


def _refuse_development_defaults() -> None:
    """Stop start-up when a production process still runs on development defaults."""
    problems = []
    if SECRET_KEY == _DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure"):
        problems.append("SECRET_KEY is missing or is the development key")
    elif len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        problems.append("SECRET_KEY is weak (use at least 50 random characters)")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS is empty (a comma-separated list of host names)")
    if problems:
        raise ImproperlyConfigured(
            "Refusing to start with DEBUG=false: "
            + "; ".join(problems)
            + ". Set them in the environment (see .env.example)."
        )


if not DEBUG:
    _refuse_development_defaults()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "simple_history",
    "axes",
    "knox",
    "accounts",
    "claims",
    "annotate",
    "publishing",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes turns a locked-out request into its answer on the way out: it must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "claimdesk.urls"
WSGI_APPLICATION = "claimdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so concurrent writers
    # (runserver threads, an in-process task) wait instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Web hardening: HTTPS, cookies, CSP, Permissions-Policy ------------------------------
# Production (DEBUG=false) defaults pass `manage.py check --deploy --fail-level WARNING`
# (tests/claimdesk/test_deploy_check.py); each one is overridable from the environment.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# Behind a proxy that terminates TLS, USE_X_FORWARDED_PROTO=true lets Django see the
# original scheme (CSRF's origin check needs it too); the redirect then only fires for a
# request the proxy itself received over plain HTTP. A proxy that cannot send the header
# is the one case for SECURE_SSL_REDIRECT=false (the proxy must redirect instead).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A year, the value browsers' preload lists ask for; sent on HTTPS responses only.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Preloading asks browser vendors to hard-code HTTPS for the whole registrable domain, which
# takes months to undo: the operator opts in. Until then the check that nags for it is off.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere (not even in the API docs): every page runs only the
# site's own files. data: images are Swagger UI's icons, drawn from its own stylesheet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Browser features the site never uses, refused to the page and to anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# --- Claimdesk ----------------------------------------------------------------------------
# Largest article body accepted, in bytes of UTF-8 (uploads and API bodies alike).
CLAIMDESK_MAX_ARTICLE_BYTES = env_int("CLAIMDESK_MAX_ARTICLE_BYTES", 1_000_000, minimum=1)
# Sentences per detection task: large enough to amortise a task's overhead.
CLAIMDESK_DETECT_BATCH_SIZE = env_int("CLAIMDESK_DETECT_BATCH_SIZE", 128, minimum=1)
# An article queued or processing for longer than this is re-queued by the sweeper.
CLAIMDESK_STUCK_AFTER_SECONDS = env_int("CLAIMDESK_STUCK_AFTER_SECONDS", 900, minimum=1)


def _detector_settings() -> tuple[str, float | None]:
    """The detector's name and threshold, checked now rather than at the first detection.

    The detection core reads them from the environment itself (it runs without Django,
    in scripts and benchmarks too) through the same parsers (claims/detection/config.py),
    so every process refuses at start-up a value the detector would refuse, and
    ``diffsettings`` shows them. Whether the named detector can load here (its optional
    extra, its model file) is a system check: claims/checks.py.
    """
    name = detection_config.detector_name(env_str("CLAIMDESK_DETECTOR"))
    try:
        detection_config.detector_spec(name)
        return name, detection_config.parse_threshold(env_str("CLAIMDESK_DETECTOR_THRESHOLD"))
    except ValueError as refused:
        raise ImproperlyConfigured(str(refused)) from None


# Checked here at start-up; the detectors read the environment themselves through the same
# parsers (they run without Django), so these are for the check and `diffsettings`. The
# threshold: None for the detector's own (the model file's), else a score in [0, 1].
CLAIMDESK_DETECTOR, CLAIMDESK_DETECTOR_THRESHOLD = _detector_settings()
CLAIMDESK_ORGANISATION = env_str("CLAIMDESK_ORGANISATION", "Claimdesk")
# Passwords of the users `manage.py setup_demo` creates (DEMO_ANNOTATOR_PASSWORD, ...).
CLAIMDESK_DEMO_PASSWORDS = {
    name: env_str(f"DEMO_{name.upper()}_PASSWORD") or f"{name}-demo-pass"
    for name in ("annotator", "annotator2", "editor", "admin")
}
# The site's public address, for links in exports and webhook payloads made
# outside a request (the export command, Celery tasks).
CLAIMDESK_SITE_URL = env_str("CLAIMDESK_SITE_URL", "http://localhost:8000")
# Largest JSON body the desk's API endpoints accept, in bytes.
CLAIMDESK_API_MAX_BODY_BYTES = env_int("CLAIMDESK_API_MAX_BODY_BYTES", 256 * 1024, minimum=1024)
# Webhooks: attempts before giving up, the first back-off (doubling), the
# request timeout; loopback targets only for tests and local development.
CLAIMDESK_WEBHOOK_MAX_ATTEMPTS = env_int("CLAIMDESK_WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)
CLAIMDESK_WEBHOOK_BACKOFF_SECONDS = env_int("CLAIMDESK_WEBHOOK_BACKOFF_SECONDS", 10, minimum=1)
CLAIMDESK_WEBHOOK_TIMEOUT_SECONDS = env_int("CLAIMDESK_WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1)
CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = env_bool("CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK", False)

# Upload limits sit above the article limit so that the service, not Django's
# request parser, answers an oversized article with its own clear message.
DATA_UPLOAD_MAX_MEMORY_SIZE = CLAIMDESK_MAX_ARTICLE_BYTES * 4 + 1_000_000
FILE_UPLOAD_MAX_MEMORY_SIZE = CLAIMDESK_MAX_ARTICLE_BYTES * 4 + 1_000_000

# --- Celery -------------------------------------------------------------------------------
_BROKER = env_str("CELERY_BROKER_URL") or env_str("REDIS_URL")
# No broker configured: the embedded default runs every task in-process, and
# the in-memory transport stands in so that nothing tries to reach a server.
CELERY_TASK_ALWAYS_EAGER = not _BROKER
CELERY_BROKER_URL = _BROKER or "memory://"
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # kombu's Redis transport with the fix that keeps a worker alive through an outage.
    CELERY_BROKER_TRANSPORT = "claimdesk.broker:Transport"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = env_int("CELERY_WORKER_PREFETCH_MULTIPLIER", 4, minimum=1)
# Measured on 2 cores shared with other work (load average 6 to 10): a step (the first step of
# a 4,000-character article, a batch of 128 sentences) took 0.2 to 0.45 s; the longest, the
# first step of a 1 MB article (split, then insert 11,666 sentences), 5.4 s. The limits leave
# about four times that, and stop a step that hangs (a lock, a dead connection) within 30 s.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 20, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30, minimum=1)
# Retries of a transient error (database, broker): exponential back-off with jitter, capped.
CLAIMDESK_TASK_MAX_RETRIES = env_int("CLAIMDESK_TASK_MAX_RETRIES", 5, minimum=0)
CLAIMDESK_TASK_RETRY_BACKOFF_MAX = env_int("CLAIMDESK_TASK_RETRY_BACKOFF_MAX", 20, minimum=1)
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"claims.tasks.article_detect_batch_task": {"queue": "detect"}}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# On a lost broker connection, running tasks finish: their work is in the database, and the
# message they could not acknowledge comes back (visibility timeout) to a step that finds it done.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# A message a worker took and never acknowledged (the worker was killed, or lost the broker)
# is delivered again once it is older than the visibility timeout; each worker looks for such
# messages every CELERY_UNACKED_RESTORE_INTERVAL seconds. The timeout must stay above the
# longest time a live worker holds a message (a retry's back-off, then the run up to the hard
# limit), or a slow message is delivered twice (harmless, every step is idempotent, but wasted).
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 90, minimum=1)
# Seconds before a publish or any other broker command gives up (connect and reply), so a
# broker that vanished without closing the connection cannot hang a web request.
CELERY_BROKER_SOCKET_TIMEOUT = env_float("CELERY_BROKER_SOCKET_TIMEOUT", 5.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10, minimum=1),
    # kombu scans on every Nth interval only (10 by default: 100 s); every interval instead.
    "unacked_restore_throttle": 1,
    # The lock a sweep holds for its few milliseconds. A worker killed while holding it
    # blocks every other worker's sweep until it expires: kombu's 300 s would hold a
    # killed worker's messages back for five minutes.
    "unacked_mutex_expire": env_int("CELERY_UNACKED_MUTEX_EXPIRE", 10, minimum=1),
    "socket_connect_timeout": CELERY_BROKER_SOCKET_TIMEOUT,
    "socket_timeout": CELERY_BROKER_SOCKET_TIMEOUT,
}
# The outbox (claims.outbox): a message owed for longer than this is sent again, and beat
# checks this often; a worker also checks whenever it (re)connects to the broker.
CLAIMDESK_OUTBOX_EVERY_SECONDS = env_int("CLAIMDESK_OUTBOX_EVERY_SECONDS", 5, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "flush-outbox": {
        "task": "claims.tasks.outbox_flush_task",
        "schedule": float(CLAIMDESK_OUTBOX_EVERY_SECONDS),
        # Not worth keeping when workers are away: the next one, or a reconnecting worker, runs it.
        "options": {"expires": float(CLAIMDESK_OUTBOX_EVERY_SECONDS)},
    },
    "requeue-stuck-articles": {
        "task": "claims.tasks.requeue_stuck_task",
        "schedule": env_float("CLAIMDESK_SWEEP_EVERY_SECONDS", 300.0),
    },
}


def _check_task_timing() -> None:
    """Refuse time limits and a visibility timeout that contradict each other."""
    if CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
        raise ImproperlyConfigured(
            f"CELERY_TASK_SOFT_TIME_LIMIT={CELERY_TASK_SOFT_TIME_LIMIT} must be below "
            f"CELERY_TASK_TIME_LIMIT={CELERY_TASK_TIME_LIMIT}"
        )
    held = CELERY_TASK_TIME_LIMIT + CLAIMDESK_TASK_RETRY_BACKOFF_MAX
    if CELERY_VISIBILITY_TIMEOUT <= held:
        raise ImproperlyConfigured(
            f"CELERY_VISIBILITY_TIMEOUT={CELERY_VISIBILITY_TIMEOUT} must be above "
            f"CELERY_TASK_TIME_LIMIT + CLAIMDESK_TASK_RETRY_BACKOFF_MAX = {held}: a worker "
            "holds a message that long, and would see it delivered a second time"
        )


_check_task_timing()

# --- REST framework -----------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so that an unauthenticated request gets 401 with a
    # WWW-Authenticate header (DRF takes the header from the first class).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON with size and depth limits (claimdesk/api/parsers.py); forms are bounded by
    # DATA_UPLOAD_MAX_MEMORY_SIZE.
    "DEFAULT_PARSER_CLASSES": [
        "claimdesk.api.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "claimdesk.api.pagination.CreatedCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "claimdesk.api.schema.ErrorResponsesSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "claimdesk.api.errors.exception_handler",
    # JSON only: the browsable API's templates carry inline styles that the CSP refuses;
    # Swagger UI at /api/docs/ is the API's page for people.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimdesk API",
    "DESCRIPTION": "Articles, sentences, detected claims, reviews and exports.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claimdesk.api.schema.defaults_outside_one_of",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "claims.models.ArticleStatus",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "ClaimOriginEnum": "claims.models.ClaimOrigin",
        "WebhookEventEnum": "publishing.models.WebhookEvent",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}


# === Authentication hardening: log-in limits and expiring API tokens ========================
# Kept in one block: the apps, middleware and settings of django-axes and django-rest-knox.
# (Their apps and middleware are in INSTALLED_APPS and MIDDLEWARE above.)
# The axes backend refuses a locked-out client before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
_LOCKOUT_KEYS = {"username", "ip_address", "user_agent"}


def _lockout_parameters(items: list[str]) -> list[str | list[str]]:
    """``username,ip_address+user_agent`` -> axes' form (a list; a sub-list means "together")."""
    parameters: list[str | list[str]] = []
    for item in items:
        keys = [key.strip() for key in item.split("+")]
        unknown = sorted(set(keys) - _LOCKOUT_KEYS)
        if unknown:
            raise ImproperlyConfigured(
                f"CLAIMDESK_LOGIN_LOCKOUT_BY: unknown {', '.join(unknown)}; "
                f"use {', '.join(sorted(_LOCKOUT_KEYS))}, joined by + to combine"
            )
        parameters.append(keys[0] if len(keys) == 1 else keys)
    if not parameters:
        raise ImproperlyConfigured("CLAIMDESK_LOGIN_LOCKOUT_BY must name at least one key")
    return parameters


# Failed log-ins are counted in the database (shared by every web process) per key below;
# at the limit the key is locked out for the cool-off, which each further failure restarts.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("CLAIMDESK_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CLAIMDESK_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
# By user name alone by default: behind a reverse proxy every client has the proxy's address,
# so an IP lock would lock everyone out.  Add ip_address where REMOTE_ADDR is the client's.
AXES_LOCKOUT_PARAMETERS = _lockout_parameters(env_list("CLAIMDESK_LOGIN_LOCKOUT_BY", "username"))
if "username" in AXES_LOCKOUT_PARAMETERS:
    # axes.W006 warns that a lock without the IP address is dodged by rotating user agents
    # or cookies; a lock on the user name alone is not.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # no banner on every manage.py command

# API tokens (django-rest-knox): stored as SHA-512 digests, sent as `Authorization: Token
# <key>`, valid for this many hours from creation unless created with another lifetime.
CLAIMDESK_API_TOKEN_TTL_HOURS = env_int("CLAIMDESK_API_TOKEN_TTL_HOURS", 24 * 30, minimum=1)
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=CLAIMDESK_API_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    "USER_SERIALIZER": None,
}
