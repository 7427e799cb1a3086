"""Read old Word and WPS files (``.doc``, ``.wps``, ``.et``) by converting them with LibreOffice.

No maintained Python library reads the binary Word format, and WPS Office's own files (``.wps``
text, ``.et`` spreadsheets; WPS writes them in Word's and Excel's binary formats) are the
same problem, so where LibreOffice is installed (Debian: ``libreoffice-writer-nogui``,
``libreoffice-calc-nogui``) the file is converted with ``soffice --headless --convert-to`` into
``.docx`` or ``.xlsx`` and read by :mod:`.docx` / :mod:`.xlsx`. The conversion runs in a
temporary directory with its own LibreOffice profile (so it never meets a running LibreOffice
of the user's), is killed after :data:`TIMEOUT` seconds, and leaves nothing behind. Where
LibreOffice is not installed, the message says how to convert the file by hand.

Files saved under the wrong name are read as what they are: a ``.docx``/``.xlsx`` (a zip) by its
reader, a web page (HTML, what many systems' "导出 Word/Excel" writes) by :mod:`.html`.
Sources name the original file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from jixiao.ingest import IngestError
from jixiao.ingest.lines import Lines

TIMEOUT = 120
TARGETS = {".doc": "docx", ".wps": "docx", ".et": "xlsx", ".xls": "xlsx"}
HOW_TO = {
    "docx": "请用 WPS 或 Word 打开，另存为 .docx 后再导入",
    "xlsx": "请用 WPS 或 Excel 打开，另存为 .xlsx 后再导入",
}
ZIP = b"PK\x03\x04"


class OfficeError(IngestError):
    """The old Office/WPS file cannot be converted here."""


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_office(path: Path) -> Lines:
    """Read a ``.doc``, ``.wps`` or ``.et`` file (see the module docstring)."""
    target = TARGETS[path.suffix.lower()]
    return read_disguised(path, path.read_bytes()[:2048], target)


def read_disguised(path: Path, head: bytes, target: str) -> Lines:
    """Read a file by what its first bytes say it is; convert it with LibreOffice otherwise."""
    if head.startswith(ZIP):
        return _renamed(path, target)
    if _looks_like_html(head):
        from jixiao.ingest.readers.html import read_html

        return read_html(path)
    return convert(path, target)


def _reader(target: str) -> Callable[[Path], Lines]:
    if target == "docx":
        from jixiao.ingest.readers.docx import read_docx

        return read_docx
    from jixiao.ingest.readers.xlsx import read_xlsx

    return read_xlsx


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or (
        start.startswith(b"<") and b"<html" in head.lower()
    )


def convert(path: Path, target: str) -> Lines:
    """Convert ``path`` to ``target`` (docx/xlsx) with LibreOffice and read the result."""
    program = soffice()
    if program is None:
        raise OfficeError(
            f"{path.name}: 无法直接读取旧版 {path.suffix.lower()} 文件（本机未安装 LibreOffice），"
            f"{HOW_TO[target]}"
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-office-") as tmp:
        work = Path(tmp)
        source = work / f"input{path.suffix.lower()}"
        shutil.copyfile(path, source)
        _run(program, source, target, path.name)
        result = work / "out" / f"input.{target}"
        if not result.is_file():
            raise OfficeError(
                f"{path.name}: LibreOffice 无法转换此文件（可能已损坏或加密），{HOW_TO[target]}"
            )
        lines = _reader(target)(result)
        return _renamed_lines(lines, path.name)


def _run(program: str, source: Path, target: str, name: str) -> None:
    """Run one headless conversion in ``source``'s directory; kill it all after TIMEOUT."""
    work = source.parent
    command = [
        program,
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--convert-to",
        target,
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    env = {**os.environ, "HOME": str(work)}
    process = subprocess.Popen(  # noqa: S603 -- our own argument list, no shell
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process.pid)
        process.wait()
        raise OfficeError(
            f"{name}: LibreOffice 转换超过 {TIMEOUT} 秒，已停止，{HOW_TO[target]}"
        ) from exc
    finally:
        _kill_group(process.pid)


def _kill_group(pid: int) -> None:
    """Stop whatever the conversion left running in its own process group."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _renamed(path: Path, target: str) -> Lines:
    """Read a file whose name says another format (openpyxl goes by the suffix): a copy."""
    with tempfile.TemporaryDirectory(prefix="jixiao-renamed-") as tmp:
        copy = Path(tmp) / f"input.{target}"
        shutil.copyfile(path, copy)
        return _renamed_lines(_reader(target)(copy), path.name)


def _renamed_lines(lines: Lines, name: str) -> Lines:
    """The Lines of a converted copy, named after the user's file."""
    lines.name = name
    for line in lines.lines:
        line.source.file = name
    lines.warnings = [
        warning.replace("input.docx", name).replace("input.xlsx", name)
        for warning in lines.warnings
    ]
    return lines
