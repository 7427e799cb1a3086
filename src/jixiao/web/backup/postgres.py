"""PostgreSQL: one REPEATABLE READ snapshot, dumped by ``pg_dump`` or copied table by table.

The backup opens a read-only REPEATABLE READ transaction and reads the table hashes in it.
When a ``pg_dump`` at least as new as the server is on PATH, it dumps that very snapshot
(``--snapshot`` with ``pg_export_snapshot()``), in its custom format, which ``pg_restore``
can also read by hand. Otherwise every table is copied with ``COPY … TO STDOUT`` (PostgreSQL's
exact text form) inside the transaction, with the sequences' positions; restoring that form
rebuilds the schema from the migrations recorded in the backup and loads the rows, all in
one transaction, so a failed restore changes nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from django.db import transaction

from jixiao.web.backup.fingerprints import differences, fingerprints, quote

DUMP = "database/jixiao.pgdump"
TABLES = "database/tables"
SEQUENCES = "database/sequences.json"
CHUNK = 1024 * 1024


class RestoreError(Exception):
    """pg_dump / pg_restore failed, or the restored data differ; the message is Chinese."""


def tables(cursor: Any) -> list[str]:
    """The tables of the current schema."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return sorted(r[0] for r in cursor.fetchall())


def order_of(cursor: Any, table: str) -> list[str]:
    """The primary-key columns of ``table``, or all its columns when it has none."""
    cursor.execute(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
        " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
        " WHERE i.indrelid = %s::regclass AND i.indisprimary"
        " ORDER BY array_position(i.indkey, a.attnum)",
        [quote(table)],
    )
    key = [r[0] for r in cursor.fetchall()]
    return key or columns_of(cursor, table)


def columns_of(cursor: Any, table: str) -> list[str]:
    """The columns of ``table`` in their stored order."""
    cursor.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass"
        " AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        [quote(table)],
    )
    return [r[0] for r in cursor.fetchall()]


def sequences(cursor: Any) -> dict[str, list[Any]]:
    """Every sequence of the current schema: its last value and whether it was used."""
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'S' AND n.nspname = current_schema() ORDER BY c.relname"
    )
    out = {}
    for (name,) in cursor.fetchall():
        cursor.execute(f"SELECT last_value, is_called FROM {quote(name)}")  # noqa: S608
        last, called = cursor.fetchone()
        out[name] = [last, called]
    return out


def describe(cursor: Any) -> dict[str, Any]:
    """Table fingerprints and applied migrations, as this cursor's transaction sees them."""
    names = tables(cursor)
    migrations = []
    if "django_migrations" in names:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        migrations = [list(r) for r in cursor.fetchall()]
    return {
        "tables": fingerprints(cursor, names, lambda t: order_of(cursor, t)),
        "migrations": migrations,
    }


# --------------------------------------------------------------------------- client tools


