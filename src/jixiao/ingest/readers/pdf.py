"""Read ``.pdf`` files with pdfplumber: ruled tables as rows, other text as lines.

Per page, ruled tables (found from their drawn lines) become one Line per row, ``None`` cells
``""`` (pdfplumber gives a merged cell's text in its top-left cell and ``None`` in the cells it
covers — the shape of the other readers). Text outside the tables becomes one Line per text
line, in reading order with the tables. Wrapped text inside a cell keeps pdfplumber's newlines,
as the PDF-extracted ``.txt`` files do, and the layouts join it.

Running headers and footers are dropped: page numbers (``- 3 -``, ``第3页 共9页``, ``3/9``, a bare
number) at the top or bottom of a page, and any first or last line repeated on at least half
of the pages (page numbers masked). A page with no text is reported as a warning (a scanned
page); a file with no text at all is refused by the caller.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

from jixiao.core.documents import Source
from jixiao.ingest import IngestError, limits
from jixiao.ingest.cells import PAGE_FOOTER
from jixiao.ingest.lines import Line, Lines

logger = logging.getLogger(__name__)

PAGE_NUMBER = re.compile(
    rf"^\s*(?:{PAGE_FOOTER}|\d+\s*/\s*\d+|\d{{1,4}}|page\s*\d+(?:\s*of\s*\d+)?)\s*$",
    re.IGNORECASE,
)


# Below this many characters per page on average, a PDF whose pages are mostly blank is a scan.
SCAN_CHARS_PER_PAGE = 200
SCAN_COVER = 0.5  # a page whose images cover this share of it is a scanned page


class PdfError(IngestError):
    """The file is not a PDF that can be read."""


def read_pdf(path: Path) -> Lines:
    """Read a PDF into Lines, page by page (Source.page is 1-based)."""
    import pdfplumber

    if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
        raise PdfError(f"{path.name}: 不是有效的 PDF 文件（文件头不是 %PDF）")
    result = Lines(name=path.name)
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages, pictured = _pages(pdf, path.name)
    except IngestError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        logger.warning("cannot parse %s as PDF", path, exc_info=True)
        raise PdfError(f"{path.name}: PDF 文件无法解析，可能已损坏或加密") from exc
    repeated = _repeated_margins(pages)
    scanned = 0
    for number, items in enumerate(pages, start=1):
        tables = len({line.table for line in result.lines if line.table is not None})
        lines = _page_lines(items, (number, tables), path.name, repeated)
        if not lines:
            scanned += pictured[number - 1]
            result.warnings.append(f"{path.name} 第{number}页: 没有可读取的文字（可能是扫描图片）")
        result.lines.extend(lines)
    if pages and _is_scan(result, scanned, len(pages)):
        raise PdfError(
            f"{path.name}: 扫描件，没有文字层（{len(pages)} 页中 {scanned or len(pages)} 页"
            "是图片、没有文字），请提供可复制文字的 PDF 或 Word 文件"
        )
    return result


def _is_picture(page: Any) -> bool:
    """Whether images cover half the page or more (a scanned page; a logo or stamp does not)."""
    area = float(page.width * page.height) or 1.0
    covered = sum(
        max(float(image["x1"] - image["x0"]), 0) * max(float(image["bottom"] - image["top"]), 0)
        for image in page.images
    )
    return covered >= SCAN_COVER * area


def _is_scan(lines: Lines, scanned: int, pages: int) -> bool:
    """A scan: no text at all, or half the pages page-sized images without text, little text.

    A typed cover letter in front of scanned tables is still a scan; a report with a scanned
    attachment, or a blank last page, is read (with a warning per page without text).
    """
    chars = sum(len("".join(line.text.split())) for line in lines.lines)
    if not chars:
        return True
    return scanned * 2 >= pages and chars < SCAN_CHARS_PER_PAGE * pages


def _pages(pdf: Any, name: str) -> tuple[list[list[tuple[float, str, Any]]], list[bool]]:
    """Every page's items and whether it is a picture, within the page limit, with progress."""
    watch = limits.current()
    total = len(pdf.pages)
    limits.check_pages(name, total)
    pages, pictured = [], []
    for number, page in enumerate(pdf.pages, start=1):
        pages.append(_page_items(page))
        pictured.append(_is_picture(page))
        page.close()  # drop the page's parsed objects: memory stays flat over long files
        watch.progress("reading", number, total, "pages")
    return pages, pictured


def _page_items(page: Any) -> list[tuple[float, str, Any]]:
    """The page's tables and outside text lines as (top, kind, content), in reading order."""
    tables = page.find_tables()
    items: list[tuple[float, str, Any]] = [
        (table.bbox[1], "table", table.extract()) for table in tables
    ]
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    for text_line in outside.extract_text_lines(keep_blank_chars=False):
        text = text_line["text"].strip()
        if text:
            items.append((text_line["top"], "text", text))
    items.sort(key=lambda item: item[0])
    return items


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _margins(items: list[tuple[float, str, Any]]) -> list[str]:
    """The first and last text lines of a page, when they are text and not table rows."""
    texts = [item for item in items if item[1] == "text"]
    if not texts:
        return []
    edges = {id(texts[0]): texts[0], id(texts[-1]): texts[-1]}
    return [_mask(item[2]) for item in edges.values()]


def _repeated_margins(pages: list[list[tuple[float, str, Any]]]) -> set[str]:
    """Masked first/last lines that recur on at least half the pages (and on two or more)."""
    if len(pages) < 2:
        return set()
    counts = Counter(text for items in pages for text in set(_margins(items)))
    return {text for text, count in counts.items() if count >= max(2, len(pages) / 2)}


def _is_margin_noise(items: list[tuple[float, str, Any]], index: int, repeated: set[str]) -> bool:
    kind, content = items[index][1], items[index][2]
    if kind != "text":
        return False
    at_edge = index in (0, len(items) - 1)
    if at_edge and PAGE_NUMBER.match(content):
        return True
    return _mask(content) in repeated and _mask(content) in _margins(items)


def _page_lines(
    items: list[tuple[float, str, Any]], where: tuple[int, int], name: str, repeated: set[str]
) -> list[Line]:
    """The Lines of one page; ``where`` is (page number, tables on earlier pages)."""
    number, tables = where
    lines: list[Line] = []
    for index, (_top, kind, content) in enumerate(items):
        if _is_margin_noise(items, index, repeated):
            continue
        source = Source(file=name, page=number)
        if kind == "text":
            lines.append(Line(cells=[content], source=source))
            continue
        tables += 1
        for row in content:
            cells = [(cell or "").strip() for cell in row]
            lines.append(Line(cells=cells, source=source, table=tables))
    return lines
