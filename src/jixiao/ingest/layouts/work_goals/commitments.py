"""Commitments with numbers in work-goal prose, and the numbers that are only context.

A clause (text between ``，。；``) is a commitment when it holds a number that promises an
amount: a number with a unit or measure word (``500家``, ``100%``, ``100项以上``), a number
after a comparator (``扩展至30以上``, ``控制在0.25以内``), a Chinese numeral after one
(``不少于三个``), or a bare number ending the clause (``…承诺企业200``).

Numbers that are context, not commitments, are skipped: years and dates (``2020年``,
``82020年签订``), anniversaries (``成立100周年``), ordinals (``第四届``), names of campaigns in
quotes (``“100个特色产业质量提升行动”``), existing counts (``原有13个``), references being
followed (``对照…提出的10个新课题``), and definitions (``一次死亡3人以上的…事故``).
"""

from __future__ import annotations

import re

UNITS = (
    "批次|家次|人次|户次|个百分点|百分点|小时|公里|平方米|万元|亿元|元|%|‰|个|家|项|件|次|户|条|人|名|台|本|期|"
    "所|座|场|套|支|张|份|篇|部|类|种|批|吨|亩|天|日|倍|宗|起|例|元/|只|册|分|万|亿|千米|米"
)
UNIT = re.compile(rf"^\s*(?:{UNITS})")
COMPARATOR = re.compile(
    r"(?:至少|不少于|不低于|不超过|不高于|超过|达到|达|至|控制在|力争|新增|提高到|提升至|降低到|完成|≥|≤|>|<)\s*$"
)
AFTER_COMPARATOR = re.compile(r"^\s*(?:以上|以内|以下|左右|余)")
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
CHINESE = re.compile(
    r"(?:至少|不少于|不低于|超过|达到|新增)\s*([一二三四五六七八九十两百千]+)\s*(?:个|家|项|件|批次|次|户|条|人|所|场)"
)
DATE_AFTER = re.compile(r"^\s*(?:年|月|日|周年|届|号|时|点|岁|世纪)")
REFERENCE = re.compile(r"对照|按照|根据|依据|结合|对标|围绕")
EXISTING = re.compile(r"(?:原有|现有|已有|原|共有)\s*$")
#: Blanks are taken whole (``\s*+``: no unit or 的 starts with one), so a run of them is not
#: given back and rescanned (quadratic on a long blank run).
DEFINITION = re.compile(rf"^\s*+(?:{UNITS})?\s*+(?:以上|以下)?的")
CUTS = "，,。；;！!？?●•▪◆◇"
CLAUSE_END = re.compile(r"^[\s。，,；;：:！!？?）)”]*$")


def split_clauses(text: str) -> list[tuple[int, str]]:
    """The clauses of ``text`` with their offsets (cut at ，,。；;！？ outside brackets).

    A bullet (``●``, ``•``: a summary's list of targets, one a line) cuts too. Line breaks
    inside a clause are wrapped lines and are closed up.
    """
    clauses = []
    start = 0
    depth = 0
    for index, char in enumerate(text + "。"):
        if char in "（(":
            depth += 1
        elif char in "）)" and depth:
            depth -= 1
        if char in CUTS and depth == 0:
            clause = text[start:index].replace("\n", "").strip()
            if clause:
                clauses.append((start, clause))
            start = index + 1
    return clauses


PARALLEL = re.compile(r"[、和及与]")


def parallel(clause: str) -> list[tuple[int, str]]:
    """The commitments one clause lists side by side, each with its offset in the clause.

    ``…抽检合格率达到98%、抽样检验量实现每千人4批次`` and ``分别增长8%左右和8.5%左右`` promise two
    amounts; a ``、`` or ``和`` between two sides that each commit is where they part. A list
    of subjects (``城镇和农村…``, ``沟通率、办结率…均为100%``) has no number on one side and stays
    one commitment.
    """
    for mark in PARALLEL.finditer(clause):
        left, right = clause[: mark.start()], clause[mark.end() :]
        if is_commitment(left) and is_commitment(right):
            rest = [(mark.end() + offset, part) for offset, part in parallel(right)]
            return [(0, left), *rest]
    return [(0, clause)]


def is_commitment(clause: str) -> bool:
    """Whether the clause promises an amount (see the module docstring)."""
    if CHINESE.search(clause):
        return True
    before = _Before(clause)
    return any(_commits(clause, match, before) for match in NUMBER.finditer(clause))


class _Before:
    """What the text before each number holds, kept as the numbers are read in order.

    Each number used to look at the whole text before it again (quotes, reference words), so a
    clause of many numbers took quadratic time; this keeps the counts as it goes (linear).
    Words that must end right before a number (原有, 不少于) are looked for in the last
    ``TAIL`` characters.
    """

    TAIL = 64

    def __init__(self, clause: str) -> None:
        self.clause, self.at = clause, 0
        self.curly = self.straight = 0
        first = REFERENCE.search(clause)
        self.reference_end = first.end() if first else len(clause) + 1

    def move(self, start: int) -> str:
        """Account for the text up to ``start``; return its tail."""
        part = self.clause[self.at : start]
        self.curly += part.count("“") - part.count("”")
        self.straight += part.count('"')
        self.at = start
        return self.clause[max(0, start - self.TAIL) : start]


def _commits(clause: str, match: re.Match[str], before: _Before) -> bool:
    tail, after = before.move(match.start()), clause[match.end() :]
    if _is_context(before, match.start(), tail, after):
        return False
    return bool(
        UNIT.match(after)
        or COMPARATOR.search(tail)
        or AFTER_COMPARATOR.match(after)
        or CLAUSE_END.match(after)
    )


def _is_context(before: _Before, start: int, tail: str, after: str) -> bool:
    if DATE_AFTER.match(after) or tail.endswith("第") or EXISTING.search(tail):
        return True
    if before.curly > 0 or before.straight % 2:
        return True
    if before.reference_end <= start and not COMPARATOR.search(tail):
        return True
    return bool(DEFINITION.match(after)) and not COMPARATOR.search(tail[-8:])