def tool(name: str, at_least: int) -> tuple[str, int] | None:
    """The path and major version of a PostgreSQL client tool, if one new enough is on PATH."""
    path = shutil.which(name)
    if path is None:
        return None
    try:
        out = subprocess.run(  # noqa: S603 - our own fixed arguments
            [path, "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s*(\d+)", out)
    major = int(match.group(1)) if match else 0
    return (path, major) if major >= at_least else None


def server_major(connection: Any) -> int:
    """The server's major version (15 for 15.4)."""
    connection.ensure_connection()
    return int(connection.pg_version) // 10000


def _client(settings: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump / pg_restore (password not on argv)."""
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    args += ["--dbname", str(settings["NAME"])]
    env = {**os.environ, "PGAPPNAME": "jixiao-backup"}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if settings.get("OPTIONS", {}).get(option):
            env[variable] = str(settings["OPTIONS"][option])
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RestoreError(f"{what}失败（退出码 {done.returncode}）：{done.stderr.strip()[-800:]}")


# --------------------------------------------------------------------------- backup


def snapshot(connection: Any, folder: Path, portable: bool = False) -> dict[str, Any]:
    """Dump the database as of one moment into ``folder``; what it holds and how it was dumped."""
    dump = None if portable else tool("pg_dump", server_major(connection))
    connection.ensure_connection()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        if dump is not None:
            cursor.execute("SELECT pg_export_snapshot()")
            files = _pg_dump(connection, dump[0], cursor.fetchone()[0], folder)
            method = {"method": "pg_dump", "pg_dump_major": dump[1]}
        else:
            files = _copy_out(cursor, folder)
            method = {"method": "pg-copy"}
        described = describe(cursor)
    return {**described, **method, "files": files}


def _pg_dump(connection: Any, path: str, snapshot_id: str, folder: Path) -> list[str]:
    target = folder / DUMP
    target.parent.mkdir(parents=True, exist_ok=True)
    args, env = _client(connection.settings_dict)
    command = [path, "--format=custom", "--no-owner", "--no-privileges"]
    command += [f"--snapshot={snapshot_id}", "--file", str(target), *args]
    _run(command, env, "pg_dump 备份")
    return [DUMP]


def _copy_out(cursor: Any, folder: Path) -> list[str]:
    (folder / TABLES).mkdir(parents=True, exist_ok=True)
    files = []
    for table in tables(cursor):
        name = f"{TABLES}/{table}.copy"
        cols = ", ".join(quote(c) for c in columns_of(cursor, table))
        with (
            (folder / name).open("wb") as out,
            cursor.copy(f"COPY {quote(table)} ({cols}) TO STDOUT") as copy,
        ):
            for data in copy:
                out.write(data)
        files.append(name)
    (folder / SEQUENCES).write_text(json.dumps(sequences(cursor)), encoding="utf-8")
    return [*files, SEQUENCES]


# --------------------------------------------------------------------------- restore


def restore(connection: Any, folder: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Replace the live database with the staged one; what the database now holds."""
    if manifest["database"]["method"] == "pg_dump":
        return _pg_restore(connection, folder, manifest)
    return _copy_in(connection, folder, manifest)


def _pg_restore(connection: Any, folder: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    needed = int(manifest["database"].get("pg_dump_major", 0))
    found = tool("pg_restore", needed)
    if found is None:
        raise RestoreError(
            f"此备份由 pg_dump {needed} 生成，恢复需要 PostgreSQL 客户端 pg_restore {needed} "
            "或更新版本，但 PATH 中没有（Debian：apt-get install postgresql-client）。"
        )
    with connection.cursor() as cursor:  # tables a newer schema added: pg_restore keeps them
        for table in set(tables(cursor)) - set(manifest["tables"]):
            cursor.execute(f"DROP TABLE IF EXISTS {quote(table)} CASCADE")
    args, env = _client(connection.settings_dict)
    command = [found[0], "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    command += ["--single-transaction", "--exit-on-error", *args, str(folder / DUMP)]
    _run(command, env, "pg_restore 恢复")
    with connection.cursor() as cursor:
        return describe(cursor)


def _copy_in(connection: Any, folder: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    from jixiao.web.backup.migrations import migrate_to

    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table in tables(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {quote(table)} CASCADE")
        migrate_to(connection, manifest["migrations"])
        present = tables(cursor)
        if set(present) != set(manifest["tables"]):
            raise RestoreError("按备份记录的迁移重建的表与备份中的表不一致，无法恢复。")
        cursor.execute("TRUNCATE " + ", ".join(quote(t) for t in present) + " RESTART IDENTITY")
        # Rows go in table by table; Django's foreign keys are deferrable, checked at commit.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, facts in manifest["tables"].items():
            _copy_table(cursor, folder / TABLES / f"{table}.copy", table, facts["columns"])
        saved = json.loads((folder / SEQUENCES).read_text(encoding="utf-8"))
        for name, (last, called) in saved.items():
            cursor.execute("SELECT setval(%s::regclass, %s, %s)", [quote(name), last, called])
        found = describe(cursor)
        problems = differences(manifest["tables"], found["tables"])
        if problems:  # raising rolls the whole restore back
            raise RestoreError("恢复后的数据与备份不一致，已撤销恢复：" + "；".join(problems[:5]))
    return found


def _copy_table(cursor: Any, path: Path, table: str, columns: list[str]) -> None:
    cols = ", ".join(quote(c) for c in columns)
    with (
        path.open("rb") as source,
        cursor.copy(f"COPY {quote(table)} ({cols}) FROM STDIN") as copy,
    ):
        while chunk := source.read(CHUNK):
            copy.write(chunk)
