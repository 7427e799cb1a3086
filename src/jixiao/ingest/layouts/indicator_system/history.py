"""Earlier years' figures of the same measure, read from a target's basis text.

The basis (目标制定依据) of an indicator usually cites the last years of the measure the target
sets — ``2019年80948户、2020年100127户、2021年136092户`` — which the history check compares the
target with. Reading them is deliberately conservative, because a wrong history produces a
false finding while a missing one only skips a check:

- a year counts only as ``2019年`` (not ``2019年度``, a reporting period) or a bare ``2021``
  directly before words, and only before the document's own year;
- the figure must carry the target's unit (``户`` for ``120000户``; ``万``/``亿`` folded:
  ``4517.5万条`` → 45175000), or a counting unit of the same kind (``个``/``件``, ``家``/``家次``);
- averages (``三年平均…40户``, ``平均值``) and increments (``比增14648885条``) are skipped when the
  target is a stock; when the target itself is an increment (``新增…1969万条``) the increments
  are the measure and win over the stock printed beside them;
- ``2019年、2020、2021年…分别为4517.5万条、12183.7万、15687万条`` pairs years and figures in order;
- text inside 《》 (titles of documents) and 〔〕 (file numbers) is ignored;
- the first figure found for a year is kept.
"""

from __future__ import annotations

import re
from decimal import Decimal

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
YEAR_ANCHOR = re.compile(
    r"(?<![\d.])(20\d\d)(?:年(?!度)|(?=[\u4e00-\u9fff])(?![个件户家次批条项台本期人元万亿%年月日号]))"
)
QUANTITY = re.compile(rf"(?<![\d.])({NUMBER})\s*(万|亿)?\s*([^\d\s、，,。；;：:（）()]{{0,3}})")
#: ``2020、2021、2022年分别为…``: a list of 2 to 16 years, each after the first taken whole
#: (possessive, bounded), so a long run of years is not retried from each of them (quadratic).
RESPECTIVELY = re.compile(
    r"(20\d\d年?(?:底|末)?(?:\s*[、，,和及与]\s*20\d\d年?(?:底|末)?){1,15}+)"
    r"([^。；\d]{0,40}?)分别(?:为|是|达到?|新增|增加|完成)?([^。；]*)"
)
INCREMENT = re.compile(r"比增|新增|增加|净增|增长")
AVERAGE = re.compile(r"平均")
FULL_WIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
MULTIPLIER = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}
SAME_KIND = ({"个", "件"}, {"家", "家次"}, {"户", "户次"}, {"人", "人次"})


def units_match(unit: str, measure: str) -> bool:
    """Whether a printed unit counts the same thing as the target's unit."""
    if unit == measure:
        return True
    return any(unit in group and measure in group for group in SAME_KIND)


def _unit_of(tail: str, measure: str) -> str | None:
    """The unit at the start of ``tail`` that matches ``measure``, else None."""
    for size in range(len(tail), 0, -1):
        if units_match(tail[:size], measure):
            return tail[:size]
    return None


def _clean(text: str) -> str:
    """Blank out document titles 《…》 and file numbers 〔…〕 so their years are no anchors."""
    text = re.sub(r"《[^》]*》", "《》", text)
    return re.sub(r"[〔\[][^〕\]]*[〕\]]", "〔〕", text)


def _value(number: str, multiplier: str | None) -> Decimal:
    value = Decimal(number.replace(",", "")) * MULTIPLIER[multiplier or None]
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def read_history(
    basis: str, measure: str, year: int | None, *, increment: bool = False
) -> dict[str, Decimal]:
    """Figures of the measure with unit ``measure`` per earlier year, read from ``basis``."""
    history: dict[str, Decimal] = {}
    for sentence in re.split(r"[。；;\n]", _clean(basis.translate(FULL_WIDTH))):
        rest = _read_respectively(sentence, measure, history)
        _read_anchored(rest, measure, history, increment=increment)
    return {
        key: value for key, value in sorted(history.items()) if year is None or int(key) < year
    }


def _read_respectively(sentence: str, measure: str, history: dict[str, Decimal]) -> str:
    """Pair ``2019年、2020年…分别为a、b`` in order; return the sentence without that part."""
    match = RESPECTIVELY.search(sentence)
    if not match:
        return sentence
    years = re.findall(r"20\d\d", match.group(1))
    figures = [
        (number, multiplier, tail) for number, multiplier, tail in QUANTITY.findall(match.group(3))
    ]
    fitting = any(_unit_of(tail, measure) for _n, _m, tail in figures)
    if len(figures) >= len(years) and fitting:
        for year, (number, multiplier, _tail) in zip(years, figures, strict=False):
            history.setdefault(year, _value(number, multiplier))
    return sentence[: match.start()] + sentence[match.end() :]


def _read_anchored(
    sentence: str, measure: str, history: dict[str, Decimal], *, increment: bool
) -> None:
    """For each year anchor, the first fitting figure before the next anchor."""
    anchors = list(YEAR_ANCHOR.finditer(sentence))
    for index, anchor in enumerate(anchors):
        end = anchors[index + 1].start() if index + 1 < len(anchors) else len(sentence)
        value = _pick(sentence[anchor.end() : end], measure, increment=increment)
        if value is not None:
            history.setdefault(anchor.group(1), value)


def _pick(segment: str, measure: str, *, increment: bool) -> Decimal | None:
    """The figure of the measure in a year's segment (see the module docstring)."""
    plain: list[Decimal] = []
    grown: list[Decimal] = []
    start = 0
    for match in QUANTITY.finditer(segment):
        before = segment[start : match.start()]
        start = match.end()
        if not _unit_of(match.group(3), measure) or AVERAGE.search(before):
            continue
        value = _value(match.group(1), match.group(2))
        (grown if INCREMENT.search(before) else plain).append(value)
    if increment:
        return (grown or plain or [None])[0]
    return (plain or [None])[0]
