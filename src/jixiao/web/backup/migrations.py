"""The schema a backup was taken with: its applied migrations, checked and re-applied."""

from __future__ import annotations

from typing import Any


class UnknownMigrations(Exception):
    """The backup was taken with migrations this version does not have."""


def known_state(connection: Any, recorded: list[list[str]]) -> set[tuple[str, str]]:
    """The backup's applied migrations as graph nodes; UnknownMigrations if any is foreign.

    A squashed migration counts as applied when everything it replaces is (Django records the
    replaced names); names this version does not know mean a newer JiXiao made the backup.
    """
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = {(app, name) for app, name in recorded}
    for key, migration in loader.replacements.items():
        if set(migration.replaces) <= applied:
            applied.add(key)
    nodes = set(loader.graph.nodes)
    replaced = {tuple(r) for m in loader.replacements.values() for r in m.replaces}
    unknown = sorted(applied - nodes - replaced)
    if unknown:
        names = "、".join(f"{a}.{n}" for a, n in unknown[:5])
        raise UnknownMigrations(
            f"此备份由更新版本的 JiXiao 生成（本版本没有迁移 {names}），请先升级 JiXiao 再恢复。"
        )
    return applied & nodes


def migrate_to(connection: Any, recorded: list[list[str]]) -> None:
    """Build the backup's schema in an empty database by applying exactly its migrations."""
    from django.db.migrations.executor import MigrationExecutor

    wanted = known_state(connection, recorded)
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    # One target per app, its last applied migration: an earlier one would mean "go back".
    targets = sorted(
        key
        for key in wanted
        if not any(c.key in wanted and c.key[0] == key[0] for c in graph.node_map[key].children)
    )
    executor.migrate(targets, plan=executor.migration_plan(targets, clean_start=True))
