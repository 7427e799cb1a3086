"""What one file may cost to read: every limit checked as early and as cheaply as it can be.

A file can ask for far more than its size. A 1 MB .xlsx can unzip to gigabytes (a zip bomb), a
zip can hold tens of thousands of members, a modest sheet can hold half a million rows, a PDF
thousands of pages. So, before any parser sees the file:

- zip-based formats (.docx, .xlsx): the zip directory's member count, the total declared size
  and each large member's compression ratio. Python's ``zipfile`` (which openpyxl and
  python-docx use) never yields more than a member's declared size, and fails the CRC check
  when the data holds more, so the declared sizes bound what those libraries can unpack;
- .xlsx: the rows of each sheet and the cells of the workbook, counted by streaming each
  sheet's XML (already bounded by the check above) before openpyxl builds the workbook;
- .pdf: the page count, before any page is read (:mod:`.readers.pdf`);

and after reading, the lines read and the indicators found. Time is checked between pages
and stages; the web import also runs the whole extraction in a child process that is killed
at the limit and cannot allocate past a memory cap (:mod:`jixiao.ingest.isolated`), since a
library call can run for minutes without returning.

Each refusal is a :class:`LimitError` that names the file, the limit and the value found, in
Chinese. The limits and a progress callback travel in a context variable (like ``decimal``'s
context) so that the readers keep their one-argument signature: ``with watching(Watch(...))``.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from jixiao.ingest import IngestError

MB = 1024 * 1024
ZIP_SUFFIXES = (".docx", ".xlsx")
RATIO_FROM = MB  # members smaller than this are not judged by their compression ratio
CHUNK = MB


@dataclass(frozen=True)
class Limits:
    """The ceilings of one extraction; the web system reads them from settings."""

    max_bytes: int = 50 * MB
    max_unzipped_bytes: int = 100 * MB
    max_members: int = 2000
    max_ratio: int = 200
    max_rows: int = 20_000
    max_cells: int = 300_000
    max_pages: int = 1000
    max_lines: int = 100_000
    max_indicators: int = 5000
    max_seconds: int | None = None


class LimitError(IngestError):
    """The file exceeds one of the limits; the message names the limit and the value found."""


Report = Callable[[str, int, int, str], None]


def _quiet(_stage: str, _done: int, _total: int, _unit: str) -> None:
    """The default progress report: nobody is listening."""


@dataclass
class Watch:
    """The limits of one extraction, its deadline and where its progress goes.

    ``report(stage, done, total, unit)`` is called with stage ``reading``, ``recognising`` or
    ``checking`` and, while reading, how many ``pages``, ``rows`` or ``lines`` are done.
    """

    limits: Limits = field(default_factory=Limits)
    report: Report = _quiet
    started: float = field(default_factory=time.monotonic)

    def progress(self, stage: str, done: int = 0, total: int = 0, unit: str = "") -> None:
        """Say how far the extraction is, after checking it is still within its time."""
        self.check_time()
        self.report(stage, done, total, unit)

    def check_time(self) -> None:
        """Stop (LimitError) once the extraction has run longer than its limit."""
        seconds = self.limits.max_seconds
        if seconds is not None and time.monotonic() - self.started > seconds:
            raise LimitError(f"读取时间超过上限 {seconds} 秒，已停止")


_CURRENT: ContextVar[Watch | None] = ContextVar("jixiao_ingest_watch", default=None)


def current() -> Watch:
    """The watch of the extraction running in this context (default limits if none)."""
    return _CURRENT.get() or Watch()


@contextmanager
def watching(watch: Watch) -> Iterator[Watch]:
    """Run the extractions inside the block under ``watch``."""
    token = _CURRENT.set(watch)
    try:
        yield watch
    finally:
        _CURRENT.reset(token)


def refuse(name: str, what: str, found: int | str, limit: int | str) -> LimitError:
    """The one wording of every limit: what, the value found, the limit."""
    return LimitError(f"{name}: {what}为 {found}，超过上限 {limit}，不能导入")


def megabytes(size: int) -> str:
    """A size as people read it (``600 字节``, ``12 KB``, ``1.2 MB``, ``100 MB``)."""
    if size < 1024:
        return f"{size} 字节"
    if size < MB:
        return f"{size // 1024} KB"
    return f"{size / MB:.1f} MB" if size < 10 * MB else f"{size // MB} MB"


def check_zip(source: Path | IO[bytes], limits: Limits, name: str | None = None) -> None:
    """Refuse a zip whose directory promises too many members, bytes or too high a ratio.

    ``source`` is a path or an open file (an upload not yet stored); ``name`` what to call it.
    """
    name = name or getattr(source, "name", "文件")
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip at all: the reader says so in its own words
    if len(members) > limits.max_members:
        raise refuse(name, "压缩包内的文件数", len(members), limits.max_members)
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        raise refuse(name, "解压后的大小", megabytes(total), megabytes(limits.max_unzipped_bytes))
    for member in members:
        if member.file_size >= RATIO_FROM:
            ratio = member.file_size // max(member.compress_size, 1)
            if ratio > limits.max_ratio:
                raise refuse(name, "压缩比", f"{ratio}:1", f"{limits.max_ratio}:1")


ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


def count_sheet(archive: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """(rows, cells) of one worksheet, streamed in chunks cut before a ``<``."""
    rows = cells = 0
    carry = b""
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            data = carry + chunk
            cut = data.rfind(b"<")
            data, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            rows += len(ROW.findall(data))
            cells += len(CELL.findall(data))
    rows += len(ROW.findall(carry))
    cells += len(CELL.findall(carry))
    return rows, cells


def check_workbook(path: Path, limits: Limits) -> int:
    """Refuse a workbook with a sheet over the row limit or over the cell limit; its rows."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return 0
    total_rows = total_cells = 0
    with archive:
        sheets = [n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)]
        for number, name in enumerate(sorted(sheets), start=1):
            current().check_time()
            rows, cells = count_sheet(archive, name)
            if rows > limits.max_rows:
                raise refuse(path.name, f"第 {number} 个工作表的行数", rows, limits.max_rows)
            total_rows, total_cells = total_rows + rows, total_cells + cells
            if total_cells > limits.max_cells:
                raise refuse(path.name, "工作簿的单元格数", total_cells, limits.max_cells)
    return total_rows


def check_before_reading(path: Path, suffix: str) -> None:
    """The limits that can be judged from the file before a reader opens it."""
    watch = current()
    watch.progress("reading")
    if suffix in ZIP_SUFFIXES:
        check_zip(path, watch.limits, path.name)
    if suffix == ".xlsx":
        rows = check_workbook(path, watch.limits)
        watch.progress("reading", 0, rows, "rows")


def check_pages(name: str, pages: int) -> None:
    """Refuse a PDF with more pages than the limit (called once the page list is known)."""
    limit = current().limits.max_pages
    if pages > limit:
        raise refuse(name, "页数", pages, limit)


def check_lines(name: str, count: int) -> None:
    """Refuse a file that reads into more lines than the layouts are meant to walk."""
    watch = current()
    if count > watch.limits.max_lines:
        raise refuse(name, "文字行数", count, watch.limits.max_lines)
    watch.progress("reading", count, count, "lines")


def check_indicators(name: str, count: int) -> None:
    """Refuse a document with more indicators than any real one holds (a data dump)."""
    limit = current().limits.max_indicators
    if count > limit:
        raise refuse(name, "识别出的指标数", count, limit)
