"""One settings module, driven by the environment (see docs/operations.md)."""

import os
from pathlib import Path

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
    "ketenkaart.access",
    "ketenkaart.api",
    "ketenkaart.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ketenkaart.core.middleware.RequestIdMiddleware",
    "ketenkaart.api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
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
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "ketenkaart.api.schema.DutchAutoSchema",
    "EXCEPTION_HANDLER": "ketenkaart.api.problems.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "ketenkaart.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
API_VERSION = "1.0.0"
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
    "CONTACT": {"name": "Ketenkaart", "url": "https://ketenkaart.nl"},
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ketenkaart.api.schema.add_version_header",
    ],
}

# Domain settings (see docs/domain.md). Values marked unverified in DOMAIN.md stay configurable.
KETENKAART = {
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
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ketenkaart.core.logging.RequestIdFilter"}},
    "formatters": {
        # Log lines carry the request id and the path pattern, never personal data.
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
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
