"""Cell text helpers shared by every layout and the table stage: numbers, rates, clean-up.

This is the one place a printed cell becomes a number (``to_number``, ``to_rate``) or clean
text (``clean``, ``compact``, ``join_wrapped``); layouts import these instead of keeping copies.

A line of the reading model is either a real table row (``Line.table`` set: one cell per
grid column, merged cells as ``""``) or a text line pulled out of a PDF, where the columns
of one row are separated by spaces and empty cells are simply missing. ``fragments`` turns
both into the list of non-empty pieces the text-mode parsers work on.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.core.documents import Source
from jixiao.ingest.lines import Line

NUMBER = re.compile(r"^[-+]?\d[\d,，]*(\.\d+)?$")
EMPTY_MARKS = {"-", "—", "－", "–", "/", "／", "——", "--", "无数据"}
TAG = re.compile(r"</?\s*p\s*>", re.IGNORECASE)
CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")
WRAP = re.compile(r"[ \t]*\n[ \t]*")
WEIGHT = re.compile(r"^(.*?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$")
OPEN_CLOSE = (("（", "）"), ("(", ")"), ("【", "】"), ("[", "]"), ("“", "”"), ("《", "》"))
# A page number as a page's footer prints it (- 2 -, 第2页 共5页); readers and layouts add
# their own forms (a bare 2 at a PDF page's edge, 2/5).
PAGE_FOOTER = r"[-–—]\s*\d+\s*[-–—]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?"
PAGE_NUMBER = re.compile(rf"^\s*(?:{PAGE_FOOTER})\s*$")
# A web page's chrome around the article: page words (打印本页 关闭窗口, 字号：大 中 小), the
# neighbouring articles (上一篇：…), and the lines a share bar or footer opens with.
CHROME_WORDS = re.compile(
    r"上一篇|下一篇|上一条|下一条|分享到|分享|打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|"
    r"收藏|返回顶部|返回|字号|字体|默认|[大中小]"
)
CHROME_PUNCT = re.compile(r"[\s\[\]【】()（）:：|｜/、,，·>»]+")
NEIGHBOUR_LINE = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]")
MAX_NEIGHBOUR_LINE = 160
CHROME_OPENING = re.compile(
    r"^[【\[]?(?:分享到|打印本页|关闭窗口)|^(?:主办单位|承办单位|版权所有|网站标识码|网站地图)[:：]?"
)


def is_grid(line: Line) -> bool:
    """Whether the line is a real table row whose cell positions are columns.

    Table rows of .docx and .pdf carry ``table``; every row of a spreadsheet is a grid row.
    """
    return line.table is not None or line.source.sheet is not None


def fragments(line: Line) -> list[str]:
    """Return the non-empty pieces of a line: its cells, or its words when it is one text cell.

    A PDF-extracted text line holds a whole table row in one cell with spaces between the
    columns; a tab-separated or real table row already has its cells.
    """
    filled = line.filled
    if is_grid(line):
        return [cell_text(c) for c in filled]
    if len(filled) == 1:
        return filled[0].split()
    return filled


def cell_text(text: str) -> str:
    """A table cell's text in one piece: the lines it wraps or breaks into joined back."""
    return join_wrapped(text.split("\n"))


def cell_at(line: Line, index: int) -> str:
    """The text of the cell at a grid position ('' past the end of the row)."""
    return cell_text(line.cells[index]) if index < len(line.cells) else ""


def place(source: Source | None) -> str:
    """Where a value was printed, in words: 第12行, 第3页, 表1!A7."""
    if source is None:
        return ""
    if source.sheet:
        return f"{source.sheet}!{source.cell or ''}"
    if source.line:
        return f"第{source.line}行"
    if source.page:
        return f"第{source.page}页"
    return source.cell or ""


def compact(text: str) -> str:
    """Text without any whitespace: the form in which wrapped Chinese cells are compared."""
    return re.sub(r"\s+", "", text)


