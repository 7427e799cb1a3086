"""Files → core documents: readers per format, a kind recogniser, a layout parser per kind.

``extract_file`` is the one entry point (the CLI's ``extract`` and the web import both call
it). Whatever cannot be read becomes a warning on the document, never a silent loss; a file
that cannot be read at all raises :class:`IngestError` with a one-line Chinese message that
names the file and never a Python class (the details go to the log).

Every extraction runs within the limits of :mod:`jixiao.ingest.limits` (sizes, rows, pages,
lines, indicators, time); ``extract_file(path, watch=...)`` sets them and hears the progress.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.core.documents import KINDS, Document
from jixiao.ingest.lines import Lines

if TYPE_CHECKING:
    from jixiao.ingest.limits import Watch

logger = logging.getLogger(__name__)
MAX_BYTES = 50 * 1024 * 1024


class IngestError(Exception):
    """The file cannot be read as a performance document; the message is one line."""


def _readers() -> dict[str, Callable[[Path], Lines]]:
    from jixiao.ingest.readers.csv import read_csv
    from jixiao.ingest.readers.docx import read_docx
    from jixiao.ingest.readers.html import read_html
    from jixiao.ingest.readers.office import read_office
    from jixiao.ingest.readers.pdf import read_pdf
    from jixiao.ingest.readers.txt import read_txt
    from jixiao.ingest.readers.xls import read_xls
    from jixiao.ingest.readers.xlsx import read_xlsx

    return {
        ".txt": read_txt,
        ".docx": read_docx,
        ".xlsx": read_xlsx,
        ".pdf": read_pdf,
        ".html": read_html,
        ".htm": read_html,
        ".xls": read_xls,
        ".csv": read_csv,
        ".doc": read_office,
        ".wps": read_office,
        ".et": read_office,
    }


# Every suffix read_lines accepts; .doc .wps .et are converted by LibreOffice where installed.
SUFFIXES = (
    ".txt",
    ".docx",
    ".xlsx",
    ".pdf",
    ".html",
    ".htm",
    ".xls",
    ".csv",
    ".doc",
    ".wps",
    ".et",
)


def read_lines(path: Path) -> Lines:
    """Read any supported file into Lines, or raise IngestError saying what and where."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(
            f"{path.name}: 不支持的文件类型 {suffix or '(无扩展名)'}，支持 {' '.join(SUFFIXES)}"
        )
    if not path.is_file():
        raise IngestError(f"{path}: 文件不存在")
    from jixiao.ingest import limits
    from jixiao.ingest.readers.txt import TextDecodeError

    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{path.name}: 文件为空")
    most = limits.current().limits.max_bytes
    if size > most:
        raise limits.refuse(path.name, "文件大小", limits.megabytes(size), limits.megabytes(most))
    limits.check_before_reading(path, suffix)
    try:
        lines = _readers()[suffix](path)
    except IngestError:
        raise
    except TextDecodeError as exc:  # the text reader's own words
        raise IngestError(f"{path.name}: {exc}") from exc
    except MemoryError:
        raise
    except Exception as exc:
        logger.warning("cannot read %s", path, exc_info=True)
        raise IngestError(f"{path.name}: 无法读取，文件可能已损坏或格式不符") from exc
    if not lines.text.strip():
        raise IngestError(f"{path.name}: 文件中没有文字")
    limits.check_lines(path.name, len(lines.lines))
    return lines


def extract_lines(lines: Lines, kind: str | None = None) -> Document:
    """Recognise the kind of already-read lines (unless given) and parse their layout."""
    from jixiao.ingest.layouts import parse_layout
    from jixiao.ingest.recognise import recognise_kind

    if kind is not None and kind not in KINDS:
        raise IngestError(f"未知的文件类型 {kind}，可选: {', '.join(KINDS)}")
    from jixiao.ingest import limits

    watch = limits.current()
    watch.progress("recognising")
    if kind is None:
        from jixiao.ingest.exchange import read_exchange

        exchanged = read_exchange(lines)  # 一体化 tables name their columns: read by mapping
        if exchanged is not None:
            limits.check_indicators(lines.name, len(exchanged.indicators))
            return exchanged
    kind = kind or recognise_kind(lines)
    if kind is None:
        raise IngestError(
            f"{lines.name}: 无法识别为绩效文件（指标体系、自评表、评价报告、"
            "政府信息公开年报或工作目标）"
        )
    doc = parse_layout(kind, lines)
    watch.progress("checking")
    limits.check_indicators(lines.name, len(doc.indicators))
    return doc


def extract_file(path: Path | str, kind: str | None = None, watch: Watch | None = None) -> Document:
    """Read ``path`` and return its Document, or raise IngestError (one line).

    ``watch`` sets the limits and hears the progress; without it the limits of the
    surrounding :func:`~jixiao.ingest.limits.watching` block (or the defaults) apply.
    """
    from jixiao.ingest import limits

    if watch is None:
        return extract_lines(read_lines(Path(path)), kind)
    with limits.watching(watch):
        return extract_lines(read_lines(Path(path)), kind)
