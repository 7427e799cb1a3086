"""Read saved web pages (``.html``/``.htm``): the page's main content, its tables as grids.

Bureaus publish their forms and reports as web pages; a user saves the page and uploads it.
The page holds much that is not the document (the site's header, menus, the breadcrumb, share
bars, 上一篇/下一篇, the footer), so the reader finds the main content first:

- scripts, styles, forms and ``nav``/``aside`` elements never count;
- the main content is the largest element that content-management systems mark as the
  article (``article``/``main``, or an id/class such as ``zoom``, ``content``, ``article``,
  ``TRS_Editor``, ``xxgk_content``) when it holds at least 40% of the page's text outside
  its chrome (below); otherwise the whole body;
- inside it, page chrome is skipped: elements whose id/class names navigation, menus,
  breadcrumbs, share bars, footers (:data:`CHROME_NAMES`) unless they hold half the text,
  blocks that are mostly links (link lists, 上一篇/下一篇), and lines made only of page words
  (打印本页 关闭窗口, 字号：大 中 小) or naming the neighbouring articles (上一篇：…); the
  来源/发布日期 line stays (it names the publishing body);
- a page title (``h1``…``h3`` or an element named ``title``) just before the main content is
  kept as its first line, so the document still starts with its title.

Tables: ``rowspan``/``colspan`` are expanded into the grid, the merged cell's text once in its
top-left grid cell and ``""`` in the cells it covers (as :mod:`.docx` reads Word's merges). A
table that holds other tables is the page's layout, not data (as browsers' reader views
judge it): its cells are read as parts of the page. The exception is a grid whose inner
tables are small (:meth:`_Page._is_layout`): such an inner table is flattened into its
cell's text, its rows on their own lines.

Bounds: spans are clamped (a ``rowspan`` never reaches past the table's last row, a
``colspan`` is at most :data:`MAX_COLUMNS`) and a file's grid cells are at most
:data:`~jixiao.ingest.readers.MAX_CELLS`, so no page can make the reader build a huge grid;
a page nested deeper than libxml2's limit (:data:`PARSER_DEPTH`, where it would silently drop
the rest) is refused; elements are at most :data:`MAX_ELEMENTS`. Every pass is linear.

Parser: lxml's HTML parser (libxml2). It is already installed with python-docx, is
maintained, tolerates the broken markup old CMS pages are full of, and parses in linear time
in C (html5lib is pure Python and far slower; selectolax would be one more binary
dependency for no gain here). Charset: UTF-8 when the bytes are UTF-8, else the ``<meta>``
tag's, else GB18030 (see :func:`decode_html`).

Sources: paragraphs carry ``Source.line`` (the paragraph's number); table rows carry
``Source.cell = "T<table>R<row>"`` and ``Line.table``, as in :mod:`.docx`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.core.documents import Source
from jixiao.ingest import IngestError
from jixiao.ingest.cells import is_page_words
from jixiao.ingest.lines import Line, Lines
from jixiao.ingest.readers import MAX_CELLS
from jixiao.ingest.readers.txt import TextDecodeError, decode

MAX_DEPTH = 200  # our own walk's guard; libxml2 already refuses deeper than PARSER_DEPTH
PARSER_DEPTH = 255
MAX_COLUMNS = 1000
MAX_ELEMENTS = 1_000_000
MAIN_SHARE = 0.4
CHROME_SHARE = 0.5
LINK_SHARE = 0.6

IGNORED = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "option", "button", "input", "textarea", "nav", "aside", "head",
)  # fmt: skip
BLOCKS = frozenset((
    "address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "table", "td", "th",
    "tr", "ul",
))  # fmt: skip
HEADINGS = ("h1", "h2", "h3")
MAIN_TAGS = ("article", "main")
MAIN_NAMES = re.compile(
    r"zoom|trs_?editor|xxgk|content|article|detail|zhengwen|wenzhang|neirong|main|"
    r"(?:^|[\s_-])(?:con|text|nr|body)(?:$|[\s_-])"
)
CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav\w*|menu\w*|footer|foot|top|bottom|breadcrumbs?|crumbs?|position|location|"
    r"share\w*|bshare|fenxiang|sidebar|side|banner|copyright|toolbar|tools|login|search|pager|"
    r"pagination|prev|next|sxp|related|xgwz|xglj|links?|friendlink|print|dh|wzdh)(?:$|[\s_-])"
)
META_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.I
)
CHINESE_CHARSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
}


class HtmlError(IngestError):
    """The file is not a web page that can be read."""


@dataclass
class _Stats:
    """Visible characters (not counting whitespace) under an element, and how many are links."""

    chars: int = 0
    link_chars: int = 0
    links: int = 0
    tables: int = 0
    table_chars: int = 0


def read_html(path: Path) -> Lines:
    """Read a saved web page into Lines: its main content's paragraphs and table rows."""
    import lxml.html
    from lxml import etree

    text = decode_html(path.read_bytes())
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with an encoding declaration
    if not text.strip():
        raise HtmlError(f"{path.name}: 网页文件为空")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise HtmlError(f"{path.name}: 不是有效的网页文件（没有可读的网页内容）") from exc
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise HtmlError(f"{path.name}: 网页元素嵌套过深（超过 {PARSER_DEPTH} 层），无法完整读取")
    etree.strip_elements(root, *IGNORED, with_tail=False)
    body = root.find("body")
    body = root if body is None else body
    page = _Page(path.name, body)
    return Lines(name=path.name, lines=page.read())


