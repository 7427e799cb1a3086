"""Read ``.docx`` files: body paragraphs and tables in document order.

Word tables merge cells two ways: ``w:gridSpan`` (one cell over several grid columns) and
``w:vMerge`` (a cell continued in the rows below). python-docx's ``row.cells`` repeats the merged
cell's text in every grid position it covers, which would duplicate every merged goal and
heading, so the table XML is walked directly: a merged cell's text stands once in its top-left
grid position and the covered positions are ``""`` — the shape the PDF-extracted text shows.

Sources: paragraphs carry ``Source.line`` (the 1-based paragraph number among the body's
paragraphs); table rows carry ``Source.cell = "T<table>R<row>"`` and ``Line.table``.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jixiao.core.documents import Source
from jixiao.ingest import IngestError
from jixiao.ingest.lines import Line, Lines

logger = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxError(IngestError):
    """The file is not a Word (.docx) document."""


def read_docx(path: Path) -> Lines:
    """Read a Word document into Lines: one per paragraph line, one per table row."""
    from docx import Document

    if not zipfile.is_zipfile(path):
        raise DocxError(
            f"{path.name}: 不是有效的 Word (.docx) 文件（文件已损坏，或是旧版 .doc 改了扩展名）"
        )
    try:
        body = Document(str(path)).element.body
    except MemoryError:
        raise
    except Exception as exc:
        logger.warning("cannot open %s as .docx", path, exc_info=True)
        raise DocxError(
            f"{path.name}: 不是有效的 Word (.docx) 文件（文件已损坏或格式不符）"
        ) from exc
    result = Lines(name=path.name)
    paragraphs = tables = 0
    for child in _blocks(body):
        if child.tag == f"{W}p":
            paragraphs += 1
            result.lines.extend(_paragraph_lines(child, Source(file=path.name, line=paragraphs)))
        elif child.tag == f"{W}tbl":
            tables += 1
            result.lines.extend(_table_lines(child, path.name, tables))
    return result


def _blocks(parent: Any) -> Iterator[Any]:
    """Body paragraphs and tables in order, also inside content controls (``w:sdt``)."""
    for child in parent.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _blocks(child)


def paragraph_text(p: Any) -> str:
    """The visible text of a ``w:p``: runs, tabs and breaks, hyperlinks and fields included."""
    parts: list[str] = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = node.tag[len(W) :]
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        else:
            parts.append("-")
    return "".join(parts).replace("\u3000", " ").replace("\xa0", " ")


def _paragraph_lines(p: Any, source: Source) -> list[Line]:
    """One Line per visual line of a body paragraph (tabs split cells as in .txt); none if empty."""
    text = paragraph_text(p)
    return [
        Line(cells=part.split("\t"), source=source) for part in text.split("\n") if part.strip()
    ]


def _cell_text(tc: Any) -> str:
    """All paragraphs of a cell (nested tables included) joined with newlines."""
    texts = [paragraph_text(p) for p in tc.iter(f"{W}p")]
    return "\n".join(texts).strip()


def _cell_span(tc: Any) -> tuple[int, str | None]:
    """The grid columns a ``w:tc`` covers and its vMerge state (None, "restart", "continue")."""
    pr = tc.find(f"{W}tcPr")
    if pr is None:
        return 1, None
    span = pr.find(f"{W}gridSpan")
    width = int(span.get(f"{W}val", "1")) if span is not None else 1
    merge = pr.find(f"{W}vMerge")
    state = None if merge is None else merge.get(f"{W}val", "continue")
    return max(width, 1), state


def _row_cells(tr: Any) -> list[str]:
    """The grid cells of a ``w:tr``: merged text once, covered positions empty."""
    cells: list[str] = []
    pr = tr.find(f"{W}trPr")
    before = pr.find(f"{W}gridBefore") if pr is not None else None
    if before is not None:
        cells.extend([""] * int(before.get(f"{W}val", "0")))
    for tc in tr.iterchildren(f"{W}tc", f"{W}sdt", f"{W}customXml"):
        for cell in [tc] if tc.tag == f"{W}tc" else tc.iter(f"{W}tc"):
            width, state = _cell_span(cell)
            text = "" if state == "continue" else _cell_text(cell)
            cells.extend([text] + [""] * (width - 1))
    return cells


def _table_lines(tbl: Any, name: str, number: int) -> list[Line]:
    """One Line per row of a top-level table, numbered T<table>R<row>."""
    return [
        Line(
            cells=_row_cells(tr),
            source=Source(file=name, cell=f"T{number}R{row}"),
            table=number,
        )
        for row, tr in enumerate(tbl.iterchildren(f"{W}tr"), start=1)
    ]
