"""One settings module, driven by the environment (see docs/operations.md)."""

import datetime
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Demo mode creates accounts with the password "demo"; production refuses it below.
DEMO_MODE = env_bool("KETENKAART_DEMO")
PRODUCTION = env_bool("KETENKAART_PRODUCTION")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required in production.")
    SECRET_KEY = "insecure-development-key-only-for-local-use"  # noqa: S105
if PRODUCTION and DEMO_MODE:
    raise ImproperlyConfigured("KETENKAART_DEMO may never be on in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "django_q",
    "ketenkaart.core",
    "ketenkaart.organisations",
    "ketenkaart.audit",
    "ketenkaart.households",
    "ketenkaart.safety_maps",
    "ketenkaart.reports",
    "ketenkaart.exemptions",
    "ketenkaart.notifications",
    "ketenkaart.safety_teams",
    "ketenkaart.buffers",
    "ketenkaart.community",
    "ketenkaart.portal",
    "ketenkaart.retention",
    "ketenkaart.referrals",
    "ketenkaart.questionnaires",
    "ketenkaart.monitor",
    "ketenkaart.access",
    "ketenkaart.api",
    "ketenkaart.demo",
    "ketenkaart.worker",
]

MIDDLEWARE = [
    # Request rate, latency and errors per view for /metrics (django-prometheus); first and last.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ketenkaart.core.middleware.RequestIdMiddleware",
    # One audit event per change: the gate's attempt row only when no change followed.
    "ketenkaart.audit.services.AuditAttemptMiddleware",
    # A refusal inside a service's transaction keeps its audit row after the rollback.
    "ketenkaart.audit.refusals.RefusalsKeptMiddleware",
    "ketenkaart.api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, taking the session's user row (core/users.py; issue 17).
    "ketenkaart.core.users.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ketenkaart.core.login.middleware.SessionTimeoutMiddleware",
    "ketenkaart.core.login.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ketenkaart.core.login.middleware.NoStoreMiddleware",
    # Last, so that it sees the lockout of a login the form refused (django-axes).
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "ketenkaart.urls"
WSGI_APPLICATION = "ketenkaart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ketenkaart" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ketenkaart.core.context_processors.ketenkaart",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("KETENKAART_VAR_DIR", BASE_DIR / "var"))
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database needs its folder
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ketenkaart.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo serve reads while a write is in flight.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Behind PgBouncer in transaction mode (docs/operations.md): no server-side cursors and no
# prepared statements, which live in a server connection that the next transaction may not get.
if env_bool("KETENKAART_PGBOUNCER") and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
# The hot reads (core/precompiled.py) are prepared once per database session on PostgreSQL,
# so the server plans them once, not on every request; not behind a transaction pooler.
KETENKAART_PREPARED_STATEMENTS = env_bool("KETENKAART_PREPARED_STATEMENTS", True) and not env_bool(
    "KETENKAART_PGBOUNCER"
)

# A streaming replica for reads that may lag (the monitor, exports, access-log listings):
# ketenkaart/core/replica.py sends only those there. In tests it mirrors the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
KETENKAART_REPLICA = "replica" in DATABASES
DATABASE_ROUTERS = ["ketenkaart.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login (OWASP ASVS 4.0 level 2, chapters 2 and 3). Passwords of at least 12 characters and
# not on the list of common passwords (ASVS 2.1.1, 2.1.7).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "ketenkaart.core.login.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "ketenkaart.core.oidc.MunicipalityOIDCBackend",
    "ketenkaart.portal.digid.FamilyOIDCBackend",
    # Django's ModelBackend, reading the session's user with its professional in one statement.
    "ketenkaart.core.users.ModelBackend",
]
# Throttling and lockout of failed logins (ASVS 2.2.1): after AXES_FAILURE_LIMIT failures a
# username is locked for the cool-off time, whatever address the attempts come from; so is one
# browser at one address that tries many usernames (password spraying), without locking out a
# whole office behind one address.
AXES_FAILURE_LIMIT = int(os.environ.get("KETENKAART_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("KETENKAART_LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "user_agent"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True  # every login is in our own audit log instead
# Two factors for every local account (ASVS 2.7, 2.8): TOTP with recovery codes. Demo mode
# may skip it, and the login page says so.
TWO_FACTOR_REQUIRED = env_bool("KETENKAART_TWO_FACTOR_REQUIRED", not DEMO_MODE)
if PRODUCTION and not TWO_FACTOR_REQUIRED:
    raise ImproperlyConfigured("KETENKAART_TWO_FACTOR_REQUIRED may never be off in production.")
OTP_TOTP_ISSUER = "Ketenkaart"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Sessions end after SESSION_COOKIE_AGE (absolute) or this many minutes without a request (ASVS
# 3.3.2).
SESSION_IDLE_TIMEOUT = int(os.environ.get("KETENKAART_SESSION_IDLE_MINUTES", "30")) * 60
# API bearer tokens expire (ASVS 3.5); `ketenkaart token create --days N` may choose less.
API_TOKEN_DAYS = int(os.environ.get("KETENKAART_API_TOKEN_DAYS", "90"))

# OIDC login for the municipality's identity provider (mozilla-django-oidc), on when a client
# id is set. It logs in existing accounts only, matched on the username claim.
OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
OIDC_AUTHENTICATE_CLASS = "ketenkaart.core.oidc.AuthenticationRequestView"
OIDC_CALLBACK_CLASS = "ketenkaart.core.oidc.AuthenticationCallbackView"
LOGIN_REDIRECT_URL_FAILURE = "/inloggen"
# DigiD for families through the municipality's OIDC provider (issue 16), a client of its own,
# on when its client id is set (ketenkaart.portal.digid, docs/operations.md). The BSN comes in
# the claim named here (the provider's choice: "bsn", or a broker's own name).
KETENKAART_FAMILY_OIDC_ENABLED = bool(os.environ.get("KETENKAART_FAMILY_OIDC_CLIENT_ID"))
KETENKAART_FAMILY_OIDC_CLIENT_ID = os.environ.get("KETENKAART_FAMILY_OIDC_CLIENT_ID", "")
KETENKAART_FAMILY_OIDC_CLIENT_SECRET = os.environ.get("KETENKAART_FAMILY_OIDC_CLIENT_SECRET", "")
KETENKAART_FAMILY_OIDC_SIGN_ALGO = os.environ.get("KETENKAART_FAMILY_OIDC_SIGN_ALGO", "RS256")
KETENKAART_FAMILY_OIDC_SCOPES = os.environ.get("KETENKAART_FAMILY_OIDC_SCOPES", "openid")
KETENKAART_FAMILY_OIDC_AUTHORIZATION_ENDPOINT = os.environ.get(
    "KETENKAART_FAMILY_OIDC_AUTHORIZATION_ENDPOINT", ""
)
KETENKAART_FAMILY_OIDC_TOKEN_ENDPOINT = os.environ.get("KETENKAART_FAMILY_OIDC_TOKEN_ENDPOINT", "")
KETENKAART_FAMILY_OIDC_USER_ENDPOINT = os.environ.get("KETENKAART_FAMILY_OIDC_USER_ENDPOINT", "")
KETENKAART_FAMILY_OIDC_JWKS_ENDPOINT = os.environ.get("KETENKAART_FAMILY_OIDC_JWKS_ENDPOINT", "")
KETENKAART_FAMILY_OIDC_BSN_CLAIM = os.environ.get("KETENKAART_FAMILY_OIDC_BSN_CLAIM", "bsn")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "ketenkaart" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Production serves collected files; elsewhere WhiteNoise finds them in the apps directly.
STATIC_ROOT = VAR_DIR / "static" if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION
# Outside production a file is looked up when it is asked for (WhiteNoise's development mode),
# not all of static read when the middleware starts: the test client starts the middleware anew
# for every Client, and that read was three fifths of the access sweep's time.
WHITENOISE_AUTOREFRESH = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

SESSION_COOKIE_HTTPONLY = True
# Django's database sessions with the user as a column (core/models.py UserSession).
SESSION_ENGINE = "ketenkaart.core.sessions"
SESSION_COOKIE_AGE = 8 * 60 * 60
# Pages and styles only from this site; no inline script or style, no framing (ASVS 14.4.3).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ketenkaart.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["ketenkaart.api.formats.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["ketenkaart.api.parsers.StrictJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "ketenkaart.api.schema.DutchAutoSchema",
    "EXCEPTION_HANDLER": "ketenkaart.api.problems.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "ketenkaart.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
API_VERSION = "1.0.0"
# An API body larger than this answers 413; JSON nested deeper than this answers 400.
API_MAX_BODY_BYTES = int(os.environ.get("KETENKAART_API_MAX_BODY_BYTES", "1000000"))
API_MAX_JSON_DEPTH = 32
SPECTACULAR_SETTINGS = {
    "TITLE": "Ketenkaart API",
    "DESCRIPTION": "De API van Ketenkaart, volgens de Nederlandse API Design Rules.",
    "VERSION": API_VERSION,
    "OAS_VERSION": "3.0.3",
    "SERVE_INCLUDE_SCHEMA": False,
    # Input and output have their own serializers, so no "...Request" copies are needed.
    "COMPONENT_SPLIT_REQUEST": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/api/v1"}],
    "CONTACT": {
        "name": "Ketenkaart",
        "url": "https://ketenkaart.nl",
        "email": "api@ketenkaart.nl",
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "ENUM_NAME_OVERRIDES": {
        "DeelnemerSoortEnum": ["gezinslid", "professional"],
        "RolEnum": ["ouder", "verzorger", "kind", "anders"],
        "StatusEnum": ["afgerond", "vervallen"],
        "AgendapuntStatusEnum": ["gepland", "besproken"],
        "SoortEnum": ["voorlopige_ots", "ots", "machtiging_uithuisplaatsing", "gezagsbeeindiging"],
        "NetwerkSoortEnum": "ketenkaart.safety_maps.api_content.NETWORK_KIND_VALUES",
        "NetwerkNabijheidEnum": "ketenkaart.safety_maps.api_content.NETWORK_CLOSENESS_VALUES",
        "HulpaanbodAntwoordEnum": ["nog_niet", "aangenomen", "afgeslagen"],
        "NoodtoegangUitkomstEnum": ["terecht", "nagaan"],
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ketenkaart.api.schema.add_version_header",
    ],
}

# Domain settings (see docs/domain.md). Values marked unverified in DOMAIN.md stay configurable.
KETENKAART: dict[str, Any] = {
    # Show a warning when at least this many professionals are involved and nobody has regie.
    "NO_LEAD_WARNING_THRESHOLD": int(os.environ.get("KETENKAART_NO_LEAD_THRESHOLD", "3")),
    # Warn this many days before a court measure ends (an extension must be asked in time).
    "MEASURE_WARNING_DAYS": {
        "provisional_supervision": 21,
        "supervision": 90,
        "out_of_home_placement": 90,
        "custody_termination": 90,
    },
    # Days a Royal decree equates with the holidays of the Algemene termijnenwet (published
    # every three years, e.g. the Friday after Ascension), as ISO dates: not working days for
    # Veilig Thuis deadlines. Empty by default: check the current decree and set them here.
    "EXTRA_NON_WORKING_DAYS": env_list("KETENKAART_EXTRA_NON_WORKING_DAYS"),
    # Person search (search-before-create) per user: at most this many searches per window
    # of seconds, counted in this cache (use a shared cache, e.g. the database or Redis, when
    # more than one process serves).
    "PERSON_SEARCH_LIMIT": os.environ.get("KETENKAART_PERSON_SEARCH_LIMIT", "30/600"),
    "PERSON_SEARCH_CACHE": "default",
    # Tries of a Mijn gezin invitation code per address per window (portal/services.py).
    "FAMILY_CODE_LIMIT": os.environ.get("KETENKAART_FAMILY_CODE_LIMIT", "10/900"),
    # The monitor (M7): a cell resting on fewer units (meldingen, families, parents, answers)
    # than this is not shown; how many years of history a full refresh keeps; and how many
    # weeks of synthetic history the demo loader adds (0: none; `make demo` asks for 52).
    "MONITOR_MIN_CELL": int(os.environ.get("KETENKAART_MONITOR_MIN_CELL", "10")),
    "MONITOR_HISTORY_YEARS": int(os.environ.get("KETENKAART_MONITOR_HISTORY_YEARS", "5")),
    "DEMO_HISTORY_WEEKS": int(os.environ.get("KETENKAART_DEMO_HISTORY_WEEKS", "0")),
}

# The toegangslog (docs/operations.md#the-audit-log). Its key never lives in the database: an
# owner who rewrites rows cannot forge their keyed hashes. Without KETENKAART_AUDIT_KEY it is
# derived from SECRET_KEY, which is not in the database either.
KETENKAART_AUDIT: dict[str, Any] = {
    "KEY": os.environ.get("KETENKAART_AUDIT_KEY", "") or f"audit:{SECRET_KEY}",
    # Append-only file outside the database that receives every checkpoint ("" = none).
    "CHECKPOINT_FILE": os.environ.get("KETENKAART_AUDIT_CHECKPOINT_FILE", ""),
    # Syslog target that receives every checkpoint too: /dev/log or host:port, UDP ("" = none).
    "CHECKPOINT_SYSLOG": os.environ.get("KETENKAART_AUDIT_CHECKPOINT_SYSLOG", ""),
    "CHECKPOINT_SYSLOG_FACILITY": os.environ.get("KETENKAART_AUDIT_SYSLOG_FACILITY", "local0"),
    # `audit verify` fails on rows the sealer has left unsealed for longer than this.
    "SEAL_MAX_DELAY_SECONDS": int(os.environ.get("KETENKAART_AUDIT_SEAL_MAX_DELAY", "900")),
    # Keep the log at least this long (NEN 7513 advises five years).
    "RETENTION_YEARS": int(os.environ.get("KETENKAART_AUDIT_RETENTION_YEARS", "5")),
    # PostgreSQL role of the web processes: after every migrate it may only INSERT and SELECT
    # on the audit tables ("" = no grants are managed).
    "RUNTIME_ROLE": os.environ.get("KETENKAART_DB_RUNTIME_ROLE", ""),
    # NEN 7513 source system (AuditSourceID) in exports.
    "SOURCE_ID": os.environ.get("KETENKAART_AUDIT_SOURCE_ID", "ketenkaart"),
}

# The installation's own look and footer (docs/operations.md, "Eigen huisstijl"): a theme of
# NL Design System tokens, a logo, and where the footer's links lead. Paths without a scheme are
# static files (put them in a directory listed in STATICFILES_DIRS); the CSP allows only 'self'.
KETENKAART_LOOK: dict[str, Any] = {
    "THEME_STYLESHEET": os.environ.get(
        "KETENKAART_THEME_STYLESHEET", "vendor/voorbeeld-design-tokens/theme.css"
    ),
    "THEME_CLASS": os.environ.get("KETENKAART_THEME_CLASS", "voorbeeld-theme"),
    "LOGO": os.environ.get("KETENKAART_LOGO", ""),
    "ORGANISATION_NAME": os.environ.get("KETENKAART_ORGANISATION_NAME", ""),
    "ACCESSIBILITY_URL": os.environ.get("KETENKAART_ACCESSIBILITY_URL", ""),
    "PRIVACY_URL": os.environ.get("KETENKAART_PRIVACY_URL", ""),
    "HELP_URL": os.environ.get("KETENKAART_HELP_URL", ""),
}

# The worker (`ketenkaart worker`, docs/operations.md): django-q2 with its queue in the database
# (the ORM broker; SQLite and PostgreSQL, no Redis). One job at a time per process by default;
# a run longer than `timeout` is stopped; nothing is retried (the schedule comes round again).
Q_CLUSTER = {
    "name": "ketenkaart",
    "orm": "default",
    "workers": int(os.environ.get("KETENKAART_WORKER_PROCESSES", "1")),
    "timeout": int(os.environ.get("KETENKAART_WORKER_TIMEOUT", "1800")),
    "retry": int(os.environ.get("KETENKAART_WORKER_TIMEOUT", "1800")) + 60,
    "max_attempts": 1,
    "ack_failures": True,
    "catch_up": False,
    "save_limit": 2000,
    "poll": 2,
    "label": "Achtergrondtaken",
}

# GET /metrics (Prometheus text format) answers a scraper that sends this bearer token, or a
# logged-in functioneel beheerder; without a token only the latter. Under gunicorn set
# PROMETHEUS_MULTIPROC_DIR to an empty directory so every worker process is counted.
KETENKAART_METRICS_TOKEN = os.environ.get("KETENKAART_METRICS_TOKEN", "")

# LOG_FORMAT=json writes one JSON object a line (for a log shipper); the default is plain text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "ketenkaart.core.logging.RequestIdFilter"},
        "task_failure": {"()": "ketenkaart.core.logging.TaskFailureFilter"},
    },
    "formatters": {
        # Log lines carry the request id and the path pattern, never personal data.
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "ketenkaart.core.logging.JsonFormatter",
            "fields": ["asctime", "levelname", "name", "request_id", "message"],
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id", "task_failure"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs full request paths on 4xx/5xx; our URLs hold UUIDs only, but the
        # request logger also repeats query strings, so keep it at ERROR.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # With DEBUG on, this logger would print every SQL statement with its parameters.
        "django.db.backends": {"level": "INFO"},
        # django-axes masks usernames and addresses; its lockout warnings are enough.
        "axes": {"level": "WARNING"},
        # django-q2 logs task and schedule names at INFO (never arguments or results).
        "django-q": {"level": "INFO"},
    },
}

# Notifications by e-mail print to the console unless an operator configures SMTP.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ketenkaart@localhost")
