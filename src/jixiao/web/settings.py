"""Django settings for JiXiao: one file, read from the environment (healthchecks style).

Defaults give the embedded set-up (SQLite under ./var, DEBUG on, loopback only);
production sets JIXIAO_SECRET_KEY, JIXIAO_DEBUG=0, JIXIAO_ALLOWED_HOSTS and DATABASE_URL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: str) -> bool:
    """Read a yes/no setting ("1", "true", "yes" mean yes)."""
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    """Read an integer setting."""
    return int(os.environ.get(name, default))


DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
DEBUG = envbool("JIXIAO_DEBUG", "1")
SECRET_KEY = os.environ.get("JIXIAO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("JIXIAO_SECRET_KEY must be set when JIXIAO_DEBUG=0")
    SECRET_KEY = "jixiao-insecure-development-key-change-me"  # noqa: S105 - dev only
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

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
                "jixiao.web.orgs.context.current_membership",
                "jixiao.web.monitoring.context.monitoring_alerts",
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
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
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
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("JIXIAO_SECURE_COOKIES", "1")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIXIAO_LOG_LEVEL", "WARNING")},
}
