"""The dashboards' roll-up, cached across server processes and dropped on every write.

:func:`~jixiao.web.monitoring.queries.province_rollup` sums a province-year's ~170,000
indicators and checks: a quarter to half a second of database work that every dashboard
request would repeat while nothing changed. :func:`cached_rollup` keeps its result in the
``rollups`` cache (a database table, so every gunicorn worker shares it and each database has
its own) under the organisation, year, monitoring date and a *data version*; :func:`cached`
does the same for any other figure derived from the watched models (the dashboard's years).

The data version is a random token that :func:`bump` replaces whenever something the roll-up
reads is written: ``post_save``/``post_delete`` of every model of the performance, cycle and
monitoring apps, of organisations and of the provinces' scoring variants (their grade
bands grade the units; :func:`connect`, wired in the app's ``ready``), and an
explicit :func:`bump` from the bulk paths that send no signals (the round launch, bulk
answers). The new token is written when the transaction commits, never inside it, so a
reader never caches figures older than the token it read and a writer never holds a lock on
the token row. Until then the writing connection itself reads past the cache (it sees its own
uncommitted rows, the other processes do not).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save

from jixiao.core.rollup import Rollup
from jixiao.web.monitoring.queries import province_rollup
from jixiao.web.orgs.models import Organization
from jixiao.web.paging import KeysByOrganization

#: Name of the cache in ``settings.CACHES``.
CACHE = "rollups"
VERSION_KEY = "rollup-data-version"
#: A roll-up is kept a day at most even if nothing is written (the date moves the lights).
TIMEOUT = 24 * 3600
#: Apps whose every model may change a roll-up figure (plus ``orgs.Organization``).
WATCHED_APPS = ("performance", "cycle", "monitoring")
DIRTY = "jixiao_rollup_dirty"
T = TypeVar("T")


def _cache() -> Any:
    return caches[CACHE]


def data_version() -> str:
    """The current data version (created on first use)."""
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return str(version)


def _publish() -> None:
    """Write a fresh data version (after the commit): every cached roll-up is now stale."""
    _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    setattr(connections[DEFAULT_DB_ALIAS], DIRTY, False)


def bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """Mark the roll-ups stale once the current transaction commits (at once outside one).

    Registers one callback per transaction, however many rows it writes.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        setattr(connection, DIRTY, True)
        if any(entry[1] is _publish for entry in connection.run_on_commit):
            return
    transaction.on_commit(_publish, using=using)


def _on_write(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    bump(using)


def watched_models() -> list[type]:
    """The models whose writes change a roll-up."""
    found = [m for label in WATCHED_APPS for m in apps.get_app_config(label).get_models()]
    return [*found, Organization, apps.get_model("rules", "ScoringVariant")]


def connect() -> None:
    """Bump the data version on every save and delete of a watched model."""
    for model in watched_models():
        uid = f"rollup-cache-{model._meta.label}"
        post_save.connect(_on_write, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"{uid}-delete")


def _reads_own_writes() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    return bool(getattr(connection, DIRTY, False)) and connection.in_atomic_block


def cached(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``key`` until the next write of a watched model."""
    if _reads_own_writes():
        return compute()
    full = f"{key}:{data_version()}"
    cache = _cache()
    found = cache.get(full)
    if found is None:
        found = compute()
        cache.set(full, found, TIMEOUT)
    return found


def cached_rollup(root: Organization, year: int, as_of: date | None = None) -> Rollup:
    """:func:`province_rollup` of ``root``, ``year`` and ``as_of``, from the cache when current."""
    when = as_of.isoformat() if as_of else "-"
    return cached(f"rollup:{root.pk}:{year}:{when}", lambda: province_rollup(root, year, as_of))


def check_keys(rows: Any, scope: str, order: tuple[str, ...]) -> KeysByOrganization:
    """The keys of ``rows`` (checks) by unit, their per-unit counts cached under ``scope``.

    ``scope`` names what ``rows`` selects (organisation, date, filters); the counts are one
    ``GROUP BY`` over a province's checks, read again only after a write.
    """
    sizes = cached(f"checks:{scope}", lambda: KeysByOrganization.sizes_of(rows))
    return KeysByOrganization(rows, order, sizes)
