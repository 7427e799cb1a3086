"""Django settings for JiXiao: one file, read from the environment (healthchecks style).

Defaults give the embedded set-up (SQLite under ./var, loopback only) and are safe as they
are: DEBUG is off unless JIXIAO_DEBUG=1 (``jixiao serve --debug``), and without
JIXIAO_SECRET_KEY a random key is generated once and kept in the data directory. Production
sets JIXIAO_SECRET_KEY, JIXIAO_ALLOWED_HOSTS, DATABASE_URL and, behind an HTTPS proxy,
JIXIAO_HTTPS=1 and JIXIAO_BEHIND_PROXY=1 (docs/install.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from jixiao.web.security.secret import persisted_secret_key

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: str) -> bool:
    """Read a yes/no setting ("1", "true", "yes" mean yes)."""
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    """Read an integer setting."""
    return int(os.environ.get(name, default))


DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
# Debug pages show settings and every route: only when asked for (`jixiao serve --debug`).
DEBUG = envbool("JIXIAO_DEBUG", "0")
# Set by `jixiao serve --prod`: the demo password is refused at login (jixiao.web.security).
PRODUCTION = envbool("JIXIAO_PROD", "0")
SECRET_KEY = os.environ.get("JIXIAO_SECRET_KEY", "").strip() or persisted_secret_key(DATA_DIR)
ALLOWED_HOSTS = os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("JIXIAO_CSRF_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "jixiao.web.orgs",
    "jixiao.web.performance",
    "jixiao.web.imports",
    "jixiao.web.api",
    "jixiao.web.cycle",
    "jixiao.web.monitoring",
    "jixiao.web.disclosure",
    "jixiao.web.outcomes",
    "jixiao.web.rules",
    "jixiao.web.security",
    "jixiao.web.library",
    "jixiao.web.help",
    "jixiao.web.experts",
    "jixiao.web.workbench",
    "jixiao.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jixiao.web.api.errors.ApiErrorMiddleware",
    "jixiao.web.security.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jixiao.web.cycle.views.conflict.StaleMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["jixiao.web.orgs.templatetags.numbers"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.orgs.context.current_membership",
                "jixiao.web.monitoring.context.monitoring_alerts",
                "jixiao.web.library.context.adjustment_reminders",
                "jixiao.web.help.context.help_link",
                "jixiao.web.workbench.context.notice_count",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}",
        conn_max_age=envint("JIXIAO_DB_CONN_MAX_AGE", "60"),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writers wait rather than fail with "database is locked": WAL lets readers go
    # on while one writes, a write transaction takes the lock at BEGIN (IMMEDIATE, so it never
    # has to be upgraded half-way and deadlock), and a writer waits up to `timeout` seconds.
    # ... and take turns (a fair queue in front of SQLite's busy wait: jixiao.web.sqlite).
    DATABASES["default"]["ENGINE"] = "jixiao.web.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "timeout": envint("JIXIAO_SQLITE_TIMEOUT", "30"),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("JIXIAO_TEST_SQLITE") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The dashboards' roll-ups (jixiao.web.monitoring.cache): a table in the database, so every
# gunicorn worker shares them and each database keeps its own.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "rollups": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jixiao_rollup_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Password logins (the site's and the admin's) go through the throttle
# (jixiao.web.security.throttle); API bearer tokens do not use passwords.
AUTHENTICATION_BACKENDS = ["jixiao.web.security.throttle.ThrottledModelBackend"]
LOGIN_THROTTLE_WINDOW_MINUTES = envint("JIXIAO_LOGIN_WINDOW_MINUTES", "15")
LOGIN_THROTTLE_PER_USERNAME = envint("JIXIAO_LOGIN_MAX_FAILURES", "5")
LOGIN_THROTTLE_PER_ADDRESS = envint("JIXIAO_LOGIN_MAX_FAILURES_PER_ADDRESS", "30")

# 绩效目标自动审核 (jixiao.web.library): the least share of quantified targets, in percent.
# Not fixed by the finance ministry's rules (DOMAIN.md), so a province sets its own.
REVIEW_MIN_QUANTIFIED = envint("JIXIAO_REVIEW_MIN_QUANTIFIED", "50")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS: list[Path] = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

# Uploads: documents only, size-limited (checked again per upload in imports.forms).
UPLOAD_MAX_BYTES = envint("JIXIAO_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Imports run as background jobs (jixiao.web.imports.jobs) on django-tasks' database queue:
# `jixiao serve` starts the worker; more run as `jixiao worker`. JIXIAO_TASKS_BACKEND names
# another django-tasks backend (e.g. django_tasks_rq.RQBackend with Redis) when scaling out.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("JIXIAO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# What one import may cost (jixiao.ingest.limits), each refused with the limit and the value.
IMPORT_MAX_UNZIPPED_BYTES = envint("JIXIAO_IMPORT_MAX_UNZIPPED_BYTES", str(100 * 1024 * 1024))
IMPORT_MAX_MEMBERS = envint("JIXIAO_IMPORT_MAX_MEMBERS", "2000")
IMPORT_MAX_RATIO = envint("JIXIAO_IMPORT_MAX_RATIO", "200")
IMPORT_MAX_ROWS = envint("JIXIAO_IMPORT_MAX_ROWS", "20000")
IMPORT_MAX_CELLS = envint("JIXIAO_IMPORT_MAX_CELLS", "300000")
IMPORT_MAX_PAGES = envint("JIXIAO_IMPORT_MAX_PAGES", "1000")
IMPORT_MAX_LINES = envint("JIXIAO_IMPORT_MAX_LINES", "100000")
IMPORT_MAX_INDICATORS = envint("JIXIAO_IMPORT_MAX_INDICATORS", "5000")
IMPORT_MAX_SECONDS = envint("JIXIAO_IMPORT_MAX_SECONDS", "600")
IMPORT_MAX_MEMORY_MB = envint("JIXIAO_IMPORT_MAX_MEMORY_MB", "2048")
IMPORT_KEEP_HOURS = envint("JIXIAO_IMPORT_KEEP_HOURS", "24")  # then an unconfirmed preview goes
IMPORT_STALE_SECONDS = envint("JIXIAO_IMPORT_STALE_SECONDS", "60")  # no heartbeat: interrupted
IMPORT_MAX_ACTIVE = envint("JIXIAO_IMPORT_MAX_ACTIVE", "3")  # queued or running, per user
EVIDENCE_MAX_BYTES = envint("JIXIAO_EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Served over HTTPS (`jixiao serve --prod` assumes so): cookies only over HTTPS, and HSTS.
HTTPS = envbool("JIXIAO_HTTPS", "0")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("JIXIAO_HSTS_SECONDS", str(365 * 24 * 3600)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("JIXIAO_HSTS_SUBDOMAINS", "0")
# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto and X-Forwarded-For
# (the proxy must overwrite them; gunicorn must then listen on loopback only).
BEHIND_PROXY = envbool("JIXIAO_BEHIND_PROXY", "0")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIXIAO_LOG_LEVEL", "WARNING")},
}

# E-mail (notices, reminders) through Django's SMTP backend, once JIXIAO_EMAIL_HOST is set;
# without it nothing is mailed and notices stay in the app (jixiao.web.workbench.notices).
EMAIL_HOST = os.environ.get("JIXIAO_EMAIL_HOST", "").strip()
EMAIL_PORT = envint("JIXIAO_EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("JIXIAO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("JIXIAO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("JIXIAO_EMAIL_TLS", "0")
EMAIL_TIMEOUT = envint("JIXIAO_EMAIL_TIMEOUT", "10")
DEFAULT_FROM_EMAIL = os.environ.get("JIXIAO_EMAIL_FROM", "jixiao@localhost")
NOTICE_EMAIL = bool(EMAIL_HOST)
# The address users reach the system at, for the links in e-mails (e.g. https://jx.example.cn).
SITE_URL = os.environ.get("JIXIAO_SITE_URL", "").strip()
