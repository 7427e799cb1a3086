"""Figures stated in a document's sentences, whatever its kind, for the checks to compare.

Documents repeat their tables in words and add up their own parts in prose; a careful
reader checks those sentences too. This module reads the patterns that carry a figure and
its parts, as named :class:`~jixiao.core.documents.Figure` s (the checks are in
:mod:`jixiao.core.checks.narrative`):

- ``列举:部分/所称`` and ``列举:部分/列出`` — ``本报告包括：总体情况、…等6个部分``: the stated
  count and the count of the items listed (``text`` holds the sentence);
- ``资金构成:<n>/合计`` and ``资金构成:<n>/<i>`` — ``共完成预算资金89.97万元。其中：30万元用于…；
  30万元用于…；29.99万元用于…``: a sum of money and its parts (n numbers the sentence);
- ``规定分值:<名称>`` — a note fixing the weights (``一级指标分值为产出指标50分、效益指标30分、
  满意度指标10分、预算资金执行率10分``), one figure per name;
- ``项目数:共`` / ``项目数:年初`` / ``项目数:年中增加`` — one sentence stating a number of
  projects and how many were approved at the start of the year and added during it;
- ``表注:按计量单位填写`` — the form's note that targets are written in the 计量单位 column's
  unit (``采集数据项必须严格按照计量单位填写``), no value;
- ``其中:<n>/合计`` and ``其中:<n>/<i>`` — ``发布各类政务信息62条，其中政务动态34条，公示公告13条…``:
  a count and the categories listed after its 其中 (n numbers the sentence, ``text`` the item);
- disclosure reports only: ``依申请:流程/受理`` / ``…/办结`` / ``…/结转`` — ``受理…申请11件，
  …办结8件，结转下一年办理1件``: the applications received, done and carried to next year, stated
  together (within one stretch of :data:`FLOW_WINDOW` characters);
- disclosure reports only: ``依申请:答复`` (答复/办结申请 N 件), ``依申请:结果/<办理结果>``
  (予以公开及部分公开 N 件, 不予公开, 无法提供, 不予处理, 其他处理 …) and
  ``依申请:占比/<办理结果>`` (占 Y%).

Lines are joined without spaces before searching (PDF text breaks sentences across lines);
each figure keeps the line it starts on. Patterns are anchored on their words and every
repetition is bounded (at most 20 listed items or parts), so no match attempt scans more than a
bounded stretch of text and a long document is read in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from jixiao.core.documents import Figure, Source
from jixiao.ingest.lines import Line

# The names of the figures made here: the source's own sentences, which an export written in
# JiXiao's words does not restate.
NAMES = (
    "列举:",
    "资金构成:",
    "规定分值:",
    "项目数:",
    "依申请:答复",
    "依申请:结果/",
    "依申请:占比/",
    "其中:",
    "依申请:流程/",
)
ITEM = r"[^、。；;，,：:（()）]{2,24}"
ENUMERATION = re.compile(
    rf"(?:包括|包含|分为)[:：]?((?:{ITEM}、){{1,20}}{ITEM}?)(?:等|共)?(\d+|[一二三四五六七八九十])个部分"
)
CHINESE_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}
MONEY = r"(\d+(?:\.\d+)?)万元"
BREAKDOWN = re.compile(
    rf"共(?:申请|完成|安排|下达|拨付|支出|使用)?[^。；，\d]{{0,8}}?{MONEY}。其中[:：]"
    rf"((?:{MONEY}用于[^。；;]{{1,60}}[；;]){{1,20}}{MONEY}用于[^。；;]{{1,60}})"
)
PART = re.compile(rf"{MONEY}用于")
WEIGHT_NOTE = re.compile(
    r"(?:一级指标|各级指标|指标)?(?:分值|权重)(?:分别)?(?:设定|设置|确定)?为[:：]?"
    r"((?:[\u4e00-\u9fff]{2,12}?\d+(?:\.\d+)?分[、，,及和]?){2,12})"
)
WEIGHT_ITEM = re.compile(r"([\u4e00-\u9fff]{2,12}?)(\d+(?:\.\d+)?)分")
UNIT_RULE = re.compile(r"(?:必须|应当?|须)?严格?按照?计量单位填写")
PROJECTS_TOTAL = re.compile(
    r"(?:实施|共有|共实施|共安排)?项目共(\d+)个|共(?:实施|安排)?(\d+)个项目"
)
PROJECTS_OPENING = re.compile(r"年初(?:批复|安排|下达)?(?:预算)?(\d+)个项目")
PROJECTS_ADDED = re.compile(r"年中(?:新增|增加|追加)(\d+)个项目")
ANSWERED = re.compile(r"(?:答复|办结)(?:[^。；，\d]{0,12}?申请)?[^。；，\d]{0,4}?(\d+)件")
RESULT = re.compile(
    r"(予以公开及部分公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)(\d+)件"
    r"(?:[，,]?占(?:比)?(\d+(?:\.\d+)?)[%％])?"
)


COUNT_UNITS = "条|件|篇|项|个|期|次"
#: ``62条，其中政务动态34条，公示公告13条…``: at least two named parts, each a count.
CATEGORY_ITEM = rf"[^。；;（()）\d%％]{{1,30}}?\d+(?:{COUNT_UNITS})"
CATEGORIES = re.compile(
    rf"(\d+)({COUNT_UNITS})[，,]?[（(]?其中[:：，,]?((?:{CATEGORY_ITEM}[，,、；;]?){{2,20}})"
)
CATEGORY_PART = re.compile(rf"([^，,、；;]*?)(\d+)(?:{COUNT_UNITS})")
#: What applications became (办结, 结转, 答复) is not one more category of them: the list ends.
NOT_A_CATEGORY = re.compile(r"办结|结转|答复")
RECEIVED = re.compile(
    r"(?:受理|收到|接收|接到)[^。；\d]{0,30}?申请(?:公开)?(?:事项)?(\d+)(?:件|项)"
)
DONE = re.compile(r"办结(?:数)?(\d+)(?:件|项)")
CARRIED = re.compile(r"(?<!上年)(?<!上一年)结转(?:\d{4}年度?)?[^。；，,\d]{0,12}?(\d+)(?:件|项)")
FLOW_WINDOW = 160


def joined(lines: list[Line]) -> tuple[str, list[int]]:
    """All prose as one string without spaces, and where each line starts in it."""
    parts, starts, offset = [], [], 0
    for line in lines:
        part = re.sub(r"\s+", "", line.text)
        starts.append(offset)
        parts.append(part)
        offset += len(part)
    return "".join(parts), starts


def source_at(lines: list[Line], starts: list[int], offset: int) -> Source | None:
    """The source of the line holding ``offset`` of the joined text."""
    if not lines:
        return None
    line = lines[max(bisect_right(starts, offset) - 1, 0)]
    return Source(file=line.source.file, line=line.source.line, page=line.source.page)


def read_narrative(lines: list[Line], kind: str) -> list[Figure]:
    """The figures of every pattern above that the document's sentences hold."""
    text, starts = joined(lines)
    figures = _enumerations(text) + _breakdowns(text) + _weight_notes(text) + _projects(text)
    figures += _categories(text)
    rule = UNIT_RULE.search(text)
    if rule:
        figures.append((Figure("表注:按计量单位填写", None, text=rule.group(0)), rule.start()))
    if kind == "disclosure_report":
        figures += _results(text) + _flow(text)
    for figure, offset in figures:
        figure.source = source_at(lines, starts, offset)
    return [figure for figure, _ in figures]


