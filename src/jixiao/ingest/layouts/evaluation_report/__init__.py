"""The evaluation report (绩效评价报告): a narrative and four attached tables.

A department's evaluation of a special fund, as ``003_…`` shows: the narrative (money
arranged and its shares, 到位 and 执行, the on-site sample, the score per level with the
reasons for deductions, the problems and suggestions) and four attachments:

1. 资金使用结构明细表 → ``projects`` (and ``合计:…`` figures for its total row), see
   :mod:`.funds`;
2. 现场评价明细表 → ``allocations``, see :mod:`.allocations`;
3. 绩效评价指标评分表 → ``indicators`` with criteria, see :mod:`.scores`;
4. 绩效目标完成情况汇总表 → ``budget`` and more ``indicators``, see :mod:`.targets_table`.

The tables are found by their headers, not by the 附件 markers or positions, so a report
that attaches only some of them, or in another order, still reads. Indicators of attachment
3 come first (they carry ``criteria`` and ``basis``), then those of attachment 4; neither table
numbers its rows, so ``id`` is the position in the report, and ``source`` tells where each
was printed. Narrative figure names are listed in
:mod:`.narrative`; table figure names in each table's module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.bureaus import title_without_repeated_name
from jixiao.core.documents import Document, Organization
from jixiao.ingest.layouts.self_evaluation.budget import read_budget
from jixiao.ingest.lines import Line, Lines

from . import allocations, funds, narrative, scores, targets_table
from .cells import clean, filled

TITLE = re.compile(r"评价报告|绩效评价|评价情况")
ORG = re.compile(r"^(?:(?:19|20)\d{2}\s*年度?)?(\S*?(?:市场监督管理局|监督管理局|管理局|局|厅|委员会|委))")
YEAR = re.compile(r"(20\d{2})\s*年度?")
BUDGET_START = re.compile(r"^(项目支出名称|项目名称|主管部门|项目资金)")


@dataclass
class Section:
    """A run of lines of one kind (narrative or one table) and the caption above it."""

    kind: str
    caption: str = ""
    lines: list[Line] = field(default_factory=list)


def _kind_of(line: Line, current: str) -> str | None:
    """The table a line starts (by its header), or None when it continues the current one."""
    if funds.is_header(line):
        return "funds"
    if allocations.is_header(line):
        return "allocations"
    if scores.is_header(line):
        return "scores"
    if targets_table.is_header(line):
        return "indicators"
    if targets_table.is_goals(line):
        return "goals"
    cells = filled(line)
    starts_budget = bool(cells) and BUDGET_START.match(cells[0][1]) is not None
    if starts_budget and current != "budget" and len(line.cells) > 1:
        return "budget"
    return None


def split_sections(lines: list[Line]) -> list[Section]:
    """Cut the file into the narrative and the tables, each with its caption."""
    sections = [Section("narrative")]
    caption = ""
    for line in lines:
        kind = _kind_of(line, sections[-1].kind)
        if kind is not None and kind != sections[-1].kind:
            sections.append(Section(kind, caption))
        if len(line.cells) == 1 and clean(line.text):
            caption = clean(line.text)
        sections[-1].lines.append(line)
    return sections


def _title(lines: list[Line]) -> str:
    for line in lines[:40]:
        text = clean(line.text)
        if TITLE.search(text) and len(text) < 80:
            return re.sub(r"\s+", " ", line.text.strip())
    return ""


def _organization(lines: list[Line], title: str) -> Organization:
    for text in [title, *(clean(x.text) for x in lines[:10])]:
        match = ORG.match(text.strip())
        if match and len(match.group(1)) <= 30:
            return Organization(name=match.group(1))
    return Organization()


def _year(title: str, text: str) -> int | None:
    match = YEAR.search(title) or re.search(r"(20\d{2})\s*年度", text)
    return int(match.group(1)) if match else None


def read_narrative(doc: Document, lines: list[Line]) -> None:
    """Title, organization, year, totals and every figure stated in the prose."""
    doc.title = _title(lines)
    doc.organization = _organization(lines, doc.title)
    doc.title = title_without_repeated_name(doc.title, doc.organization.name)
    text = "".join(clean(x.text) for x in lines)
    doc.year = _year(doc.title, text)
    source = lines[0].source if lines else None
    doc.figures += narrative.share_figures(text, source)
    doc.figures += narrative.money_figures(text, source)
    doc.figures += narrative.sample_figures(text, source)
    levels = narrative.level_figures(text, source)
    doc.figures += levels
    score, grade = narrative.score_and_grade(text)
    weights = [f.value for f in levels if f.name.startswith("分值:") and f.value is not None]
    doc.totals = {"weight": sum(weights, Decimal(0)) if weights else Decimal(100)}
    doc.totals |= {"reported_score": score, "grade": grade}
    doc.figures += narrative.section_texts(lines, "问题", "问题")
    doc.figures += narrative.section_texts(lines, "建议", "建议")


def _read_table(doc: Document, section: Section) -> None:
    warnings = doc.warnings
    if section.kind == "funds":
        projects, figures = funds.read_funds(section.lines, warnings)
        doc.projects += projects
        doc.figures += figures
    elif section.kind == "allocations":
        doc.allocations += allocations.read_allocations(section.lines, warnings)
    elif section.kind == "scores":
        indicators, figures = scores.read_scores(section.lines, section.caption, warnings)
        doc.indicators += indicators
        doc.figures += figures
    elif section.kind == "budget":
        rows = [x for x in section.lines if len(x.cells) > 1]
        doc.budget = doc.budget or read_budget(rows, warnings)
    elif section.kind == "goals":
        doc.figures += targets_table.read_goals(section.lines)
    elif section.kind == "indicators":
        indicators, figures = targets_table.read_indicator_table(section.lines, warnings)
        doc.indicators += indicators
        doc.figures += figures


def parse(lines: Lines) -> Document:
    """Parse an evaluation report (text or tables) into a Document of kind evaluation_report."""
    doc = Document(kind="evaluation_report")
    sections = split_sections(lines.lines)
    read_narrative(doc, sections[0].lines)
    for section in sections[1:]:
        _read_table(doc, section)
    if not doc.projects:  # no fund table: the money rows the prose lists, if any
        text = "".join(clean(x.text) for x in sections[0].lines)
        source = sections[0].lines[0].source if sections[0].lines else None
        doc.projects = narrative.prose_projects(text, source)
    for n, indicator in enumerate(doc.indicators, 1):
        indicator.id = str(n)  # the tables do not number their rows: position in the report
    if not doc.projects and not doc.indicators and doc.totals.get("reported_score") is None:
        doc.warnings.append(f"{lines.name}：未找到资金使用明细表或绩效指标表")
    return doc
