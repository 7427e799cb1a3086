"""The secret key when none is configured: generated once, kept in the data directory.

Imported by the settings module, so it uses nothing from Django. A hard-coded fallback key
would let anyone forge sessions on every installation that forgot to set one; a random key
written once (mode 0600) keeps sessions valid across restarts and is unique per machine.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FILENAME = "secret_key"


def persisted_secret_key(folder: Path) -> str:
    """The key stored in ``folder/secret_key``, created atomically when it is missing.

    Several processes (gunicorn workers, the test workers) may start at once: each writes its
    own candidate to a private file and hard-links it into place; ``link`` fails when another
    process was first, and then everyone reads the winner's key.
    """
    path = folder / FILENAME
    key = _read(path)
    if key:
        return key
    candidate = folder / f".{FILENAME}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_urlsafe(50))
        out.flush()
        os.fsync(out.fileno())
    try:
        os.link(candidate, path)
    except FileExistsError:
        pass
    finally:
        candidate.unlink()
    key = _read(path)
    if not key:
        raise RuntimeError(
            f"密钥文件 {path} 为空或无法读取：请删除该文件后重试，或设置 JIXIAO_SECRET_KEY。"
        )
    return key


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return ""
