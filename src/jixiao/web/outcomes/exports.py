"""The allocation table as .xlsx (openpyxl): the saved table, or the computed one for a draft."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from jixiao.core.incentives import LEVEL_LABELS, TEN_THOUSAND
from jixiao.reports.cells import printable
from jixiao.web.outcomes import pools
from jixiao.web.outcomes.models import IncentivePool

HEADER = (
    "序号",
    "单位",
    "层级",
    "得分",
    "是否符合条件",
    "说明",
    "分配金额（元）",
    "分配金额（万元）",
)


def _rows(pool: IncentivePool) -> list[tuple[str, str, Decimal | None, bool, str, Decimal]]:
    saved = pools.saved_rows(pool)
    if saved:
        return [
            (s.organization.name, s.organization.level, s.score, s.qualifies, s.reason, s.amount)
            for s in saved
        ]
    table = pools.compute(pool)
    return [(s.name, s.level, s.score, s.qualifies, s.reason, s.amount) for s in table.shares]


def _append(sheet: Any, row: list[Any]) -> None:
    sheet.append([printable(v) for v in row])


def pool_xlsx(pool: IncentivePool) -> bytes:
    """The workbook bytes: title, rule, one row per unit, the total and what is left.

    Laid out as report blocks and written by ``reports.xlsx`` like every other export, so
    it prints the same way (widths by content, A4, fit to width, page numbers).
    """
    from jixiao.reports.blocks import Heading, Paragraph, Report, Table
    from jixiao.reports.numbers import plain
    from jixiao.reports.xlsx import write_xlsx

    rows = [list(HEADER)]
    total = Decimal(0)
    for i, (name, level, score, ok, reason, amount) in enumerate(_rows(pool), start=1):
        level_label = LEVEL_LABELS.get(level, level)
        ok_label = "是" if ok else "否"
        yuan, wan = str(int(amount)), plain(amount / TEN_THOUSAND)
        rows.append([str(i), name, level_label, plain(score), ok_label, reason, yuan, wan])
        total += amount
    left = pool.amount - total
    for label, amount in (("合计", total), ("结余", left)):
        rows.append([label, "", "", "", "", "", str(int(amount)), plain(amount / TEN_THOUSAND)])
    rule = (
        f"分配规则：{pool.to_rule().describe()}；资金池 {pool.amount / TEN_THOUSAND:f} 万元；"
        f"状态：{pool.get_status_display()}"
    )
    title = f"{pool.organization.name}{pool.year}年度{pool.name}分配表"
    report = Report("分配表", [Heading(title, 0), Paragraph(rule), Table(rows)], landscape=False)
    out = BytesIO()
    write_xlsx([report], out)
    return out.getvalue()
