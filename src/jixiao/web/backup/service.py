"""Backup and restore as the CLI runs them: archive, verify, refuse, apply, prove.

Order matters for consistency. The backup takes the database snapshot first and the uploaded
files after it, so every file the snapshot refers to is there (a file deleted in between is
the only gap; uploads made in between are extra files nobody refers to). The restore verifies
every checksum before it touches anything, refuses a database or upload folder that already
holds data unless forced, restores the database, checks every table against the manifest,
and only then swaps the upload folder (the old one is kept beside it, renamed).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from jixiao import __version__
from jixiao.web.backup import archive, postgres, sqlite
from jixiao.web.backup.fingerprints import differences
from jixiao.web.backup.migrations import UnknownMigrations, known_state

# Tables Django fills by itself on any database: they do not make a database "hold data".
BOOKKEEPING = {"django_content_type", "auth_permission", "django_session", "django_migrations"}


class BackupError(Exception):
    """Backup or restore cannot go on; the message is Chinese and says what to do."""


def engine() -> str:
    """``sqlite`` or ``postgresql``."""
    return connection.vendor


def default_path(now: datetime | None = None) -> Path:
    """Where a backup goes when no file is named: ``<data dir>/backups/jixiao-…tar.gz``."""
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"jixiao-backup-{stamp}.tar.gz"


# --------------------------------------------------------------------------- backup


def backup(output: Path | None = None, portable: bool = False) -> dict[str, Any]:
    """Write one archive of the database and the uploaded files; a summary of it."""
    output = (output or default_path()).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.exists():
        raise BackupError(f"{output} 已存在，不会覆盖；请换一个文件名。")
    staging = Path(tempfile.mkdtemp(prefix=".jixiao-backup-", dir=output.parent))
    partial = output.with_name(output.name + ".partial")
    writer = None
    try:
        database = _snapshot(staging, portable)
        if not database["migrations"]:
            raise BackupError("数据库尚未初始化（没有迁移记录），没有可备份的内容。")
        writer = archive.Writer(partial)
        for name in database.pop("files"):
            writer.add(staging / name, name)
        media = _add_media(writer)
        writer.close(_manifest(database, media, timezone.now()))
        partial.replace(output)
    finally:
        if writer is not None:
            writer.abandon()
        shutil.rmtree(staging, ignore_errors=True)
        partial.unlink(missing_ok=True)
    return {
        "file": str(output),
        "bytes": output.stat().st_size,
        "engine": engine(),
        "method": database["method"],
        "tables": len(database["tables"]),
        "rows": sum(t["rows"] for t in database["tables"].values()),
        "media_files": media,
    }


def _snapshot(staging: Path, portable: bool) -> dict[str, Any]:
    try:
        return _snapshot_by_engine(staging, portable)
    except postgres.RestoreError as exc:  # pg_dump failed
        raise BackupError(str(exc)) from exc
    except (sqlite3.Error, DatabaseError) as exc:
        raise BackupError(f"无法读取数据库：{exc}") from exc


def _snapshot_by_engine(staging: Path, portable: bool) -> dict[str, Any]:
    if engine() == "sqlite":
        if portable:
            raise BackupError("--portable 只用于 PostgreSQL；SQLite 始终用在线备份接口。")
        return sqlite.snapshot(connection, staging)
    if engine() == "postgresql":
        return postgres.snapshot(connection, staging, portable=portable)
    raise BackupError(f"不支持的数据库类型：{engine()}")


def _add_media(writer: archive.Writer) -> int:
    root = Path(settings.MEDIA_ROOT)
    count = 0
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        if path.is_file() and not path.is_symlink():
            writer.add(path, "media/" + path.relative_to(root).as_posix())
            count += 1
    return count


def _manifest(database: dict[str, Any], media: int, now: datetime) -> dict[str, Any]:
    facts = {k: v for k, v in database.items() if k not in ("tables", "migrations")}
    return {
        "format": archive.FORMAT,
        "format_version": archive.FORMAT_VERSION,
        "created_at": now.isoformat(),
        "created_ts": now.timestamp(),
        "jixiao_version": __version__,
        "database": {"engine": engine(), **facts},
        "migrations": database["migrations"],
        "tables": database["tables"],
        "media_files": media,
    }


# --------------------------------------------------------------------------- restore


def restore(source: Path, force: bool = False) -> dict[str, Any]:
    """Put a backup back; refuses to overwrite data unless ``force``. A summary of it."""
    if not source.is_file():
        raise BackupError(f"找不到备份文件 {source}")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".jixiao-restore-", dir=media_root.parent))
    try:
        manifest = archive.extract(source, staging)
        _check_compatible(manifest)
        if not force:
            _refuse_if_holding_data(media_root)
        found = _restore_database(staging, manifest)
        problems = differences(manifest["tables"], found["tables"])
        if problems:
            raise BackupError("恢复后的数据库与备份不一致：" + "；".join(problems[:5]))
        kept = _swap_media(staging / "media", media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _clear_caches()
    return {
        "file": str(source),
        "created_at": manifest["created_at"],
        "method": manifest["database"]["method"],
        "tables": len(found["tables"]),
        "rows": sum(t["rows"] for t in found["tables"].values()),
        "media_files": manifest["media_files"],
        "previous_media": str(kept) if kept else None,
    }


def _check_compatible(manifest: dict[str, Any]) -> None:
    made_on = manifest["database"]["engine"]
    if made_on != engine():
        raise BackupError(
            f"此备份来自 {made_on} 数据库，当前数据库是 {engine()}；请在同类数据库上恢复。"
        )
    try:
        known_state(connection, manifest["migrations"])
    except UnknownMigrations as exc:
        raise BackupError(str(exc)) from exc


def holding_data(media_root: Path) -> list[str]:
    """What already holds data: model tables with rows, and the upload folder."""
    existing = set(connection.introspection.table_names())
    busy = [
        str(model._meta.verbose_name)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in existing
        and model._meta.db_table not in BOOKKEEPING
        and model._base_manager.exists()
    ]
    if media_root.is_dir() and any(media_root.iterdir()):
        busy.append(f"上传文件目录 {media_root}")
    return busy


def _refuse_if_holding_data(media_root: Path) -> None:
    busy = holding_data(media_root)
    if busy:
        shown = "、".join(busy[:6]) + ("等" if len(busy) > 6 else "")
        raise BackupError(
            f"当前数据库或上传目录已有数据（{shown}），恢复会覆盖它们。"
            "确认要覆盖时请加 --force（原上传目录会改名保留）。"
        )


def _restore_database(staging: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    try:
        if engine() == "sqlite":
            return sqlite.restore(connection, staging)
        return postgres.restore(connection, staging, manifest)
    except postgres.RestoreError as exc:
        raise BackupError(str(exc)) from exc
    except (sqlite3.Error, DatabaseError) as exc:
        raise BackupError(f"无法写入数据库（{exc}）；请先停止 Web 服务再恢复。") from exc


def _swap_media(staged: Path, media_root: Path) -> Path | None:
    """Put the restored uploads in place; the previous folder, renamed, when it held files."""
    kept = None
    if media_root.is_dir() and any(media_root.iterdir()):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        kept = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
        media_root.rename(kept)
    elif media_root.is_dir():
        media_root.rmdir()
    if staged.is_dir():
        staged.rename(media_root)
    else:
        media_root.mkdir()
    return kept


def _clear_caches() -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
