"""A province-wide workbook: every unit's self-evaluation table, one sheet each, and a summary.

A province officer files (and an evaluator reads) all units' 部门整体支出绩效自评表 at once.
:func:`province_workbook` puts each unit's table on its own sheet, in the same layout as a
single export (:mod:`jixiao.reports.layouts.self_evaluation`), behind a first sheet 汇总 that
lists every unit with its reported and recomputed total, grade, money and the number of
errors the checks find — the figures come from :mod:`jixiao.core` (scoring, checks, money),
never recomputed here. The workbook is streamed (:mod:`jixiao.reports.xlsx_stream`): the
documents may be a generator, and 137 units take a few seconds.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.checks import run_checks
from jixiao.core.documents import Budget, BudgetRow, Document
from jixiao.core.money import execution_rate, round_half_up
from jixiao.core.scoring import score_document
from jixiao.reports.blocks import Chart, GridBuilder, Heading, PageBreak, Paragraph, Report
from jixiao.reports.numbers import money, percent, points
from jixiao.reports.xlsx import sheet_name
from jixiao.reports.xlsx_stream import StyleCache, new_workbook, plan_sheet, write_plan

SUMMARY = "汇总"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SUMMARY_HEADER = (
    "序号",
    "单位",
    "年度",
    "工作表",
    "总分值",
    "自评得分",
    "复核得分",
    "等级",
    "全年预算（万元）",
    "全年执行（万元）",
    "执行率",
    "指标数",
    "校验错误",
)
SUMMARY_WIDTHS = [3, 16, 4, 10, 4, 5, 5, 3, 8, 8, 5, 4, 4]


@dataclass(frozen=True)
class UnitLine:
    """One unit's line of the summary sheet, from the core's own results."""

    unit: str
    year: int | None
    sheet: str
    weight: Decimal | None
    reported: Decimal | None
    recomputed: Decimal | None
    grade: str
    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    indicators: int
    errors: int


def province_workbook(documents: Iterable[Document], title: str = "") -> bytes:
    """The workbook (.xlsx bytes): a summary sheet, then one sheet per document.

    Each document is laid out, streamed to its sheet and dropped before the next one is
    read, so memory stays flat however many units there are. ``title`` heads the summary
    (e.g. ``湖南省市场监督管理局2023年度部门整体支出绩效自评汇总``). Raises
    :class:`~jixiao.reports.ExportError` when there is no document.
    """
    from jixiao.reports import ExportError, build_report

    book = new_workbook()
    styles = StyleCache()
    summary = book.create_sheet(SUMMARY)
    used = {SUMMARY}
    lines = []
    for doc in documents:
        report = build_report(doc)
        name = sheet_name(unit_name(doc), used)
        write_plan(book, name, plan_sheet(_without_pictures(report)), styles)
        lines.append(unit_line(doc, name))
    if not lines:
        raise ExportError("没有可导出的自评表：所选范围内没有部门整体支出绩效自评表。")
    _fill_summary(book, summary, summary_report(lines, title), styles)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def unit_name(doc: Document) -> str:
    """The name a unit's sheet and summary line go by: its organisation, else the title.

    Control characters (pasted in from other systems) are dropped: a sheet name with one
    makes the whole workbook unwritable.
    """
    name = CONTROL.sub("", doc.organization.name or doc.title or "").strip()
    return name or "未命名单位"


def _without_pictures(report: Report) -> Report:
    """The report as one sheet of figures: charts and page breaks dropped."""
    blocks = [b for b in report.blocks if not isinstance(b, Chart | PageBreak)]
    return Report(report.title, blocks, report.landscape)


def unit_line(doc: Document, sheet: str) -> UnitLine:
    """Summarise one document through the core: score sheet, checks, fund totals."""
    sheet_score = score_document(doc)
    total = budget_total(doc.budget)
    errors = sum(1 for f in run_checks(doc) if f.severity == "error")
    weight = doc.totals.get("weight")
    return UnitLine(
        unit=unit_name(doc),
        year=doc.year,
        sheet=sheet,
        weight=None if weight is None else Decimal(str(weight)),
        reported=sheet_score.reported_total,
        recomputed=sheet_score.recomputed_total,
        grade=sheet_score.grade or "",
        budget=total.adjusted if total else None,
        spent=total.spent if total else None,
        rate=_rate(total),
        indicators=sum(1 for i in doc.indicators if i.weight is not None) or len(doc.indicators),
        errors=errors,
    )


def budget_total(budget: Budget | None) -> BudgetRow | None:
    """The fund block's total row (合计), or its only row."""
    if budget is None or not budget.rows:
        return None
    total = next((r for r in budget.rows if "合计" in r.source), None)
    return total or (budget.rows[0] if len(budget.rows) == 1 else None)


def _rate(row: BudgetRow | None) -> Decimal | None:
    value = execution_rate(row.spent, row.adjusted) if row else None
    return None if value is None else round_half_up(value)


def summary_report(lines: list[UnitLine], title: str = "") -> Report:
    """The summary sheet as report blocks: a title, the table, a line of totals."""
    grid = GridBuilder(len(SUMMARY_HEADER), [float(w) for w in SUMMARY_WIDTHS])
    grid.row(*((c, 1, text) for c, text in enumerate(SUMMARY_HEADER)))
    grid.table.header_rows = 1
    for n, line in enumerate(lines, 1):
        grid.row(*((c, 1, text) for c, text in enumerate(_summary_cells(n, line))))
    grid.row((0, 4, "合计"), *_totals(lines))
    errors = sum(line.errors for line in lines)
    note = (
        f"共 {len(lines)} 个单位；校验错误合计 {errors} 项（详见各单位工作表或系统中的校验结果）。"
    )
    return Report(
        SUMMARY, [Heading(title or "部门整体支出绩效自评汇总表", 0), grid.table, Paragraph(note)]
    )


def _summary_cells(n: int, line: UnitLine) -> list[str]:
    return [
        str(n),
        line.unit,
        str(line.year or ""),
        line.sheet,
        points(line.weight),
        points(line.reported),
        points(line.recomputed),
        line.grade,
        money(line.budget),
        money(line.spent),
        percent(line.rate),
        str(line.indicators),
        str(line.errors),
    ]


def _totals(lines: list[UnitLine]) -> list[tuple[int, int, str]]:
    budget = _sum(line.budget for line in lines)
    spent = _sum(line.spent for line in lines)
    rate = execution_rate(spent, budget) if budget is not None else None
    return [
        (8, 1, money(budget)),
        (9, 1, money(spent)),
        (10, 1, percent(None if rate is None else round_half_up(rate))),
        (11, 1, str(sum(line.indicators for line in lines))),
        (12, 1, str(sum(line.errors for line in lines))),
    ]


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _fill_summary(book: object, sheet: object, report: Report, styles: StyleCache) -> None:
    """Stream the summary into the sheet created first (so it opens first in Excel)."""
    from jixiao.reports.xlsx_stream import fill_sheet

    fill_sheet(sheet, plan_sheet(report), styles)