def decode_html(data: bytes) -> str:
    """The page's text: UTF-8 if it decodes, else the ``<meta>`` charset, else GB18030.

    UTF-8 first because a saved page often keeps a stale ``<meta>`` (a browser re-saves as
    UTF-8), and GBK text is practically never valid UTF-8; see :func:`.txt.decode`.
    """
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if not data.startswith(boms):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        declared = META_CHARSET.search(data[:8192])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            try:
                return data.decode(CHINESE_CHARSETS.get(name, name))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common: fall back to detection
    try:
        return decode(data)
    except TextDecodeError as exc:
        raise HtmlError(f"网页无法识别文字编码（{exc}）") from exc


def _names(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip().lower()


def _visible(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _elements(body: Any) -> list[Any]:
    """Every element under ``body`` in document order (kept so lxml proxies stay the same)."""
    nodes = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        nodes.append(el)
        if len(nodes) > MAX_ELEMENTS:
            raise HtmlError(f"网页元素超过 {MAX_ELEMENTS} 个，无法读取")
    return nodes


def _stats(nodes: list[Any]) -> dict[Any, _Stats]:
    """Stats for every element, children before parents (one pass, linear)."""
    stats: dict[Any, _Stats] = {}
    for el in reversed(nodes):
        own = _Stats(chars=_visible(el.text))
        for child in el:
            child_stats = stats.get(child)
            if child_stats is not None:
                own.chars += child_stats.chars
                own.link_chars += child_stats.link_chars
                own.links += child_stats.links
                own.tables += child_stats.tables + (child.tag == "table")
                own.table_chars += (
                    child_stats.chars if child.tag == "table" else child_stats.table_chars
                )
            own.chars += _visible(child.tail)
        if el.tag == "a" and el.get("href") is not None:
            own.link_chars, own.links = own.chars, own.links + 1
        stats[el] = own
    return stats


class _Page:
    """One parsed page: picks its main content and writes it as Lines."""

    def __init__(self, name: str, body: Any) -> None:
        self.name = name
        self.body = body
        self.nodes = _elements(body)
        self.stats = _stats(self.nodes)
        self.lines: list[Line] = []
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0
        self.main = body
        self.buffer: list[str] = []

    def read(self) -> list[Line]:
        """The main content's Lines, its title first when it stands just outside it."""
        self.main = self._main()
        title = self._title_before(self.main)
        if title is not None:
            self._walk(title, 0)
            self._flush()
        self._walk(self.main, 0)
        self._flush()
        return self.lines

    def _main(self) -> Any:
        """The largest article container holding enough of the page's text, else the body."""
        total = self._page_chars()
        candidates = [
            el
            for el in self.nodes
            if (el.tag in MAIN_TAGS or MAIN_NAMES.search(_names(el)))
            and not CHROME_NAMES.search(_names(el))
        ]
        best = max(candidates, key=lambda el: self.stats[el].chars, default=None)
        if best is None or self.stats[best].chars < MAIN_SHARE * total:
            return self.body
        if any(self._is_chrome(a, self.body) for a in best.iterancestors()):
            return self.body
        return best

    def _page_chars(self) -> int:
        """The body's visible characters outside page chrome (one pass)."""
        total = 0
        stack = [self.body]
        while stack:
            el = stack.pop()
            total += _visible(el.text)
            for child in el:
                total += _visible(child.tail)
                if not self._is_chrome(child, self.body):
                    stack.append(child)
        return total

    def _title_before(self, main: Any) -> Any | None:
        """The last heading before ``main`` when ``main`` has none of its own."""
        if main is self.body or next(main.iter(*HEADINGS), None) is not None:
            return None
        found = None
        for el in self.nodes:
            if el is main:
                break
            named = "title" in _names(el) and 0 < self.stats[el].chars <= 100
            if (el.tag in HEADINGS or named) and not self.stats[el].links:
                found = el
        if found is None or any(
            a is main or self._is_chrome(a, self.body) for a in found.iterancestors()
        ):
            return None
        return found

    def _is_layout(self, table: Any) -> bool:
        """A table that lays out the page rather than holding data (see the module docstring).

        As browsers' reader views judge it: a table holding other tables is layout, unless it
        is a grid (two rows or more, three cells a row or more) whose inner tables hold under
        a quarter of its text (a small table inside a data cell).
        """
        stats = self.stats[table]
        if not stats.tables:
            return False
        if stats.table_chars * 4 >= stats.chars:
            return True
        rows = [sum(1 for cell in tr if _is_cell(cell)) for tr in table_rows(table)]
        return len(rows) < 2 or sum(rows) < 3 * len(rows)

    def _is_chrome(self, el: Any, within: Any) -> bool:
        """Page chrome: named as navigation etc., or mostly links; never most of ``within``."""
        stats = self.stats.get(el)
        if stats is None or el is within:
            return False
        if stats.chars >= CHROME_SHARE * max(self.stats[within].chars, 1):
            return False
        if el.tag == "header" and any(a.tag == "article" for a in el.iterancestors()):
            return False  # an article's header: its title
        if el.tag in ("footer", "header") or CHROME_NAMES.search(_names(el)):
            return True
        return stats.links >= 2 and stats.link_chars >= LINK_SHARE * stats.chars

    # ------------------------------------------------------------------ text flow

    def _walk(self, el: Any, depth: int) -> None:
        """Write ``el``'s content: text into the open paragraph, tables as rows."""
        tag = el.tag
        if not isinstance(tag, str) or self._is_chrome(el, self.main):
            return  # a comment or an entity node, or page chrome
        if depth > MAX_DEPTH:
            self.buffer.append(" ".join(el.itertext()))
            return
        if tag == "br":
            self.buffer.append("\n")
            return
        if tag == "table" and not self._is_layout(el):
            self._flush()
            self._table(el, depth)
            return
        block = tag in BLOCKS
        if block:
            self._flush()
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self._walk(child, depth + 1)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self._flush()

    def _flush(self) -> None:
        """End the open paragraph: one Line per visual line, page words left out."""
        if not self.buffer:
            return
        text, self.buffer = "".join(self.buffer), []
        texts = [" ".join(part.split()) for part in text.split("\n")]
        texts = [t for t in texts if t and not is_page_words(t)]
        if not texts:
            return
        self.paragraphs += 1
        source = Source(file=self.name, line=self.paragraphs)
        self.lines.extend(Line(cells=[t], source=source) for t in texts)

    # ------------------------------------------------------------------ tables

    def _table(self, table: Any, depth: int) -> None:
        caption = table.find("caption")
        if caption is not None:
            self._walk(caption, depth + 1)
            self._flush()
        rows = [
            [(*_cell_span(cell), cell_text(cell, depth + 1)) for cell in tr if _is_cell(cell)]
            for tr in table_rows(table)
        ]
        grid = build_grid(rows, self.name)
        if not grid:
            return
        self.cells += sum(len(row) for row in grid)
        if self.cells > MAX_CELLS:
            raise HtmlError(f"{self.name}: 网页中的表格超过 {MAX_CELLS} 个单元格，无法读取")
        self.tables += 1
        for number, cells in enumerate(grid, start=1):
            source = Source(file=self.name, cell=f"T{self.tables}R{number}")
            self.lines.append(Line(cells=cells, source=source, table=self.tables))


def _is_cell(el: Any) -> bool:
    return el.tag in ("td", "th")


def table_rows(table: Any) -> Iterable[Any]:
    """The table's own ``tr`` elements (also under thead/tbody/tfoot), not nested tables'."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _span(value: str | None, default: int = 1) -> int:
    """A span attribute as an int (browsers read the leading digits; junk is 1)."""
    match = re.match(r"\s*(\d{1,9})", value or "")
    return int(match.group(1)) if match else default


def _cell_span(cell: Any) -> tuple[int, int]:
    """(colspan, rowspan) of a cell: colspan 1…MAX_COLUMNS, rowspan 0 = to the last row."""
    colspan = min(max(_span(cell.get("colspan")), 1), MAX_COLUMNS)
    return colspan, _span(cell.get("rowspan"))


def build_grid(rows: list[list[tuple[int, int, str]]], name: str = "") -> list[list[str]]:
    """Lay ``(colspan, rowspan, text)`` cells over a grid; merged text once, covered cells ``""``.

    A rowspan reaches at most to the last row (0 means exactly that); the grid is at most
    :data:`MAX_COLUMNS` wide. Time and memory are linear in the number of grid cells.
    """
    covered: list[int] = []  # per column: how many more rows a cell above still covers
    grid: list[list[str]] = []
    width = 0
    for r, cells in enumerate(rows):
        left = len(rows) - r
        row: list[str] = []
        for colspan, rowspan, text in cells:
            while len(row) < len(covered) and covered[len(row)] > 0:
                covered[len(row)] -= 1
                row.append("")
            across = min(colspan, MAX_COLUMNS - len(row))
            if across <= 0:
                break
            down = left if rowspan == 0 else min(max(rowspan, 1), left)
            start = len(row)
            row.append(text)
            row.extend([""] * (across - 1))
            covered.extend([0] * (len(row) - len(covered)))
            for column in range(start, len(row)):
                covered[column] = down - 1
        for column in range(len(row), len(covered)):
            covered[column] = max(covered[column] - 1, 0)
        grid.append(row)
        width = max(width, len(row))
        if width * len(grid) > MAX_CELLS:
            raise HtmlError(f"{name}: 网页中的表格超过 {MAX_CELLS} 个单元格，无法读取")
    return [row + [""] * (width - len(row)) for row in grid if any(c.strip() for c in row)]


def cell_text(cell: Any, depth: int) -> str:
    """A cell's text, paragraphs and line breaks as newlines; a nested table row by row."""
    parts: list[str] = [cell.text or ""]
    for child in cell:
        _cell_walk(child, parts, depth + 1)
        parts.append(child.tail or "")
    lines = (" ".join(part.split()) for part in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _cell_walk(el: Any, parts: list[str], depth: int) -> None:
    """Text inside a cell; a nested table's cells are spaced on their row's line."""
    if depth > MAX_DEPTH:
        parts.append(" ".join(el.itertext()))
        return
    nested_cell = el.tag in ("td", "th")
    block = not nested_cell and (el.tag in BLOCKS or el.tag == "br")
    parts.append("\n" if block else " " if nested_cell else "")
    parts.append(el.text or "")
    for child in el:
        _cell_walk(child, parts, depth + 1)
        parts.append(child.tail or "")
    if block:
        parts.append("\n")