Placed = list[tuple[Figure, int]]


WINDOW = 600  # an enumeration's sentence ends in 个部分 within this many characters


def _enumerations(text: str) -> Placed:
    """Each ``…个部分`` sentence, searched only in the stretch before its 个部分."""
    found: Placed = []
    for end in re.finditer("个部分", text):
        start = max(0, end.end() - WINDOW)
        ending = (m for m in ENUMERATION.finditer(text, start, end.end()) if m.end() == end.end())
        match = next(ending, None)
        if match is None:
            continue
        items = _parts([i for i in match.group(1).split("、") if i])
        stated = match.group(2)
        count = Decimal(CHINESE_DIGITS.get(stated) or stated)
        sentence = match.group(0)
        found.append((Figure("列举:部分/所称", count, "个", sentence), match.start()))
        found.append(
            (Figure("列举:部分/列出", Decimal(len(items)), "个", sentence), match.start())
        )
    return found


#: How a report's part is named: it ends in a head noun (总体情况, 其他需要报告的事项).
PART_END = re.compile(r"(?:情况|事项|问题|措施|说明|概述|内容|目标|要求|建议)$")


def _parts(items: list[str]) -> list[str]:
    """The listed parts, a run cut at an inner 、 joined back.

    ``被申请行政复议、提起行政诉讼情况`` is one part: an item without a part's head noun runs on
    into the next item that has one.
    """
    parts: list[str] = []
    pending = ""
    for item in items:
        pending = f"{pending}、{item}" if pending else item
        if PART_END.search(pending) or not any(PART_END.search(i) for i in items):
            parts.append(pending)
            pending = ""
    return parts + ([pending] if pending else [])


