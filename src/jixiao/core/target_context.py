"""Context numbers that are not targets, and deadlines, for the target reader (``core.targets``).

A goal sentence is full of numbers that are not commitments: years (``2022年``, ``2021年度``),
dates (``截至2022年12月底``), ordinals and outline numbers (``第八届``, ``1.1``, ``(三)``, ``一是``),
rate names (``每万人口``), hotlines (``12315``), plan names (``十四五``), titles in quotes or 《》.
They are *masked* (replaced by ``□`` of the same length, so positions still match the text)
before quantities are read. Dates followed by 前/之前/完成 are read first as ``by_date`` targets.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from jixiao.core.documents import Target
from jixiao.core.quantities import MULT_RE, UNIT_RE

MASK = "□"
PAREN_MASK = ")"

_CN = "零〇一二两三四五六七八九十百千"
_CONTEXT = [
    re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{2}|\d{1,2}:\d{2}(?::\d{2})?(?![\d.])"),
    re.compile(
        r"(?:19|20)\d{2}(?:-(?:19|20)\d{2})?年度?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末|初|份)?"
    ),
    re.compile(r"(?:19|20)\d{2}(?:[-/]\d{1,2}(?:[-/]\d{1,2})?|\.\d{1,2}\.\d{1,2})(?![\d.%万亿])"),
    re.compile(r"\d{1,2}月(?:\d{1,2}日|底|末|初|份)?"),
    re.compile(rf"第[\d{_CN}]+"),
    re.compile(
        r"(?:^|(?<=[。；;：:\n]))(?:\d+(?:\.\d+)*[、.](?!\d)|"
        rf"\d{{1,2}}(?:\.\d{{1,2}})+(?=[\u4e00-\u9fff])(?!{MULT_RE}|{UNIT_RE}))"
    ),
    re.compile(
        r"\([一二三四五六七八九十\d]+\)|(?<![一二三四五六七八九十])[一二三四五六七八九十]++[、是]"
    ),
    re.compile(rf"每(?:\d+(?:\.\d+)?|[{_CN}]+)?(?:千万|百万|万|亿|千|百)?"),
    re.compile(r"(?<!\d)(?:12315|12345|12365|12331|12330|12358)(?![\d.])"),
    # Local service lines (96333 for lifts) only where the words say it is a line, since
    # 96000家 is a count.
    re.compile(
        r"(?:(?<=热线)|(?<=电话)|(?<=拨打))96\d{3}(?![\d.])"
        r"|(?<!\d)96\d{3}(?=(?:热线|电话|平台|服务|应急|救援|求援|呼叫|号码))"
    ),
    re.compile(r"十[一二三四五]五"),
    # Codes (GB/T2760, ISO9001): read from the start of a Latin run only, possessively, so that a
    # long run of letters is scanned once (the backtracking form was cubic: issue 16).
    re.compile(r"(?<![A-Za-z])[A-Za-z]++(?:/[A-Za-z]*+)?\d+(?:[.\-]\d+)*"),
    re.compile(r"《[^《》]*》"),
]
_QUOTES = re.compile(r"“[^”]{0,40}”|\"[^\"]{0,40}\"")
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")

_TAIL = r"(?P<tail>之前|以前|前完成|前|完成|止)?"
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|(?P<me>底|末))?)?(?P<ye>底|末)?"
    + _TAIL
)
_ISO_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})([-./])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?![\d.])" + _TAIL
)
_SINCE = re.compile(r"(截至|截止|截止到|至|到|自|从|于)$")


@dataclass
class Masked:
    """A normalised text with its context numbers masked (same length as ``original``)."""

    original: str
    text: str
    hidden_parens: bool = False

    def visible(self) -> str:
        """The text without masked parts, to judge whether any wording remains."""
        return self.text.replace(MASK, "").replace(PAREN_MASK, "")


def mask_context(text: str, prose: bool, keep_parens: bool = False) -> Masked:
    """Mask every context number of ``text`` (already normalised)."""
    masked = text
    for pattern in _CONTEXT:
        masked = pattern.sub(lambda m: MASK * len(m.group()), masked)
    if prose:
        masked = _QUOTES.sub(lambda m: MASK * len(m.group()), masked)
    hidden = False
    if not keep_parens:
        new = _PARENS.sub(lambda m: PAREN_MASK * len(m.group()), masked)
        hidden, masked = new != masked, new
    return Masked(original=text, text=masked, hidden_parens=hidden)


def read_deadlines(masked: Masked, cell: bool = False) -> list[Target]:
    """The ``by_date`` targets: ``2023年12月31日前``, ``2023年底前``; a bare date in a cell.

    A date after 截至/自/于 is a reference date, not a deadline. In a cell, a date alone
    (``2023年11月30日``, a result) also counts, but a bare year (``2023年``) does not.
    """
    return [target for target, _ in deadline_pairs(masked, cell)]


def deadline_pairs(masked: Masked, cell: bool = False) -> list[tuple[Target, int]]:
    """:func:`read_deadlines` with the position where each deadline starts."""
    text, out = masked.original, []
    matches = sorted([*_DATE.finditer(text), *_ISO_DATE.finditer(text)], key=lambda m: m.start())
    for match in matches:
        if _SINCE.search(text[max(0, match.start() - 3) : match.start()]):
            continue
        date = _iso(match)
        whole = cell and _only_date(masked, match)
        if date and (match.group("tail") not in (None, "止") or whole):
            out.append((Target(raw=match.group(), op="by_date", date=date), match.start()))
    return out


def _only_date(masked: Masked, match: re.Match[str]) -> bool:
    rest = masked.original[: match.start()] + masked.original[match.end() :]
    return (
        not re.search(r"\d", rest)
        and len(rest) <= 4
        and bool(match.group("m") or match.group("ye"))
    )


def _iso(match: re.Match[str]) -> str | None:
    year = int(match.group("y"))
    month = int(match.group("m") or 0)
    if not month:
        return f"{year}-12-31" if match.groupdict().get("ye") else None
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(match.group("d") or last)
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= last else None
