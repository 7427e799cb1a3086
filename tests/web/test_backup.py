"""Backup → wipe → restore reproduces every table and every uploaded file exactly (#16), on
SQLite (online backup API) and on PostgreSQL (pg_dump with the exported snapshot, and the
portable COPY form used when no pg_dump fits the server)."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from jixiao.web.backup import postgres
from jixiao.web.backup.archive import ArchiveError
from jixiao.web.backup.service import BackupError, backup, restore
from jixiao.web.cycle.models import ReportingPeriod, Result, periods_for
from jixiao.web.cycle.workflow import transition
from jixiao.web.performance.models import IndicatorSystem

from .conftest import World, login

pytestmark = pytest.mark.django_db(transaction=True)

METHODS = [
    pytest.param(False, id="native"),
    pytest.param(True, id="portable"),
]


def table_rows() -> dict[str, list[str]]:
    """Every row of every table, as text, sorted: compared whole, not through a hash."""
    out = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            out[table] = sorted(repr(row) for row in cursor.fetchall())
    return out


def files_under(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def wipe(media: Path) -> None:
    """Drop every table and every uploaded file, as on a machine that lost its disk."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        for table in connection.introspection.table_names():
            cascade = " CASCADE" if connection.vendor == "postgresql" else ""
            cursor.execute(f'DROP TABLE "{table}"{cascade}')
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert connection.introspection.table_names() == [] and not any(media.iterdir())


@pytest.fixture
def media(settings: object, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def busy_database(
    client: Client, world: World, county_system: IndicatorSystem, media: Path
) -> None:
    """Users, a system half-way through the workflow, results with evidence files, logins."""
    login(client, "clerk")
    final = next(p for p in periods_for(2024) if p.is_final)
    files = (("台账.pdf", b"%PDF-1.4\n"), ("照片.jpg", b"\xff\xd8\xff\xe0"))
    for indicator, (name, head) in zip(county_system.indicators.all(), files, strict=True):
        upload = SimpleUploadedFile(name, head + f"{name}：佐证材料".encode() * 50)
        url = f"/indicators/{indicator.pk}/results/{final.pk}/"
        assert client.post(url, {"value": "99%", "evidence": upload}).status_code == 302
    transition(county_system, "submit", world.users["clerk"], comment="请审核")
    Client().post("/login/", {"username": "clerk", "password": "wrong"})
    assert Result.objects.exclude(evidence="").count() == 2


def run_round_trip(media: Path, tmp_path: Path, portable: bool) -> dict:
    if portable and connection.vendor == "sqlite":
        pytest.skip("SQLite has one method: the online backup API")
    rows, files = table_rows(), files_under(media)
    target = tmp_path / "backup.tar.gz"
    made = backup(target, portable=portable)
    wipe(media)
    restored = restore(target)
    assert table_rows() == rows
    assert files_under(media) == files and len(files) == 2
    assert restored["rows"] == made["rows"] and restored["tables"] == made["tables"]
    return made


@pytest.mark.parametrize("portable", METHODS)
def test_backup_wipe_restore_reproduces_every_table_and_file(
    busy_database: None, media: Path, tmp_path: Path, portable: bool
) -> None:
    made = run_round_trip(media, tmp_path, portable)
    expected = {
        "sqlite": "sqlite-online-backup",
        "postgresql": "pg-copy" if portable else "pg_dump",
    }[connection.vendor]
    if connection.vendor == "postgresql" and not portable and postgres.tool("pg_dump", 1) is None:
        expected = "pg-copy"  # no pg_dump on this machine: the portable form is the fallback
    assert made["method"] == expected and made["media_files"] == 2
    # The restored system still works: its next step and the ids of new rows carry on.
    system = IndicatorSystem.objects.get()
    from jixiao.web.orgs.models import Organization

    before = max(Organization.objects.values_list("pk", flat=True))
    assert Organization.objects.create(name="新单位", level="unit").pk > before
    assert ReportingPeriod.objects.filter(year=2024).count() == 2
    assert system.transitions.count() == 1


def test_the_manifest_records_every_table_and_file_with_checksums(
    busy_database: None, media: Path, tmp_path: Path
) -> None:
    target = tmp_path / "b.tar.gz"
    backup(target)
    with tarfile.open(target, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        for name, facts in manifest["files"].items():
            data = tar.extractfile(name).read()
            assert hashlib.sha256(data).hexdigest() == facts["sha256"]
            assert len(data) == facts["bytes"]
    assert set(manifest["tables"]) == set(connection.introspection.table_names())
    assert manifest["tables"]["auth_user"]["rows"] == 9
    assert sum(n.startswith("media/evidence/") for n in manifest["files"]) == 2
    assert ["security", "0001_login_attempts"] in manifest["migrations"]


def test_restore_refuses_a_database_with_data_unless_forced(
    busy_database: None, media: Path, tmp_path: Path
) -> None:
    target = tmp_path / "b.tar.gz"
    backup(target)
    rows = table_rows()
    IndicatorSystem.objects.update(title="备份之后改的标题")
    (media / "after-backup.txt").write_text("备份之后上传", encoding="utf-8")
    with pytest.raises(BackupError, match=r"已有数据.*--force"):
        restore(target)
    assert IndicatorSystem.objects.get().title == "备份之后改的标题"  # nothing was touched
    summary = restore(target, force=True)
    assert table_rows() == rows
    assert not (media / "after-backup.txt").exists()
    kept = Path(summary["previous_media"])
    assert (kept / "after-backup.txt").read_text(encoding="utf-8") == "备份之后上传"


def repack(source: Path, target: Path, change: dict[str, bytes]) -> None:
    """Copy an archive, replacing (or adding) members, keeping the original manifest."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        names = []
        for member in old:
            data = old.extractfile(member).read()
            names.append(member.name)
            data = change.get(member.name, data)
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
        for name, data in change.items():
            if name not in names:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                new.addfile(info, io.BytesIO(data))


def test_a_tampered_or_foreign_archive_is_refused_before_anything_changes(
    busy_database: None, media: Path, tmp_path: Path
) -> None:
    good = tmp_path / "b.tar.gz"
    backup(good)
    with tarfile.open(good, "r:gz") as tar:
        evidence = next(n for n in tar.getnames() if n.startswith("media/"))
    rows = table_rows()
    cases = {
        "changed.tar.gz": ({evidence: b"forged"}, "校验和不符"),
        "extra.tar.gz": ({"media/planted.txt": b"x"}, "清单外的文件"),
        "escape.tar.gz": ({"media/../../outside.txt": b"x"}, "不允许的路径"),
    }
    for name, (change, message) in cases.items():
        repack(good, tmp_path / name, change)
        with pytest.raises(ArchiveError, match=message):
            restore(tmp_path / name, force=True)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ArchiveError, match="无法读取"):
        restore(truncated, force=True)
    assert table_rows() == rows
    assert not (tmp_path / "outside.txt").exists()


def test_backup_never_overwrites_a_file(busy_database: None, tmp_path: Path) -> None:
    target = tmp_path / "b.tar.gz"
    target.write_text("earlier backup", encoding="utf-8")
    with pytest.raises(BackupError, match="已存在"):
        backup(target)
    assert target.read_text(encoding="utf-8") == "earlier backup"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".jixiao")] == []
