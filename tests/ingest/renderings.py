"""Render one table into every way bureaus' text and files carry it (issue 14's invariance).

:data:`PERTURBED` adds what goes wrong on the way: the header printed again mid-table, a level
label wrapped over two lines.

A table is a list of rows of cells (``tests.ingest.tables`` form: ``UP`` marks a cell merged
with the one above, i.e. a label printed once for its group). :data:`TEXT_LAYOUTS` turn it into
the text renderings met in real documents; :func:`write_layout` writes any of them, or a
.docx, .xlsx, .pdf or .html file with real merged cells, to a path the extractor reads.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.ingest.tables import LEFT, UP, write_docx, write_html, write_pdf, write_xlsx

Table = Sequence[Sequence[str]]
Block = str | Table


def _plain(table: Table, repeat: bool) -> list[list[str]]:
    """Rows of strings: a merged label printed again on every row, or left empty.

    A cell merged with the one to its left (a header over several columns) is always empty.
    """
    out: list[list[str]] = []
    for r, row in enumerate(table):
        cells = []
        for c, cell in enumerate(row):
            if cell is UP:
                cells.append(out[r - 1][c] if repeat else "")
            else:
                cells.append("" if cell is LEFT else str(cell))
        out.append(cells)
    return out


def _filled(table: Table) -> list[list[str]]:
    """Rows without the cells a merge covers (what a copied web page gives)."""
    return [[c for c in row if c is not UP and c != ""] for row in _plain(table, repeat=False)]


def tabs_once(title: str, table: Table) -> str:
    """Tab-separated rows; a merged label once, empty cells after it (PDF text, Excel copy)."""
    return "\n".join([title, *("\t".join(r) for r in _plain(table, repeat=False))])


def tabs_repeated(title: str, table: Table) -> str:
    """Tab-separated rows with a merged label repeated on every row of its group."""
    return "\n".join([title, *("\t".join(r) for r in _plain(table, repeat=True))])


def markdown(title: str, table: Table) -> str:
    """Markdown pipes: ``| a | b |`` rows, a ``|---|`` line under the header."""
    rows = _plain(table, repeat=False)
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * len(rows[0]))
    return "\n".join([title, "", *lines])


def pipe_cells(title: str, table: Table) -> str:
    """One cell a line ending in `` |``; merged cells left out (a web page's text)."""
    return "\n".join([title, *(f"{c} |" for r in _filled(table) for c in r)])


def cell_lines(title: str, table: Table) -> str:
    """One cell a line, merged cells left out (a government page copied from the browser)."""
    return "\n".join([title, *(c for r in _filled(table) for c in r)])


def cell_lines_blank(title: str, table: Table) -> str:
    """One cell a line with a blank line between cells."""
    return "\n\n".join([title, *(c for r in _filled(table) for c in r)])


def one_line(title: str, table: Table) -> str:
    """The whole table on one line, cells apart by single spaces (a .docx's text as stored)."""
    return title + "\n" + " ".join(c for r in _filled(table) for c in r)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fixed_width(title: str, table: Table) -> str:
    """Columns padded to a fixed width (``pdftotext -layout``), a merged label once."""
    rows = _plain(table, repeat=False)
    widths = [max(_width(r[c]) for r in rows) + 2 for c in range(len(rows[0]))]
    lines = [
        "".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths, strict=True))
        for r in rows
    ]
    return "\n".join([title, *(line.rstrip() for line in lines)])


TEXT_LAYOUTS: dict[str, Callable[[str, Table], str]] = {
    "tabs_once": tabs_once,
    "tabs_repeated": tabs_repeated,
    "markdown": markdown,
    "pipe_cells": pipe_cells,
    "cell_lines": cell_lines,
    "cell_lines_blank": cell_lines_blank,
    "one_line": one_line,
    "fixed_width": fixed_width,
}
FILE_LAYOUTS = (".docx", ".xlsx", ".pdf", ".html")


def render_blocks(layout: str, blocks: Sequence[Block]) -> str:
    """Paragraphs and tables as one text, each table in the text layout ``layout``."""
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(block)
        else:
            out.append(ALL_TEXT_LAYOUTS[layout]("", block).lstrip("\n"))
    return "\n".join(out)


