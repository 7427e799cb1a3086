"""The prose blocks: 预期目标 (the year's overall goals) and 目标实际完成情况 (what was achieved).

They are kept whole as text figures named ``预期目标`` and ``目标实际完成情况`` (value None), so
nothing is lost and a reader can compare the two. In a real table both usually sit in one
row under a header row naming them; in PDF text each follows its own label line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.documents import Figure, Indicator
from jixiao.ingest.cells import (
    cell_at,
    compact,
    fragments,
    is_grid,
    join_wrapped,
    place,
)
from jixiao.ingest.layouts.self_evaluation.rows import Row, build_indicator
from jixiao.ingest.levels import LEVEL1, LEVEL2, level_of, split_weight
from jixiao.ingest.lines import Line

LABEL = re.compile(
    r"^(年度总体目标|年度绩效目标|总体目标完成情况|目标实际完成情况|实际完成情况|预期目标|总体目标|"
    r"整体目标)[:：]?"
)
NAMES = (
    ("预期目标", ("预期目标", "年度总体目标", "总体目标", "整体目标", "年度绩效目标")),
    ("目标实际完成情况", ("实际完成情况", "完成情况")),
)


def _figure_name(label: str) -> str | None:
    for name, words in NAMES:
        if any(word in label for word in words):
            return name
    return None


def read_prose(kind: str, lines: list[Line], warnings: list[str]) -> list[Figure]:
    """Keep a prose block (label line first) as text figures."""
    label = lines[0]
    if is_grid(label) and len(label.filled) > 1 and all(len(c) <= 12 for c in fragments(label)):
        return _grid_prose(label, lines[1:])
    first, names = strip_labels(" ".join(fragments(label)))
    if len(names) > 1:  # 预期目标 and 实际完成情况 side by side, as two columns
        return _two_columns(names, lines[1:], label, warnings)
    name = names[0] if names else ("目标实际完成情况" if kind == "outcomes" else "预期目标")
    text = join_wrapped([first, *(" ".join(fragments(line)) for line in lines[1:])])
    return [Figure(name=name, value=None, text=text, source=label.source)] if text else []


def strip_labels(text: str) -> tuple[str, list[str]]:
    """Take the block labels off the start of a line; return the rest and the figures named."""
    names: list[str] = []
    rest = text.strip()
    while match := LABEL.match(rest):
        name = _figure_name(match.group(1))
        if name and name not in names and match.group(1) != "年度总体目标":
            names.append(name)
        rest = rest[match.end() :].strip()
    return rest, names


def _two_columns(
    names: list[str], lines: list[Line], label: Line, warnings: list[str]
) -> list[Figure]:
    """Text lines under a two-column label: split at the tab, else all kept as the first."""
    texts: dict[str, list[str]] = {name: [] for name in names}
    for line in lines:
        cells = line.filled if not is_grid(line) else fragments(line)
        if len(cells) > 1:
            texts[names[0]].append(cells[0])
            texts[names[1]].append(" ".join(cells[1:]))
        elif cells:
            texts[names[0]].append(cells[0])
    if not texts[names[1]] and texts[names[0]]:
        warnings.append(
            f"{'、'.join(names)}两栏并排印在一起（{place(label.source)}），"
            f"未能分开，已全部归入{names[0]}"
        )
    return [
        Figure(name=name, value=None, text=join_wrapped(parts), source=label.source)
        for name, parts in texts.items()
        if parts
    ]


def _grid_prose(header: Line, rows: list[Line]) -> list[Figure]:
    """Columns named by the header row (预期目标 | 目标实际完成情况), texts from the rows below."""
    columns = {
        i: _figure_name(compact(cell)) for i, cell in enumerate(header.cells) if compact(cell)
    }
    columns = {i: name for i, name in columns.items() if name}
    texts: dict[str, list[str]] = {name: [] for name in columns.values()}
    for row in rows:
        for i, name in columns.items():
            if cell_at(row, i):
                texts[name].append(cell_at(row, i))
    return [
        Figure(name=name, value=None, text=join_wrapped(parts), source=header.source)
        for name, parts in texts.items()
        if parts
    ]


def read_notes(lines: list[Line]) -> list[Figure]:
    """Keep the notes and signature lines under the table as one text figure ``表注``."""
    texts = [" ".join(line.filled) for line in lines if line.filled]
    if not texts:
        return []
    return [Figure(name="表注", value=None, text="\n".join(texts), source=lines[0].source)]


# ---------------------------------------------------------------- indicators written as prose
#
# Self-evaluation *reports* (not the table) often list each indicator as a sentence:
# ``抽检批次（批次），目标值5000，完成值5120，分值10分，得分10分`` under headings naming its
# 一级 and 二级 (``（一）产出指标（50分）``, ``1.数量指标``). The field words are data, one list
# per column as the table columns are, so every wording of a field (年度指标值, 实际完成值, 权重,
# 自评得分 …) is read the same way; the words are matched longest first in one pass.

PROSE_FIELDS = (
    (
        "target",
        ("年度指标值", "年度目标值", "预期目标值", "年初目标值", "目标值", "指标值", "计划值"),
    ),
    ("actual", ("实际完成值", "全年实际值", "实际完成", "完成值", "实际值", "完成情况")),
    ("weight", ("分值", "权重", "满分")),
    ("score", ("自评得分", "实际得分", "评价得分", "得分")),
)
FIELD_OF = {word: key for key, words in PROSE_FIELDS for word in words}
FIELD_WORDS = re.compile("|".join(sorted(map(re.escape, FIELD_OF), key=len, reverse=True)))
OUTLINE = re.compile(
    r"^\s*+(?:\d{1,2}\s*[.、．](?!\d)|[（(]?\s*\d{1,2}\s*[)）]|[（(][一二三四五六七八九十]{1,3}[)）]|"
    r"[一二三四五六七八九十]{1,3}\s*[、.．]|[①-⑳])\s*"
)
LEVEL_PREFIX = re.compile(
    r"^([\u4e00-\u9fff]{1,12}?指标)\s*(?:[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)])?\s*"
)
UNIT_SUFFIX = re.compile(r"[（(]([^（）()]{1,10})[）)]$")
HEADING_TAIL = re.compile(r"^(?:完成情况|情况)?[\s：:，,]*")
VALUE_LEAD = re.compile(r"^[\s为是:：]+")
VALUE_TAIL = re.compile(r"[\s，,；;。、:：]+$")
# 分值 and 得分 are numbers: a clause whose "得分" runs on into other words (``自评得分100分,
# 等级为优,设置绩效目标11个``) is a summary sentence, not an indicator.
POINTS_VALUE = re.compile(r"^\d+(?:\.\d+)?\s*分?$")
MAX_NAME = 60
MAX_HEADING = 40


@dataclass
class _Levels:
    """The 一级 and 二级 named by the headings read so far."""

    one: str | None = None
    two: str | None = None

    def path(self) -> list[str]:
        return [name for name in (self.one, self.two) if name]

    def take(self, text: str) -> str:
        """Read the level words at the start of ``text`` (after outline markers); the rest."""
        rest = OUTLINE.sub("", text, count=1)
        while match := LEVEL_PREFIX.match(rest):
            name = split_weight(match.group(0).strip()).name
            level = level_of(name, self.one) if LEVEL1.match(name) or LEVEL2.match(name) else None
            if level is None:
                break
            if level == 1:
                self.one, self.two = name, None
            else:
                self.two = name
            rest = OUTLINE.sub("", HEADING_TAIL.sub("", rest[match.end() :]), count=1)
        return rest


def read_prose_indicators(lines: list[Line], warnings: list[str]) -> list[Indicator]:
    """Indicators stated as sentences (see above), in order, with their 一级/二级 paths."""
    levels = _Levels()
    rows: list[Row] = []
    for line in lines:
        for cell in line.filled:
            for clause in re.split(r"[；;。\n]", cell):
                row = _statement(clause, levels)
                if row is not None:
                    row.source = line.source
                    rows.append(row)
    return [build_indicator(row, number, warnings) for number, row in enumerate(rows, start=1)]


def _statement(clause: str, levels: _Levels) -> Row | None:
    """The indicator a clause states, or None (a short clause may be a heading: levels)."""
    fields = list(FIELD_WORDS.finditer(clause))
    keys = {FIELD_OF[match.group(0)] for match in fields}
    if len(keys) < 2 or not keys & {"target", "actual"}:
        if len(clause.strip()) <= MAX_HEADING:
            levels.take(clause.strip())
        return None
    name = VALUE_TAIL.sub("", levels.take(clause[: fields[0].start()].strip()))
    if not name or len(name) > MAX_NAME:
        return None
    unit = UNIT_SUFFIX.search(name)
    row = Row(name=name[: unit.start()].strip() if unit else name, path=levels.path())
    row.unit = unit.group(1) if unit else None
    for index, match in enumerate(fields):
        end = fields[index + 1].start() if index + 1 < len(fields) else len(clause)
        value = VALUE_TAIL.sub("", VALUE_LEAD.sub("", clause[match.end() : end]))
        key = FIELD_OF[match.group(0)]
        if key in ("weight", "score") and value and not POINTS_VALUE.match(value):
            return None
        if value and getattr(row, key) is None:
            setattr(row, key, value)
    return row


TOTAL_SCORE = re.compile(
    r"(?:自评|综合|总)\s*(?:总)?(?:得分|评分)\s*(?:合计)?\s*(?:为|是|[:：])?\s*(\d+(?:\.\d+)?)\s*分"
)


STATED_COUNT = re.compile(
    r"(?:共|合计)?设(?:置|定)?(?:了)?(?:绩效)?(?:目标|指标)(?:共)?(\d{1,4})(?:个|项|条)"
)


def prose_count(lines: list[Line]) -> list[Figure]:
    """How many indicators a prose report says it set (``设置绩效目标11个``): ``指标个数``.

    A public copy is often an excerpt that stops part-way; the stated count tells the checks
    that the indicators read are not all there, so their sum cannot be held against the total.
    """
    for line in lines:
        match = STATED_COUNT.search(compact(line.text))
        if match:
            value = Decimal(match.group(1))
            return [Figure("指标个数", value, "个", match.group(0), line.source)]
    return []


def prose_total(lines: list[Line]) -> list[Figure]:
    """The total a prose report states (``自评总得分为95.5分``) as the figure ``合计:得分``."""
    for line in lines:
        match = TOTAL_SCORE.search(compact(line.text))
        if match:
            value = Decimal(match.group(1))
            return [
                Figure(
                    name="合计:得分",
                    value=value,
                    unit="分",
                    text=match.group(0),
                    source=line.source,
                )
            ]
    return []