def join_wrapped(parts: list[str]) -> str:
    """Join pieces of a cell broken over lines, with nothing between them.

    Chinese has no spaces between words, and a narrow column breaks numbers too
    (``不少于80`` / ``0家``), so a line break is never a space.
    """
    return "".join(part.strip() for part in parts)


def display_width(text: str) -> int:
    """Width of text as printed: a Chinese character takes two columns, a Latin one one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_number(text: str | None) -> Decimal | None:
    """Read a printed number ("11,789.83", "9") as a Decimal; None for blanks and dashes."""
    if text is None:
        return None
    cleaned = compact(text).replace("，", ",").removesuffix("分")
    if not cleaned or cleaned in EMPTY_MARKS or not NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return None


def to_rate(text: str | None) -> Decimal | None:
    """Read a printed rate ("95.54%", "0.00%", "100") as a number in %, exactly as printed."""
    if text is None:
        return None
    return to_number(compact(text).rstrip("%％"))


def is_number(text: str) -> bool:
    """Whether a fragment is a bare number (a weight or a score)."""
    return to_number(text) is not None


def is_blank_mark(text: str) -> bool:
    """Whether a fragment is a dash or slash standing for an empty cell."""
    return compact(text) in EMPTY_MARKS


def unbalanced(text: str) -> bool:
    """Whether text opens a bracket or quote it does not close (the cell goes on)."""
    return any(text.count(a) > text.count(b) for a, b in OPEN_CLOSE)


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """Drop ``<p>`` tags, the line breaks a cell wrapped at, and spaces between Chinese characters.

    A ruled PDF table wraps cell text anywhere (``产出指标 (5`` / ``0分)``), so breaks inside
    a cell are joined without a space. Header tests clean the same cells again and again, so
    the results are cached (a pure function of the text).
    """
    return CJK_GAP.sub("", WRAP.sub("", TAG.sub(" ", text))).strip()


def split_weight(text: str) -> tuple[str, Decimal | None]:
    """``产出指标 (50分)`` → (``产出指标``, 50): a level name and its stated weight."""
    match = WEIGHT.match(clean(text))
    if match is None:
        return clean(text), None
    return match.group(1).strip(), Decimal(match.group(2))


# A block's label with its points, printed in a merged first column: 绩效指标(90分).
BLOCK_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,10}[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def lost_lead(header: Line, row: Line) -> int:
    """How many cells a table row lost at its start: its block's merged label column.

    A form's block label (``绩效指标(90分)``, ``预算执行情况(10分)``) spans every row of its
    block. A copy as Markdown rows prints it on the header row only, so each row after starts
    one cell early; a row that keeps the cell (empty, or the label repeated, as a .docx or a
    tab layout gives it) lost nothing.
    """
    if not header.cells or not BLOCK_LABEL.match(compact(header.cells[0])):
        return 0
    first = compact(row.cells[0]) if row.cells else ""
    return 1 if first and not BLOCK_LABEL.match(first) else 0
def is_page_words(text: str) -> bool:
    """A line of page words only (打印本页 关闭窗口, 字号：大 中 小) or a 上一篇/下一篇 link.

    The page's 来源/发布日期 line is kept: it names the publishing body and the date.
    """
    if len(text) <= MAX_NEIGHBOUR_LINE and NEIGHBOUR_LINE.match(text):
        return True
    rest = CHROME_PUNCT.sub("", CHROME_WORDS.sub("", text))
    return not rest


def is_page_chrome(text: str) -> bool:
    """Whether a text line is a web page's chrome: page words, or a share bar or footer line.

    A web page's text copied whole (a browser's ``innerText``) goes on from the article's last
    table into these lines; they end the table.
    """
    cell = text.strip()
    if CHROME_OPENING.match(cell):
        return True
    return CHROME_WORDS.search(cell) is not None and is_page_words(cell)  # not a lone "/"