def _breakdowns(text: str) -> Placed:
    found: Placed = []
    for n, match in enumerate(BREAKDOWN.finditer(text), start=1):
        sentence = match.group(0)
        found.append(
            (
                Figure(f"资金构成:{n}/合计", Decimal(match.group(1)), "万元", sentence),
                match.start(),
            )
        )
        for i, part in enumerate(PART.finditer(match.group(2)), start=1):
            found.append(
                (
                    Figure(f"资金构成:{n}/{i}", Decimal(part.group(1)), "万元", part.group(0)),
                    match.start(),
                )
            )
    return found


def _weight_notes(text: str) -> Placed:
    """``一级指标分值为产出指标50分、效益指标30分…``: the weights a note fixes, the first such note."""
    match = WEIGHT_NOTE.search(text)
    if not match:
        return []
    return [
        (
            Figure(f"规定分值:{item.group(1)}", Decimal(item.group(2)), "分", match.group(0)),
            match.start(),
        )
        for item in WEIGHT_ITEM.finditer(match.group(1))
    ]


def _projects(text: str) -> Placed:
    """``实施项目共15个 … 年初批复8个项目 … 年中增加8个项目`` in one sentence: the count and its parts."""
    found: Placed = []
    for sentence in re.finditer(r"[^。]+。?", text):
        body = sentence.group(0)
        total, opening, added = (
            p.search(body) for p in (PROJECTS_TOTAL, PROJECTS_OPENING, PROJECTS_ADDED)
        )
        if not (total and opening and added):
            continue
        count = total.group(1) or total.group(2)
        for name, value in (
            ("共", count),
            ("年初", opening.group(1)),
            ("年中增加", added.group(1)),
        ):
            found.append((Figure(f"项目数:{name}", Decimal(value), "个", body), sentence.start()))
        break
    return found


def _results(text: str) -> Placed:
    """答复 N 件 and each 办理结果 with its share, the first time each is stated."""
    found: Placed = []
    answered = ANSWERED.search(text)
    if answered:
        found.append(
            (
                Figure("依申请:答复", Decimal(answered.group(1)), "件", answered.group(0)),
                answered.start(),
            )
        )
    seen: set[str] = set()
    for match in RESULT.finditer(text):
        name = match.group(1)
        if name in seen:
            continue
        seen.add(name)
        found.append(
            (
                Figure(f"依申请:结果/{name}", Decimal(match.group(2)), "件", match.group(0)),
                match.start(),
            )
        )
        if match.group(3):
            share = Figure(f"依申请:占比/{name}", Decimal(match.group(3)), "%", match.group(0))
            found.append((share, match.start()))
    return found


def _categories(text: str) -> Placed:
    """Each count followed by ``其中`` and the categories it lists, each with its count."""
    found: Placed = []
    for n, match in enumerate(CATEGORIES.finditer(text), start=1):
        total = Figure(f"其中:{n}/合计", Decimal(match.group(1)), match.group(2), match.group(0))
        found.append((total, match.start()))
        for i, part in enumerate(CATEGORY_PART.finditer(match.group(3)), start=1):
            if NOT_A_CATEGORY.search(part.group(1)):
                break
            name = f"其中:{n}/{i}"
            found.append((Figure(name, Decimal(part.group(2)), None, part.group(0)), match.start()))
    return found


def _flow(text: str) -> Placed:
    """Applications received, done and carried to next year, when one stretch states all three."""
    if "上年结转" in text:  # applications carried in: the flow has a fourth term the text may omit
        return []
    for received in RECEIVED.finditer(text):
        stretch = text[received.end() : received.end() + FLOW_WINDOW]
        done, carried = DONE.search(stretch), CARRIED.search(stretch)
        if done is None or carried is None:
            continue
        sentence = text[received.start() : received.end() + max(done.end(), carried.end())]
        return [
            (Figure(f"依申请:流程/{name}", Decimal(m.group(1)), "件", sentence), received.start())
            for name, m in (("受理", received), ("办结", done), ("结转", carried))
        ]
    return []
