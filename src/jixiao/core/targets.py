"""The target language: Chinese target and result texts read into :class:`Target` objects.

The bureaus write targets as words (``不少于19.44万批次``, ``2次以上``, ``≤440元/人/天``,
``较上年度增加10%``, ``2023年12月31日前``, ``良好以上``) and the same words serve for results
(``5600余人次``, ``2023年11月30日完成``). Two entry points:

- :func:`parse_target` reads one cell (a 目标值 / 年度指标值 / 实际完成值) and returns every target
  in it, or a single ``qualitative`` target for a stated level, or ``[]`` when it holds none.
- :func:`find_targets` reads a goal sentence or a paragraph of prose (indicator systems, work
  goals) and returns only the *commitments* in it, each with the clause it came from; context
  numbers (years, dates, ordinals, ``成立100周年``, ``10个新课题``, hotline numbers, qualifiers
  such as ``3批次以上不合格的企业``, rate names such as ``每万人口``) are left out.

Rules (CONTRACT.md): 万/亿 after a number are folded into the value; the text's words decide the
operator, then the direction column, else ``=``; percentages keep ``%``; 百分点 changes are
``relative="points"``, changes on the year before ``relative="yoy"`` (a decrease is a negative
value with ``<=``). Values are signed: ``-3%``, ``−5`` (U+2212), ``负3%``, ``负增长3%``, ``下降3%`` and
``减少5`` are negative. A cell is at most ``MAX_VALUE_CHARS`` characters, a paragraph
``MAX_PROSE_CHARS``; every pattern runs in linear time. See docs/targets.md for the forms.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from jixiao.core.documents import Target
from jixiao.core.quantities import (
    MAX_NUMBER_DIGITS,
    MAX_VALUE_CHARS,
    MULT_RE,
    NUMBER,
    UNIT_RE,
    normalize,
    to_decimal,
)
from jixiao.core.target_context import MASK, Masked, deadline_pairs, mask_context, read_deadlines

__all__ = ["MAX_PROSE_CHARS", "MAX_VALUE_CHARS", "TargetError", "direction_op", "find_targets"]
__all__ += ["parse_target"]

#: A paragraph of a document (indicator systems, work goals) read by :func:`find_targets`.
MAX_PROSE_CHARS = 20000


class TargetError(ValueError):
    """A text that cannot be read as targets at all (not text, or absurdly long)."""


_DIRECTION = (
    (("大于等于", "大于或等于", "等于或大于", "不小于", "不低于", "不少于", "≥", ">="), ">="),
    (("小于等于", "小于或等于", "等于或小于", "不大于", "不高于", "不超过", "≤", "<="), "<="),
    (("大于", ">"), ">"),
    (("小于", "<"), "<"),
    (("等于", "="), "="),
)


def direction_op(direction: str | None) -> str | None:
    """Map the 指标方向 column (``大于等于``, ``≥``, ``小于``, even ``等于或等于``) to an operator."""
    if not direction:
        return None
    text = normalize(direction)
    for words, op in _DIRECTION:
        if any(word in text for word in words):
            return op
    return None


_PREFIX_OPS = {
    ">=": "不少于 不低于 不小于 至少 最少 大于等于 大于或等于 等于或大于 ≥ 达到 达 提升至 提高至 "
    "增加至 增长至 扩展至 扩大至 突破 保持在 稳定在 力争 确保达到",
    "<=": "不超过 不高于 不大于 不多于 小于等于 小于或等于 等于或小于 ≤ 控制在 降至 降低至 下降至 "
    "减少至 压缩至 压减至 缩短至 最多 至多",
    ">": "大于 高于 多于 超过 >",
    "<": "小于 低于 少于 <",
    "=": "等于 =",
}
_PREFIX_WORDS = {w: op for op, words in _PREFIX_OPS.items() for w in words.split()}
#: 达 alone means "reach" but not inside 下达, 传达, 表达, 送达, 到达 …
_NOT_REACH = r"(?<![下传表送抵通发到转])"
PREFIX_RE = re.compile(
    "|".join(
        _NOT_REACH + w if w == "达" else re.escape(w)
        for w in sorted(_PREFIX_WORDS, key=len, reverse=True)
    )
)
_SUFFIX_WORDS = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<="}
_SUFFIX_WORDS.update({"之内": "<=", "内": "<=", "左右": "="})
#: ``5%左右`` (about 5%: the contract has no word for "about", so ``=``) commits as 以上 does.
SUFFIX_RE = re.compile(r"及以上|以上|及以下|以下|以内|之内|内|左右")


def _one(i: str) -> str:
    """One number with its multiplier, 余/多 and unit; group names end in ``i``."""
    return (
        f"(?P<n{i}>{NUMBER})(?P<b{i}>余|多)?(?P<m{i}>{MULT_RE})?(?P<a{i}>余|多)?"
        f"(?P<u{i}>%|‰|{UNIT_RE})?"
    )


#: ``-3%``, ``负3%``: a sign right before the number (``−`` is folded to ``-`` by ``normalize``).
QUANTITY_RE = re.compile(r"(?P<s>-|负)?" + _one("1") + r"(?:(?:-|至|到)" + _one("2") + ")?")
_CHANGE_UP = re.compile(r"(增加|增长|提高|提升|上升|扩大)(了)?$")
_CHANGE_DOWN = re.compile(r"(负增长|下降|降低|减少|压减|缩减|缩短)(了)?$")
#: Before a sign: what makes ``-`` a dash between two things (``A-3``, ``12315-3``), not a minus.
_NOT_A_SIGN = re.compile(rf"[0-9A-Za-z.%{MASK}]")
_YOY = re.compile(r"较上年|比上年|同比|较去年|比去年|较上一年|年增长|年均增长")
_CLAUSE_END = "，。；;,:：!！?？、)）]】\n"
_QUALIFIER_NEXT = re.compile(r"[\u4e00-\u9fff“\"]")
_NONE_WORDS = frozenset({"无", "暂无", "不适用", "未设置", "未设定", "空", "否定", "-", "/", "—"})
#: ``12月31日前``: a deadline without its year cannot become a date, but it is a target.
_PARTIAL_DEADLINE = re.compile(r"\d{1,2}月(?:\d{1,2}日|底|末)?(?:之前|以前|前|完成)")
_SINGLE_LEVELS = frozenset("优良中差是否")
_LEVEL_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def parse_target(text: str, direction: str | None = None, unit: str | None = None) -> list[Target]:
    """Read every target (or result) written in one cell.

    Args:
        text: the cell as printed, e.g. ``不少于19.44万批次`` or ``100%（26家）``.
        direction: the 指标方向 column, used only when the text has no operator word.
        unit: the 计量单位 column, used only when the text gives no unit.

    Returns:
        The targets in reading order; one ``qualitative`` target for a text with no number that
        states something (``良好以上``); ``[]`` when the text holds no target (empty, ``无``, a year).

    Raises:
        TargetError: when ``text`` is not a string, is longer than ``MAX_VALUE_CHARS`` or holds a
            number of more than ``MAX_NUMBER_DIGITS`` digits; the message is Chinese.
    """
    raw = _check(text, MAX_VALUE_CHARS)
    masked = mask_context(normalize(raw), prose=False)
    targets = read_deadlines(masked, cell=True)
    targets += [t for t, _ in _quantities(masked, raw, cell=True)]
    if not targets and masked.hidden_parens:
        unmasked = mask_context(normalize(raw), prose=False, keep_parens=True)
        targets = [t for t, _ in _quantities(unmasked, raw, cell=True)]
    if not targets:
        return _qualitative(masked, raw)
    if len(targets) == 1:
        targets[0].raw = raw.strip()
    return [_apply_columns(t, direction_op(direction), unit) for t in targets]


def find_targets(text: str) -> list[tuple[Target, str]]:
    """Find the commitments in a goal sentence or a paragraph, each with its clause.

    Only quantities that read as commitments count: ones with an operator word (不少于, 达到,
    以上, 控制在…以内), or ones that close their clause (``全年新增“品字标”企业500家。``).
    A short text (one sentence, as an indicator name) with no such quantity but some wording is
    a ``qualitative`` target; a long paragraph with none gives ``[]``.
    """
    raw = _check(text, MAX_PROSE_CHARS)
    masked = mask_context(normalize(raw), prose=True)
    pairs = deadline_pairs(masked) + _quantities(masked, raw, cell=False)
    pairs.sort(key=lambda pair: pair[1])
    stops = _stops(masked.original)
    found = [
        (_apply_columns(t, None, None), _clause(masked.original, at, stops)) for t, at in pairs
    ]
    if not found and len(masked.text) <= 80 and not re.search(r"[。；;]", masked.text[:-1]):
        return [(t, raw) for t in _qualitative(masked, raw)]
    return found


def _check(text: object, limit: int) -> str:
    if not isinstance(text, str):
        raise TargetError(f"目标值应为文本，收到的是 {type(text).__name__}")
    if len(text) > limit:
        raise TargetError(
            f"目标值文字过长（{len(text)} 字），最多 {limit} 字，请只填写目标值或完成值"
        )
    return text


def _quantities(masked: Masked, raw: str, cell: bool) -> list[tuple[Target, int]]:
    """Every accepted quantity of ``masked`` as (Target, position)."""
    text, out, last_end = masked.text, [], 0
    stops = [m.start() for m in _WINDOW_STOPS.finditer(text)]
    for match in QUANTITY_RE.finditer(text):
        i = bisect_left(stops, match.start())
        start = max(last_end, stops[i - 1] + 1) if i else last_end
        target = _read(match, masked, start, cell)
        if target is not None:
            out.append((target, match.start()))
        last_end = match.end()
    return out


def _read(match: re.Match[str], masked: Masked, window_start: int, cell: bool) -> Target | None:
    """Turn one quantity match into a Target, or None when it is context, not a commitment.

    ``window_start`` is where the words that may hold its operator begin: the clause start or
    the end of the quantity before, whichever is later.
    """
    text, original = masked.text, masked.original
    g = match.groupdict()
    if _too_long(g, cell):
        return None
    if g["s"] == "-" and match.start() and _NOT_A_SIGN.match(text, match.start() - 1):
        g["s"] = None  # a dash between two things, not a minus
    if g["n2"] is None and _is_chinese(g["n1"]) and not g["u1"]:
        return None
    window = text[window_start : match.start()]
    after = text[match.end() : match.end() + 3]
    suffix = SUFFIX_RE.match(after)
    suffix_op = _suffix_op(g, suffix)
    prefix = list(PREFIX_RE.finditer(window))
    prefix_op = _PREFIX_WORDS[prefix[-1].group()] if prefix else None
    start = match.start() - len(window) + prefix[-1].start() if prefix else match.start()
    end = match.end() + (suffix.end() if suffix else 0)
    if (g["u2"] or g["u1"] or "").endswith("元") and text[end : end + 1] in ("整", "正"):
        end += 1  # 人民币壹佰万元整: the amount ends at 整
    closes = end >= len(text) or text[end] in _CLAUSE_END
    if not _accepted(g, cell, prefix_op, suffix_op, closes):
        return None
    if not cell and _is_qualifier(suffix, prefix_op, closes, text[end : end + 1]):
        return None
    return _build(g, original[start:end], window, suffix_op or prefix_op)


def _too_long(g: dict, cell: bool) -> bool:
    """A number of more digits than any amount: refused in a cell, skipped in prose."""
    digits = max(_digits(g["n1"]), _digits(g["n2"] or ""))
    if digits <= MAX_NUMBER_DIGITS:
        return False
    if cell:
        raise TargetError(
            f"数字“{(g['n1'])[:12]}…”有 {digits} 位，超过 {MAX_NUMBER_DIGITS} 位，不是一个数量，请检查"
        )
    return True


def _digits(number: str) -> int:
    """Digits of an Arabic number; a Chinese one counts half its characters (十 and 百 are units)."""
    if _is_chinese(number):
        return len(number) // 2
    return sum(ch.isdigit() for ch in number)


def _is_qualifier(
    suffix: re.Match[str] | None, prefix_op: str | None, closes: bool, nxt: str
) -> bool:
    """``3批次以上不合格的企业``: 以上/以下 running on into a noun describes, it does not commit."""
    if suffix is None or suffix.group() not in ("以上", "以下") or prefix_op or closes:
        return False
    return bool(_QUALIFIER_NEXT.match(nxt))


def _accepted(
    g: dict, cell: bool, prefix_op: str | None, suffix_op: str | None, closes: bool
) -> bool:
    unit = g["u2"] or g["u1"]
    if unit and unit in ("周年", "届", "号"):
        return False
    if _is_chinese(g["n1"]) and not (prefix_op or suffix_op or closes):
        return False
    if cell:
        return bool(unit or prefix_op or suffix_op or closes)
    return bool(prefix_op or suffix_op or closes)


def _suffix_op(g: dict, suffix: re.Match[str] | None) -> str | None:
    if g["a2"] or g["b2"] or ((g["a1"] or g["b1"]) and not g["n2"]):
        return ">"
    if suffix is None:
        return None
    word = suffix.group()
    if word == "内" and not (g["u2"] or g["u1"]):
        return None
    return _SUFFIX_WORDS[word]


def _build(g: dict, raw: str, window: str, op: str | None) -> Target | None:
    value = to_decimal(g["n1"], g["m1"] or (g["m2"] if not g["u1"] else None))
    if value is None:
        return None
    if g["s"]:
        value = -value
    unit = _unit(g["u2"] or g["u1"])
    if g["n2"] is not None:
        upper = to_decimal(g["n2"], g["m2"])
        if upper is None or upper < value:
            return None
        return Target(raw=raw, op="between", value=value, upper=upper, unit=unit)
    relative = _relative(window, unit)
    if _CHANGE_DOWN.search(window):  # 下降3%, 负增长3%, 减少5: a decrease is a negative change
        return Target(raw=raw, op=op or "<=", value=-abs(value), unit=unit, relative=relative)
    if relative and not op:
        op = ">="
    return Target(raw=raw, op=op or "", value=value, unit=unit, relative=relative)


def _unit(unit: str | None) -> str | None:
    if unit and unit.startswith(("万", "亿")) and len(unit) > 1:
        return unit.lstrip("万亿") or None
    return unit or None


def _relative(window: str, unit: str | None) -> str | None:
    if unit and unit.endswith("百分点"):
        return "points"
    changed = _CHANGE_UP.search(window) or _CHANGE_DOWN.search(window)
    if changed and (unit in ("%", "‰") or _YOY.search(window)):
        return "yoy"
    if _YOY.search(window) and changed:
        return "yoy"
    return None


def _is_chinese(number: str | None) -> bool:
    return bool(number) and not (number[0].isdigit() or number[0] == ".")


def _apply_columns(target: Target, column_op: str | None, unit: str | None) -> Target:
    """Fill what the words left open: operator from the direction column, unit from 计量单位."""
    if target.op == "":
        target.op = column_op or "="
    if target.unit is None and unit and target.op not in ("by_date", "qualitative"):
        target.unit = normalize(unit) or None
    return target


def _qualitative(masked: Masked, raw: str) -> list[Target]:
    """A text with no quantity: a stated level (``良好以上``) or nothing at all."""
    words = raw.strip()
    if words in _SINGLE_LEVELS or _PARTIAL_DEADLINE.search(masked.original):
        return [Target(raw=words, op="qualitative")]
    if words in _NONE_WORDS or len(_LEVEL_CHARS.findall(masked.visible())) < 2:
        return []
    return [Target(raw=words, op="qualitative")]


#: Where the words before a quantity stop: they may hold its operator back to here.
_WINDOW_STOPS = re.compile(r"[，。；;,：:\n]")
_STOPS = re.compile(r"[。；;，,\n]")


def _stops(text: str) -> list[int]:
    """Positions of the clause stops of ``text``, found once for all its targets."""
    return [m.start() for m in _STOPS.finditer(text)]


def _clause(text: str, at: int, stops: list[int]) -> str:
    """The clause around position ``at``: between the nearest 。；， stops (a binary search)."""
    i = bisect_left(stops, at)
    start = stops[i - 1] + 1 if i else 0
    return text[start : stops[i] if i < len(stops) else len(text)]
