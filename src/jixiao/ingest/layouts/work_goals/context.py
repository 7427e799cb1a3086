"""Which numbers of a government work report or plan are the year's targets, which are context.

政府工作报告, 规划 and 实施方案 state their targets (``今年发展主要预期目标是：国内生产总值增长
5.5%左右；…``) among pages of numbers that report the past (``2021年，国内生产总值达到114万亿
元，增长8.1%。全国财政收入突破20万亿元…``). Those past numbers read exactly like commitments, so
they are told apart by where they stand, not by their words:

- a part whose heading reviews the past (``一、2021年工作回顾``, ``过去五年``, ``主要成效``) is
  context as a whole;
- inside a paragraph, a clause that opens with a past time (``2021年，``, ``去年``, ``过去一年``,
  ``“十三五”时期``; a year before the document's own) starts a run of context that lasts to the
  end of the paragraph or to the first clause that looks ahead (``今年``, ``预期目标``, ``力争``,
  ``到2025年`` …), which is read as usual.

The lead-in of a goals sentence (``今年发展主要预期目标是：``) is not part of the first target's
name.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from jixiao.ingest.layouts.work_goals.commitments import split_clauses

REVIEW_HEADING = re.compile(
    r"回顾|成绩单|过去一年|过去五年|一年来|五年来|工作总结|主要成效|取得的成[绩效]|工作成效|发展成就|"
    r"上年工作|年度?工作情况"
)
PAST_LEAD = re.compile(
    r"^(?:(20\d\d)\s*年(?:度|以来)?|去年|上年|上一年|过去一年|过去五年|一年来|五年来|近年来|"
    r"近五年|[“\"]?十[一二三四五]五[”\"]?(?:时期|期间|以来))$"
)
AHEAD = re.compile(
    r"今年|明年|本年|全年目标|预期目标|主要目标|发展目标|目标[是为：:]|目标任务|力争|确保|争取|"
    r"到\s*20\d\d\s*年|计划|预计"
)
GOAL_LEAD = re.compile(r"^[^，,。；;]{0,40}?目标(?:是|为)?\s*[：:]\s*")


#: A review that opens without a heading of its own: a line that starts 过去的一年 / 一年来 or
#: a line that ends in 成绩单 (``2024年全市上下……交出了一份……优异成绩单``).
REVIEW_OPEN = re.compile(r"(?m)^[ \t]*(?:过去的?一年|过去五年|一年来|五年来|[^\n]{0,60}成绩单[ \t]*$)")
#: Where the document turns to the year ahead: a line that names it in its first words.
AHEAD_OPEN = re.compile(
    r"(?m)^[^\n]{0,30}?(?:今年|预期目标|主要目标|总体要求|目标任务|工作安排|重点工作|工作建议|主要任务)"
)


BLANK = re.compile(r"\s*")


def review_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that review the past without a review heading.

    Each runs from a line that opens a review to the next line that turns to the year ahead
    (or to the end of the text); their clauses are context, as a review section's are. A government work report reviews last year this way
    (``过去的一年，……（一）经济实力实现新跃升。地区生产总值完成4704.3亿元、增长6.1%``).
    """
    aheads = [m.start() for m in AHEAD_OPEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    for match in REVIEW_OPEN.finditer(text):
        if spans and match.start() < spans[-1][1]:
            continue
        end = next((a for a in aheads if a > match.start()), len(text))
        spans.append((match.start(), end))
    return spans


def in_spans(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """The offsets of the clauses of ``text`` that start inside one of the (sorted) spans."""
    starts = [start for start, _ in spans]
    inside = set()
    for offset, _clause in split_clauses(text):
        first = BLANK.match(text, offset).end()  # the clause's first character, past a line break
        i = bisect_right(starts, first) - 1
        if i >= 0 and first < spans[i][1]:
            inside.add(offset)
    return inside


def is_review(path: list[str]) -> bool:
    """Whether a part sits under a heading that reviews the past."""
    return any(REVIEW_HEADING.search(heading) for heading in path)


def past_clauses(text: str, year: int | None) -> set[int]:
    """The offsets of the clauses of ``text`` that report the past (see the module docstring)."""
    past: set[int] = set()
    running = False
    paragraph_end = -1
    for offset, clause in split_clauses(text):
        if offset > paragraph_end:
            running = False
            newline = text.find("\n", offset)
            paragraph_end = len(text) if newline < 0 else newline
        if AHEAD.search(clause):
            running = False
        elif _opens_past(clause, year):
            running = True
        if running:
            past.add(offset)
    return past


def _opens_past(clause: str, year: int | None) -> bool:
    match = PAST_LEAD.match(clause.strip())
    if not match:
        return False
    printed = match.group(1)
    return printed is None or year is None or int(printed) < year


def strip_goal_lead(name: str) -> str:
    """``今年发展主要预期目标是：国内生产总值增长5.5%左右`` → ``国内生产总值增长5.5%左右``."""
    return GOAL_LEAD.sub("", name, count=1) or name
