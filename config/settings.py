"""Settings for the labour volunteer network portal. Every value comes from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import pghistory
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.cache import with_timeouts
from config.env import database_config, env, secret_key
from config.routers import replica_database

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.bool("DEBUG", default=False)
PRODUCTION = env.bool("PRODUCTION", default=False)
SECRET_KEY = secret_key(PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "import_export",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "accounts",
    "provinces",
    "mentors",
    "volunteers",
    "trainings",
    "rosters",
    "reports",
    "coverage",
    "awards",
    "cases",
    "activity",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come precompressed), before anything that reads or changes the body.
    "core.compression.TextGZipMiddleware",
    # Right after WhiteNoise and compression, so that it marks every answer but static files, error pages included.
    "core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's OTPMiddleware, reading the session's device by SQL written once per process.
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    # Agency staff open their agency's cases and nothing else (accounts.scope.AGENCY_STAFF_PAGES).
    "accounts.middleware.AgencyStaffPagesMiddleware",
    # Province data read while a page is answered must go through visible_to/editable_by (accounts/scoping.py).
    "accounts.middleware.ScopeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.RefusalAuditMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the Thai lockout page.
    "axes.middleware.AxesMiddleware",
]

# History records who changed what; only requests that write carry that context to PostgreSQL. On GET (every page
# view) pghistory would prepend two set_config() calls to each query, for nothing: pages do not change the registry.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# The admin's list of changes, in Thai: field names, local time, who (core/admin.py).
PGHISTORY_ADMIN_CLASS = "core.admin.ThaiEventsAdmin"
# History is read per row (pgh_obj) and per write (pgh_context), never by the keys it copies (a volunteer's province,
# subdistrict, mentor; a term's volunteer): pghistory's index on each copied key only cost every import one more
# index write per history row (about 0.1 s per key per 100,000 rows). The two keys history is read by stay indexed.
PGHISTORY_FOREIGN_KEY_FIELD = pghistory.ForeignKey(db_index=False)
# related_name given: pghistory writes the one it would generate into this shared setting, and every later model
# would take the first model's.
PGHISTORY_OBJ_FIELD = pghistory.ObjForeignKey(db_index=True, related_name="events")
PGHISTORY_CONTEXT_FIELD = pghistory.ContextForeignKey(db_index=True)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "core.context_processors.portal",
            ],
            "builtins": ["core.templatetags.thai"],
        },
    },
]

DATABASES = {"default": database_config(conn_max_age=env.int("CONN_MAX_AGE", default=600))}
# Reports and the dashboard may read from a PostgreSQL streaming replica (config/routers.py): only when it has
# replayed all the primary has written, else (lagging, down) from the primary. Unset: everything on the primary.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = replica_database(DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
# Threads that compute the independent parts of the dashboard and of a province report side by side, each with its own
# connection (core/alongside.py), and look up a roster preview's people while it checks their rows; 0: one after the
# other in the request's (or task's) thread.
REPORT_THREADS = env.int("REPORT_THREADS", default=2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Report figures are cached, keyed on the latest change to the registry (see reports/caching.py), in files that
# every gunicorn worker shares: with a cache per process, each worker computed each report again. CACHE_URL
# (django-environ's cache URLs, e.g. redis://...) points several servers at one cache. Keys start with the
# database's name, so benchmark databases on the same machine never answer for the portal's.
# CACHE_URL=redis://... uses Django's own Redis cache through config.cache, where a Redis that is down is a cache miss.
CACHE_URL = env.str("CACHE_URL", default=f"filecache://{BASE_DIR / '.local' / 'cache'}")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "config.cache.ForgivingRedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": env.cache_url_config(CACHE_URL)}
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)
    if CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
        CACHES["default"]["BACKEND"] = "config.cache.FastFileBasedCache"
CACHES["default"].setdefault("KEY_PREFIX", DATABASES["default"]["NAME"])

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses logins for an account or address that failed too often, before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the staff profile with the account (a query fewer on every page). Sessions
    # signed in before it named django.contrib.auth.backends.ModelBackend, which Django then no longer accepts: one
    # sign-in again after the upgrade.
    "accounts.backends.ModelBackendWithProfile",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / ".local" / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".local" / "media")
MEDIA_URL = "media/"
# Hashed, compressed static files (far-future cache; a repeat visit fetches only the page) wherever collectstatic has
# run: production and `make run`. Off for tests and `make dev`, which serve the source files unhashed.
HASHED_STATIC_FILES = env.bool("HASHED_STATIC_FILES", default=PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if HASHED_STATIC_FILES
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads: rosters are checked for size in the import form; Django spools bigger bodies to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
ROSTER_MAX_UPLOAD_MB = env.int("ROSTER_MAX_UPLOAD_MB", default=20)
ROSTER_MAX_ROWS = env.int("ROSTER_MAX_ROWS", default=200_000)
# An .xlsx from this size up (about 10,000 rows) is read by a child process while its rows are checked here
# (rosters/xlsx_stream.py); a smaller one is read in less time than the child takes to start.
ROSTER_READ_IN_CHILD_FROM_MB = env.float("ROSTER_READ_IN_CHILD_FROM_MB", default=1.0)
# An .xlsx is a zip: one that unpacks to more than this is refused before it is read (rosters/readers.py).
ROSTER_MAX_UNCOMPRESSED_MB = env.int("ROSTER_MAX_UNCOMPRESSED_MB", default=400)
# One statement of an import's write (a batch of 10,000 rows takes about a second, all the updates of 200,000 rows
# about 20 s) that runs longer is stopped and the whole write rolled back, rather than leaving the job "importing".
ROSTER_STATEMENT_TIMEOUT_SECONDS = env.int("ROSTER_STATEMENT_TIMEOUT_SECONDS", default=600)
# Uploaded rosters hold national IDs: `manage.py purge_roster_files` (daily, from cron) deletes them after this.
ROSTER_FILE_RETENTION_DAYS = env.int("ROSTER_FILE_RETENTION_DAYS", default=90)

# The programme (ระเบียบกระทรวงแรงงานว่าด้วยอาสาสมัครแรงงาน พ.ศ. 2548): a term of office, and how far ahead the
# board of terms ending looks.
VOLUNTEER_TERM_YEARS = env.int("VOLUNTEER_TERM_YEARS", default=3)
TERM_ENDING_SOON_DAYS = env.int("TERM_ENDING_SOON_DAYS", default=90)
# Cases (spot, screen, refer): open longer than this many days is overdue (เกินกำหนด); the person's name, contact and
# national ID are erased this many days after the case closed (`manage.py erase_case_personal_data`, daily).
CASE_OVERDUE_DAYS = env.int("CASE_OVERDUE_DAYS", default=30)
CASE_PERSONAL_DATA_DAYS = env.int("CASE_PERSONAL_DATA_DAYS", default=365)
# A volunteer's monthly activity report is on time when received by this day of the following month (activity.rules).
ACTIVITY_REPORT_DUE_DAY = env.int("ACTIVITY_REPORT_DUE_DAY", default=5)
# Rows a page of the monthly report grid shows: a whole large district (close to 2,000 volunteers) on one page
# weighed megabytes and took half a second to draw.
ACTIVITY_GRID_PAGE_SIZE = env.int("ACTIVITY_GRID_PAGE_SIZE", default=50)
# The programme's mailbox in the open data's metadata (data.go.th's maintainer_email); empty: the hotline only.
OPEN_DATA_CONTACT_EMAIL = env.str("OPEN_DATA_CONTACT_EMAIL", default="")

# Background tasks (roster checks and imports). TASKS_BACKEND=database (the default) keeps the queue in PostgreSQL,
# worked by `manage.py db_worker`; TASKS_BACKEND=rq puts it on Redis at REDIS_URL (django-tasks-rq), worked by
# `manage.py rqworker`, as many of them on as many machines as needed. `make worker` starts the right one. With
# RQ, a job whose enqueue failed (Redis down) stays queued in the database and is queued again by
# rosters.requeue when Redis answers.
TASK_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "config.task_backends.ForgivingRQBackend"}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(TASKS_BACKEND, TASKS_BACKEND)}}
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
# An import of 200,000 rows takes minutes; RQ's default of 180 s would kill it. No read timeout: the worker's own
# blocking wait for the next job is longer than any sensible one, and RQ sets its own.
RQ_QUEUES = {"default": {"URL": with_timeouts(REDIS_URL, read_timeout=None), "DEFAULT_TIMEOUT": 3600}}
if TASKS["default"]["BACKEND"] == TASK_BACKENDS["rq"]:
    INSTALLED_APPS.append("django_rq")

# Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after the login at most
# (accounts.middleware.SessionLimitsMiddleware). The cookie and the stored session outlive the idle window (up to
# SESSION_MAX_HOURS after the last request) so that the middleware, not the browser, ends an idle session and the
# login page can say why; with the cookie as short as the window, the browser dropped it first and the user met a
# login page with no reason given.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_MAX_HOURS", default=12) * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, read on every page by SQL written once per process (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Failed logins (django-axes): an account waits AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT wrong passwords from
# whatever addresses they came, so guessing one person's password from many machines gains nothing. An address waits
# only after AXES_ADDRESS_FAILURE_LIMIT failures across all accounts (accounts.lockout): a provincial office's staff
# share one address behind NAT, and with the address at the account's limit five typos by colleagues locked the whole
# office out. The address with the user agent would not spare them (an office's computers run the same browser, and
# a script sends whatever user agent it likes); twenty failures per address still stop a script trying usernames.
# Behind a reverse proxy the client address comes from its header (AXES_IPWARE_*).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# What axes counts against AXES_FAILURE_LIMIT and clears on a successful login: the account's own failures. With the
# address here too, a colleague's login cleared every failure from the office, guesses at other accounts included.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_HANDLER = "accounts.lockout.AccountOrAddressHandler"
# axes warns when the address is not a lockout parameter: the handler above limits it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Each of the PROXY_COUNT proxies appends the address it saw to the header, so the client is the PROXY_COUNT-th
# address from the right; addresses further left come from the client and are not trusted. (django-ipware
# counts only the proxies named in the header: one fewer than stand in front; IPWARE_STRICT off lets a
# client-sent prefix be ignored instead of making the whole header unusable.)
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1 if PROXY_COUNT else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    [env.str("PROXY_CLIENT_IP_HEADER", default="HTTP_X_FORWARDED_FOR"), "REMOTE_ADDR"]
    if PROXY_COUNT
    else ["REMOTE_ADDR"]
)
IPWARE_STRICT = False
AXES_VERBOSE = False
# Successful logins are in the portal's own audit record (core.AuditEvent); no second copy.
AXES_DISABLE_ACCESS_LOG = True

# Two-factor login (django-otp, TOTP): required for HQ analysts and administrators (accounts.middleware).
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="อสร. กระทรวงแรงงาน")
# The admin shows no one's TOTP key or QR code: anyone who read them could make that person's second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Content-Security-Policy (django-csp): only the portal's own files. An inline <script> or <style> runs only
# with nonce="{{ request.csp_nonce }}"; onclick="" handlers and javascript: links never run. style="" attributes
# are allowed: they cannot run code, and img-src keeps them from loading anything from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "font-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The REST API (api/): personal tokens or the portal's own session, JSON errors with a Thai `detail`, cursor pages,
# and a request budget per token (per account for sessions).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.ApiTokenAuthentication", "api.auth.PortalSessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.PortalApiAccess"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env.str("API_RATE", default="600/min")},
    "EXCEPTION_HANDLER": "api.errors.thai_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.ApiJsonParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API ระบบเครือข่ายอาสาสมัครแรงงาน (อสร.) / Labour Volunteer Network API",
    "DESCRIPTION": "ข้อมูลเดียวกับหน้าเว็บ ตามสิทธิ์และจังหวัดของผู้ใช้ / The portal's data, under the same rules as its pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["api.permissions.PortalApiAccess"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "VolunteerStatusEnum": "volunteers.rules.Status",
        "EventStatusEnum": "trainings.models.Event.Status",
        "EventKindEnum": "trainings.models.Event.Kind",
        "ImportJobStatusEnum": "rosters.models.ImportJob.Status",
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_error_responses"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
