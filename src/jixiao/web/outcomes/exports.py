"""The allocation table as .xlsx (openpyxl): the saved table, or the computed one for a draft."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from jixiao.core.incentives import LEVEL_LABELS, TEN_THOUSAND
from jixiao.reports.cells import keep_sheet_text, printable
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
    """The workbook bytes: title, rule, one row per unit, the total."""
    book = Workbook()
    sheet = book.active
    sheet.title = "分配表"
    _append(sheet, [f"{pool.organization.name}{pool.year}年度{pool.name}分配表"])
    sheet["A1"].font = Font(bold=True, size=14)
    _append(
        sheet,
        [
            f"分配规则：{pool.to_rule().describe()}；资金池 {pool.amount / TEN_THOUSAND:f} 万元；状态：{pool.get_status_display()}"
        ],
    )
    _append(sheet, list(HEADER))
    total = Decimal(0)
    for i, (name, level, score, ok, reason, amount) in enumerate(_rows(pool), start=1):
        _append(
            sheet,
            [
                i,
                name,
                LEVEL_LABELS.get(level, level),
                score,
                "是" if ok else "否",
                reason,
                int(amount),
                amount / TEN_THOUSAND,
            ],
        )
        total += amount
    _append(sheet, ["合计", "", "", "", "", "", int(total), total / TEN_THOUSAND])
    _append(
        sheet,
        [
            "结余",
            "",
            "",
            "",
            "",
            "",
            int(pool.amount - total),
            (pool.amount - total) / TEN_THOUSAND,
        ],
    )
    for column, width in zip("ABCDEFGH", (6, 30, 10, 8, 12, 30, 16, 16), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    keep_sheet_text(sheet.iter_rows())  # a unit's name or reason is never a live formula
    out = BytesIO()
    book.save(out)
    return out.getvalue()
