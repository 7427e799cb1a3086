"""Layout of the self-evaluation table (部门整体支出绩效自评表, 项目支出绩效自评表) → Document.

The table is cut into its labelled blocks (:mod:`.sections`), each read by its own module:
head (title, 部门名称及编码, year) :mod:`.head`; 年度主要任务 :mod:`.tasks`; 预期目标 and
目标实际完成情况 :mod:`.prose`; 项目资金 :mod:`.budget`; 绩效指标 :mod:`.indicators` (with
:mod:`.wrapped` for PDF text). A self-evaluation *report* written as prose, with no indicator
table, has its indicators read from its sentences (:func:`.prose.read_prose_indicators`). Every block works on real table rows (.docx .xlsx .pdf) and on
PDF-extracted text alike, so the formats of one table give the same Document.

Figures this layout makes (besides the shared ``分值:<level path>`` and ``合计:分值``/``合计:得分``):
- ``预期目标`` and ``目标实际完成情况``: the prose blocks, value None, the text in ``text``;
- ``项目名称``, ``实施单位``, ``业务处室名称``: labelled head values other than the organisation;
- ``栏目:<指标值|完成值|分值|得分>``: the value columns the indicator table prints (no value);
- ``预算执行率权重``: the head's fund weight (a 绩效目标表), None when the cell is blank;
- ``标题分值:绩效指标`` / ``标题分值:预算执行``: the points a block's label states
  (``绩效指标(90分)``, ``预算执行情况(10分)``), the sentence in ``text``;
- ``表注:预算调整须说明理由`` and ``项目资金:原因/<row>``: the rule the fund block's 原因 cell
  prints, and what the unit wrote there;
- ``表注``: notes and signature lines under the table (注：…, 填表人 …), as printed.

Totals: ``weight`` = the indicators' 分值 + the fund block's 分值; ``reported_score`` = the
printed total (``合计:得分``) if printed, else the indicators' 得分 + the fund block's 得分,
marked ``reported_score_summed`` so no finding calls that sum "印为" (printed);
``grade`` when printed (自评等级/评价等级).
"""

from __future__ import annotations

from typing import Any

from jixiao.core.documents import Document, Source
from jixiao.ingest.layouts.self_evaluation.budget import budget_notes, read_budget, run_budget
from jixiao.ingest.layouts.self_evaluation.flat import unflatten
from jixiao.ingest.layouts.self_evaluation.head import (
    budget_weight_figure,
    head_figures,
    head_score,
    labelled_values,
    read_grade,
    read_organization,
    read_title,
    read_year,
)
from jixiao.ingest.layouts.self_evaluation.indicators import (
    Block,
    block_heading,
    read_indicators,
)
from jixiao.ingest.layouts.self_evaluation.prose import (
    prose_count,
    prose_total,
    read_notes,
    read_prose,
    read_prose_indicators,
)
from jixiao.ingest.layouts.self_evaluation.rows import sum_of
from jixiao.ingest.layouts.self_evaluation.sections import Section, split_sections
from jixiao.ingest.layouts.self_evaluation.tasks import read_tasks
from jixiao.ingest.lines import Lines

KIND = "self_evaluation"


def parse(lines: Lines) -> Document:
    """Read a self-evaluation table (any format, as Lines) into a Document."""
    doc = Document(kind=KIND, source=Source(file=lines.name))
    sections = split_sections(unflatten(lines.lines))
    _read_head(doc, sections[0])
    for section in sections[1:]:  # every indicator block: a copy can hold two forms' blocks
        block = _read_section(doc, section) or Block()
        doc.indicators += block.indicators
        doc.figures += block.figures
    _distinct_ids(doc)
    if not _has_money(doc):  # the fund block as a label run then its values (a text layer)
        doc.budget = run_budget(lines.lines) or doc.budget
    if not doc.indicators:  # a report written as prose, not the table
        _read_prose_report(doc, lines)
    head_text = "\n".join(line.text for line in sections[0].lines)
    doc.year = read_year(doc.title, head_text, lines.text)
    doc.totals = totals_of(doc, read_grade(lines.lines))
    if not doc.indicators:
        doc.warnings.append(f"{lines.name}: 未找到绩效指标表（一级指标/二级指标/三级指标）")
    return doc


def _distinct_ids(doc: Document) -> None:
    """Number the indicators by position when two blocks' own numbers collide (两张表各从1编号)."""
    ids = [ind.id for ind in doc.indicators]
    if len(set(ids)) < len(ids):
        for n, ind in enumerate(doc.indicators, 1):
            ind.id = str(n)


def _has_money(doc: Document) -> bool:
    """Whether the fund block read holds any printed number."""
    rows = doc.budget.rows if doc.budget else []
    fields = ("initial", "adjusted", "spent", "rate", "weight", "score")
    return any(getattr(row, f) is not None for row in rows for f in fields)


def _read_prose_report(doc: Document, lines: Lines) -> None:
    """Indicators and total of a report written as sentences; its body named in the title."""
    from jixiao.ingest.layouts.indicator_system import read_organization as title_organization

    doc.indicators = read_prose_indicators(lines.lines, doc.warnings)
    if doc.indicators:
        doc.figures += prose_total(lines.lines) + prose_count(lines.lines)
        if not doc.organization.name:
            doc.organization.name = title_organization(doc.title)


def _read_head(doc: Document, head: Section) -> None:
    values = labelled_values(head.lines)
    doc.title = read_title(head.lines)
    doc.organization = read_organization(values)
    doc.figures += head_figures(values) + budget_weight_figure(head.lines) + head_score(head.lines)


def _read_section(doc: Document, section: Section) -> Block | None:
    """Read one block into the document; return the indicator block when it is one."""
    if section.kind == "tasks":
        doc.tasks += read_tasks(section.lines, doc.warnings)
    elif section.kind in ("goals", "outcomes"):
        doc.figures += read_prose(section.kind, section.lines, doc.warnings)
    elif section.kind == "budget":
        budget = read_budget(section.lines, doc.warnings)
        doc.budget = budget or doc.budget
        doc.figures += budget_notes(section.lines) + block_heading(section.lines)
    elif section.kind == "indicators":
        doc.figures += block_heading(section.lines)
        return read_indicators(section.lines, doc.warnings)
    elif section.kind == "notes":
        doc.figures += read_notes(section.lines)
    return None


def totals_of(doc: Document, grade: str | None) -> dict[str, Any]:
    """The contract's totals: weights and scores summed with the fund block's (see above)."""
    fund_weight = doc.budget.weight if doc.budget else None
    fund_score = doc.budget.score if doc.budget else None
    weight = sum_of([i.weight for i in doc.indicators] + [fund_weight])
    printed = next((f.value for f in doc.figures if f.name == "合计:得分"), None)
    if printed is None:  # the head's 自评得分 (a 区域绩效目标自评表 prints no 合计 row)
        printed = next((f.value for f in doc.figures if f.name == "自评得分"), None)
    if printed is not None:
        return {"weight": weight, "reported_score": printed, "grade": grade}
    score = sum_of([i.score for i in doc.indicators] + [fund_score])
    summed = {"reported_score_summed": True} if score is not None else {}
    return {"weight": weight, "reported_score": score, "grade": grade} | summed
