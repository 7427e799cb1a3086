"""The backup archive: a gzip'd tar with a manifest and a SHA-256 for every member.

Writing hashes each file while it is added (no second read, so what is hashed is what is
stored). Reading extracts into a staging folder, refusing any member name that could escape
it, and checks every checksum before anything is restored.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

MANIFEST = "manifest.json"
FORMAT = "jixiao-backup"
FORMAT_VERSION = 1
ROOTS = ("database", "media")
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be used; the message is Chinese and says why."""


class _Hashing:
    """A file reader that hashes what tarfile reads from it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self.stream.read(n)
        self.sha.update(data)
        self.size += len(data)
        return data


class Writer:
    """Add files, then :meth:`close` writes the manifest with their checksums."""

    def __init__(self, path: Path) -> None:
        self.tar = tarfile.open(path, "w:gz", compresslevel=6)  # noqa: SIM115 - closed in close()
        self.files: dict[str, dict[str, Any]] = {}

    def add(self, source: Path, name: str) -> None:
        """Store ``source`` as ``name`` (a POSIX path under database/ or media/)."""
        info = self.tar.gettarinfo(str(source), arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        with source.open("rb") as stream:
            reader = _Hashing(stream)
            self.tar.addfile(info, reader)  # type: ignore[arg-type]
        self.files[name] = {"sha256": reader.sha.hexdigest(), "bytes": reader.size}

    def abandon(self) -> None:
        """Close the file after a failure (the caller deletes it)."""
        if not self.tar.closed:
            self.tar.close()

    def close(self, manifest: dict[str, Any]) -> None:
        """Write the manifest (with every file's checksum) and finish the archive."""
        body = json.dumps({**manifest, "files": self.files}, ensure_ascii=False, indent=1)
        data = body.encode("utf-8")
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(manifest.get("created_ts", 0))
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()


def safe_name(name: str) -> PurePosixPath:
    """The member's path when it stays inside the archive's own folders, else ArchiveError."""
    path = PurePosixPath(name)
    if (
        path.is_absolute()
        or ".." in path.parts
        or "\\" in name
        or (str(path) != MANIFEST and (len(path.parts) < 2 or path.parts[0] not in ROOTS))
    ):
        raise ArchiveError(f"备份文件中有不允许的路径：{name!r}，拒绝恢复。")
    return path


def extract(archive: Path, folder: Path) -> dict[str, Any]:
    """Unpack ``archive`` into ``folder``, verify every checksum, return the manifest."""
    seen: dict[str, dict[str, Any]] = {}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                seen[member.name] = _extract_member(tar, member, folder)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise ArchiveError(f"无法读取备份文件 {archive}：{exc}") from exc
    if MANIFEST not in seen:
        raise ArchiveError(f"{archive} 中没有 {MANIFEST}，不是 JiXiao 备份文件。")
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ArchiveError(f"备份清单 {MANIFEST} 无法解析：{exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"{archive} 不是本版本能读取的 JiXiao 备份（格式 {manifest.get('format')}）。"
        )
    _verify(manifest["files"], {k: v for k, v in seen.items() if k != MANIFEST})
    return manifest


def _extract_member(tar: tarfile.TarFile, member: tarfile.TarInfo, folder: Path) -> dict[str, Any]:
    if not member.isfile():
        raise ArchiveError(f"备份文件中有非普通文件：{member.name!r}，拒绝恢复。")
    target = folder.joinpath(*safe_name(member.name).parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = tar.extractfile(member)
    if source is None:  # pragma: no cover - isfile() members always have data
        raise ArchiveError(f"无法读取 {member.name}")
    sha = hashlib.sha256()
    size = 0
    with target.open("xb") as out:
        while chunk := source.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"sha256": sha.hexdigest(), "bytes": size}


def _verify(listed: dict[str, dict[str, Any]], found: dict[str, dict[str, Any]]) -> None:
    missing = sorted(set(listed) - set(found))
    extra = sorted(set(found) - set(listed))
    wrong = sorted(n for n in set(listed) & set(found) if listed[n] != found[n])
    problems = [
        *(f"缺少 {n}" for n in missing[:5]),
        *(f"清单外的文件 {n}" for n in extra[:5]),
        *(f"{n} 的校验和不符" for n in wrong[:5]),
    ]
    if problems:
        count = len(missing) + len(extra) + len(wrong)
        raise ArchiveError(f"备份文件已损坏或被改动（{count} 处）：" + "；".join(problems))
