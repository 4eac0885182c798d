"""Settings shared by every environment. Everything that differs per deployment comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("INTEGRA_VAR_DIR", REPO_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    # Our apps before allauth so that our templates (layout, sign-in page) take precedence over its defaults.
    "integra.core",
    "integra.accounts",
    "integra.cooperation",
    "integra.learning",
    "integra.events",
    "integra.assessment",
    "integra.mentoring",
    "integra.practices",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "integra.accounts.middleware.IdleSessionTimeoutMiddleware",
    "integra.accounts.middleware.RequireSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "integra.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "integra.urls"
WSGI_APPLICATION = "integra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "integra.core.context_processors.shell",
            ],
        },
    }
]

# Persistent connections: each worker thread keeps its connection (CONN_MAX_AGE seconds, checked before reuse)
# instead of opening one per request — on SQLite opening one and running the PRAGMAs below costs about 2.5 ms
# of CPU per request, on PostgreSQL a connection handshake. INTEGRA_CONN_MAX_AGE=0 closes them after each request.
CONN_MAX_AGE = int(os.environ.get("INTEGRA_CONN_MAX_AGE", "600"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'integra.sqlite3'}"), conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue instead of
    # failing half-way, and the audit chain is extended by one writer at a time.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"

# --- django-allauth: e-mail login, invitation-only accounts, MFA -------------------------------------
ACCOUNT_ADAPTER = "integra.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"reset_password": "integra.accounts.allauth_forms.ResetPasswordForm"}  # our translated labels
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # addresses are vouched for by the inviting organisation
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
LOGIN_ATTEMPTS = int(os.environ.get("INTEGRA_LOGIN_ATTEMPTS", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("INTEGRA_LOGIN_LOCKOUT_SECONDS", "900"))
ACCOUNT_RATE_LIMITS = {
    # After LOGIN_ATTEMPTS failures an account is locked for LOGIN_LOCKOUT_SECONDS; an address is slowed too.
    "login_failed": f"20/m/ip,{LOGIN_ATTEMPTS}/{LOGIN_LOCKOUT_SECONDS}s/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    # The public mentor application form (mentoring): per address and per e-mail.
    "mentor_application": "5/h/ip,3/d/key",
}
MFA_ADAPTER = "integra.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "INTEGRA"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False

# Idle sessions end after this many minutes without a request.
SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("INTEGRA_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = 12 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "manifest-src": [SELF],
    }
}

# --- Languages ---------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("bg", "Български"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("el", "Ελληνικά"),
]
LANGUAGE_NAMES_IN_ENGLISH = {"en": _("English"), "fr": _("French"), "bg": _("Bulgarian"),
                             "it": _("Italian"), "pt": _("Portuguese"), "el": _("Greek")}
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["integra.formats"]  # English dates day-first with a 24-hour clock
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = REPO_DIR / "node_modules"
STATICFILES_DIRS = [("vendor/htmx", NODE_MODULES / "htmx.org" / "dist")] if (NODE_MODULES / "htmx.org").exists() else []
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"  # never served: files there are only read through a view's checks
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- E-mail and background tasks ---------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "INTEGRA <no-reply@integra.example.org>")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Cooperation: closed transition records are purged after this many days (unless under legal hold)
COOPERATION_CLOSED_RETENTION_DAYS = int(os.environ.get("INTEGRA_CLOSED_RECORD_RETENTION_DAYS", "730"))
# A request body without its files (a form, a JSON document): the longest text core.limits allows (JSON_TEXT) in
# four-byte characters fits with room; anything larger is refused before it is parsed. Files have their own
# bounds (cooperation.uploads, learning.packages).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Encrypted fields: comma-separated Fernet keys, newest first (the others only decrypt) -------------
INTEGRA_FIELD_KEYS = env_list("INTEGRA_FIELD_KEY")
# The audit trail's signing key (Ed25519 seed, `integra audit keygen`): never stored in the database.
INTEGRA_AUDIT_KEY = os.environ.get("INTEGRA_AUDIT_KEY", "")
# Signed checkpoints are also appended here, outside the database: back this directory up elsewhere.
AUDIT_CHECKPOINT_DIR = os.environ.get("INTEGRA_AUDIT_CHECKPOINT_DIR") or str(VAR_DIR / "audit-checkpoints")
AUDIT_SEAL_BATCH = int(os.environ.get("INTEGRA_AUDIT_SEAL_BATCH", "500"))  # events a process writes before a seal
AUDIT_SEAL_INTERVAL = int(os.environ.get("INTEGRA_AUDIT_SEAL_INTERVAL", "300"))  # seconds between seal requests
# Events younger than this are left for the next seal: a lower seq may still be in an open transaction.
AUDIT_SEAL_SETTLE_SECONDS = int(os.environ.get("INTEGRA_AUDIT_SEAL_SETTLE", "60"))

# --- API -----------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "integra.accounts.authentication.PersonalAccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["integra.core.api_policy.PolicyPermission"],
    "DEFAULT_FILTER_BACKENDS": ["integra.core.api_policy.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "integra.core.api_policy.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "integra.core.api_schema.IntegraAutoSchema",
    "EXCEPTION_HANDLER": "integra.core.api_policy.error_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "1200/min"},
    "DEFAULT_RENDERER_CLASSES": [
        "integra.core.api_renderers.OrjsonRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "INTEGRA API",
    "DESCRIPTION": "Prison, probation and community cooperation platform. Every endpoint applies the same "
    "access policy as the pages. Authenticate with a session or a personal access token "
    "(`Authorization: Bearer itg_...`).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "integra.core.api_schema.postprocess"],
    "ENUM_NAME_OVERRIDES": {
        "SectionEnum": "integra.cooperation.models.Section",
        "AccessLevelEnum": "integra.cooperation.models.AccessLevel",
        "LegalBasisEnum": "integra.cooperation.models.LegalBasis",
        "RoleEnum": "integra.core.roles.Role",
        "PhaseEnum": "integra.cooperation.models.Phase",
        "ActionStatusEnum": "integra.cooperation.models.Action.Status",
        "ConferenceStatusEnum": "integra.cooperation.models.CaseConference.Status",
        "CountryEnum": "integra.core.countries.Country",
        "LanguageEnum": "django.conf.settings.LANGUAGES",
        "PracticeWorkflowStatusEnum": "integra.practices.models.Practice.Status",
        "PracticeStatusEnum": "integra.practices.models.Practice.PracticeStatus",
        "VignetteKindEnum": "integra.assessment.models.CalibrationRound.Kind",
        "PlanPriorityEnum": "integra.assessment.models.Priority",
        "PlanRagEnum": "integra.assessment.models.ActionPlanItem.Rag",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django_tasks": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}},
}

WHITENOISE_USE_FINDERS = DEBUG