def write_blocks(folder: Path, layout: str, blocks: Sequence[Block]) -> Path:
    """Write paragraphs and tables in ``layout`` (a text layout's name or a file suffix)."""
    if layout in ALL_TEXT_LAYOUTS:
        path = folder / f"{layout}.txt"
        path.write_text(render_blocks(layout, blocks), encoding="utf-8")
        return path
    path = folder / f"document{layout}"
    if layout == ".docx":
        return write_docx(path, blocks)
    if layout == ".xlsx":
        rows: list[Sequence[str]] = []
        for block in blocks:
            rows += [[block]] if isinstance(block, str) else list(block)
        return write_xlsx(path, {"Sheet1": rows})
    if layout == ".pdf":  # a label merged down a page break is printed on each row instead
        return write_pdf(path, [b if isinstance(b, str) else _plain(b, True) for b in blocks])
    return write_html(path, blocks)


def write_layout(folder: Path, layout: str, title: str, table: Table) -> Path:
    """Write ``table`` under ``title`` in ``layout`` (a text layout's name or a file suffix)."""
    if layout in ALL_TEXT_LAYOUTS:
        path = folder / f"{layout}.txt"
        path.write_text(ALL_TEXT_LAYOUTS[layout](title, table), encoding="utf-8")
        return path
    path = folder / f"table{layout}"
    if layout == ".docx":
        return write_docx(path, [title, table])
    if layout == ".xlsx":
        return write_xlsx(path, {"Sheet1": [[title], *table]})
    if layout == ".pdf":
        return write_pdf(path, [title, [["" if c is UP else c for c in row] for row in table]])
    return write_html(path, [title, table])


def header_repeated(title: str, table: Table) -> str:
    """One cell a line with the header printed again mid-table (a page break in a web copy)."""
    rows = _filled(table)
    middle = max(2, len(rows) // 2)
    cells = [c for r in rows[:middle] for c in r] + rows[0] + [c for r in rows[middle:] for c in r]
    return "\n".join([title, *cells])


def label_wrapped(title: str, table: Table) -> str:
    """One cell a line with each long level label broken over two lines (社会效益 / 指标)."""
    out = [title]
    for row in _filled(table)[:1]:
        out += row
    for row in _filled(table)[1:]:
        for cell in row:
            wrap = cell.endswith("指标") and len(cell) > 4
            out += [cell[:-2], cell[-2:]] if wrap else [cell]
    return "\n".join(out)


def words_a_line(text: str) -> str:
    """A whole text with every word on its own line and a blank line between words.

    What a PDF's text gives when each run of text is copied as a paragraph: a table's cells
    broken at every space, its header labels inside their notes (指标性质(注:定 / 量或者定性)).
    """
    return "\n\n".join(word for line in text.splitlines() for word in line.split())


def tabs_wrapped(title: str, table: Table, width: int = 7, *, quoted: bool = False) -> str:
    """Tab-separated rows whose long cells keep their line breaks (a Word or WPS table copied).

    A cell wider than ``width`` characters is broken every ``width`` characters, so its row
    goes on over the next lines (``新增限上餐饮企`` / ``业受惠企业数量⇥不少于7家⇥…``). ``quoted``:
    such a cell in double quotes, as Excel copies it.
    """

    def wrapped(cell: str) -> str:
        text = "\n".join(cell[i : i + width] for i in range(0, len(cell), width)) or cell
        return f'"{text}"' if quoted and "\n" in text else text

    return "\n".join([title, *("\t".join(map(wrapped, r)) for r in _plain(table, False))])


PERTURBED: dict[str, Callable[[str, Table], str]] = {
    "header_repeated": header_repeated,
    "label_wrapped": label_wrapped,
}
ALL_TEXT_LAYOUTS = {**TEXT_LAYOUTS, **PERTURBED}


# ---------------------------------------------------- text as real tools give it from the files


def pdf_text(pdf: Path, *, layout: bool) -> str:
    """What ``pdftotext`` gives of a PDF: reading order, or ``-layout`` (columns by offset)."""
    import subprocess

    options = ["-layout"] if layout else []
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


def office_text(docx: Path, folder: Path) -> str:
    """What LibreOffice's 'save as text' gives of a .docx (a table's cells a paragraph each)."""
    from tests.ingest.tables import convert_with_soffice

    convert_with_soffice([docx], "txt:Text (encoded):UTF8", folder)
    return folder.joinpath(f"{docx.stem}.txt").read_text("utf-8-sig")


def browser_text(html: Path) -> str:
    """What copying a saved web page gives: Chromium's ``innerText`` of the page's body.

    Tables come out a cell a paragraph with a tab after each cell, merged cells once, and the
    page's navigation, share bar and footer around the article.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.goto(html.as_uri())
            return str(page.evaluate("document.body.innerText"))
        finally:
            browser.close()
