"""The 政府信息公开工作年度报告 (disclosure annual report), as seed 001 prints it.

Parts 一 to 四 with their standard tables, labels from :mod:`jixiao.core.disclosure` (the one
source of the report's labels): 二、主动公开政府信息情况 (a block per 第二十条 item, each with its
own 信息内容 header row; ``本年增/减`` printed ``增 1``/``减 1``, units after values as stated),
三、收到和处理政府信息公开申请情况 (three header rows: 申请人情况 › 自然人 / 法人或其他组织 › …, 总计;
rows in the standard order, 三、本年度办理结果 merged down its rows, sub-rows under their group),
四、政府信息公开行政复议、行政诉讼情况 (fifteen columns). Part 一 states the figures the prose of the
report carries (主动公开, 受理, 渠道, 结转下年度), filled from the document's figures.

The report is refused (:class:`~jixiao.reports.ExportError`, the offending cells named) when
table 三 breaks the consistency rule 新收 + 上年结转 = 办理结果总计 + 结转下年度: a report that
fails it must not be filed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core import disclosure as std
from jixiao.core.documents import Disclosure, Document
from jixiao.reports.blocks import Block, GridBuilder, Heading, Paragraph, Report, Table
from jixiao.reports.layouts.common import figure, issuer_line, plain_title
from jixiao.reports.numbers import plain

CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
ORGS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
REVIEW_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", std.TOTAL)


def build(doc: Document) -> Report:
    """The report: title, part 一 from the figures, tables 二 to 四."""
    refuse_inconsistent(doc)
    data = doc.disclosure or Disclosure()
    title = plain_title(doc, "政府信息公开工作年度报告")
    blocks: list[Block] = []
    blocks += issuer_line(doc, title)
    blocks += [Heading(title, 0), Heading("一、总体情况"), *_overview(doc)]
    blocks += [Heading("二、主动公开政府信息情况"), proactive_table(data.proactive)]
    blocks += [Heading("三、收到和处理政府信息公开申请情况"), requests_table(data.requests)]
    blocks += [Heading("四、政府信息公开行政复议、行政诉讼情况"), reviews_table(data.reviews)]
    fee = figure(doc, "信息处理费")
    if fee is not None and fee.value is not None:
        blocks += [
            Heading("六、其他需要报告的事项"),
            Paragraph(f"本年度收取信息处理费{plain(fee.value)}元。"),
        ]
    return Report(title=title, blocks=blocks, landscape=False)


def refuse_inconsistent(doc: Document) -> None:
    """Raise ExportError naming the cells when table 三 breaks the consistency rule."""
    from jixiao.core.checks.disclosure import check_disclosure
    from jixiao.reports import ExportError

    broken = [f for f in check_disclosure(doc) if f.rule == "disclosure.balance"]
    if broken:
        details = "；".join(f"{f.where}：{f.message}" for f in broken)
        raise ExportError(f"表三勾稽关系不成立，不能出具年度报告。{details}")


def _overview(doc: Document) -> list[Paragraph]:
    """Part 一's sentences that carry figures, in the report's own wording."""
    sentences = []
    proactive = figure(doc, "主动公开:政府信息")
    if proactive is not None and proactive.value is not None:
        sentences.append(f"全年主动公开政府信息{plain(proactive.value)}条。")
    received = figure(doc, "依申请:受理")
    if received is not None and received.value is not None:
        parts = [f"本机关共受理依申请公开{plain(received.value)}件"]
        channels = [f for f in doc.figures if f.name.startswith("依申请:渠道/")]
        if channels:
            named = [f"{f.name.split('/', 1)[1]}{plain(f.value)}件" for f in channels]
            parts.append("其中" + "，".join(named))
        carried = figure(doc, "依申请:结转下年度")
        if carried is not None and carried.value is not None:
            parts.append(f"结转下年度继续办理{plain(carried.value)}件")
        sentences.append("，".join(parts) + "。")
    return [Paragraph(text) for text in sentences]


def _value_text(column: str, value: Any, unit: str | None) -> str:
    if not isinstance(value, Decimal | int | float):
        return "" if value is None else str(value)
    number = Decimal(str(value))
    if "增/减" in column and number:
        text = f"增 {plain(number)}" if number > 0 else f"减 {plain(-number)}"
    else:
        text = plain(number)
    return f"{text} {unit}" if unit else text


def proactive_table(rows: list[dict[str, Any]]) -> Table:
    """Table 二: per 第二十条 block a block row, its header row and its items."""
    columns_of: dict[str, list[str]] = {}
    for row in rows:
        names = [k for k in row if k not in ("block", "item", "units")]
        seen = columns_of.setdefault(str(row.get("block", "")), [])
        seen += [name for name in names if name not in seen]
    width = 1 + max((len(c) for c in columns_of.values()), default=3)
    grid = GridBuilder(width, [2.5] + [1.0] * (width - 1))
    for block, columns in columns_of.items():
        grid.row((0, width, block))
        grid.row((0, 1, "信息内容"), *((1 + i, 1, name) for i, name in enumerate(columns)))
        for row in (r for r in rows if str(r.get("block", "")) == block):
            units = row.get("units") or {}
            cells = [_value_text(c, row.get(c), units.get(c)) for c in columns]
            grid.row(
                (0, 1, str(row.get("item", ""))), *((1 + i, 1, t) for i, t in enumerate(cells))
            )
    return grid.table


def requests_table(requests: dict[str, dict[str, Decimal]]) -> Table:
    """Table 三 in the standard layout: three header rows, then the rows in standard order."""
    grid = GridBuilder(10, [1.6, 1.6, 2.4] + [0.8] * 7)
    grid.row((0, 3, CHECK_NOTE), (3, 6, "申请人情况"), (9, 1, std.TOTAL))
    grid.row((3, 1, "自然人"), (4, 5, "法人或其他组织"))
    grid.row(*((4 + i, 1, name) for i, name in enumerate(ORGS)))
    grid.merge_down(0, 2, 0, 2)
    grid.merge_down(0, 2, 9)
    grid.merge_down(1, 2, 3)
    grid.table.header_rows = 3
    keys = [k for k in std.REQUEST_KEYS if k in requests]
    keys += [k for k in requests if k not in keys]
    results: list[int] = []
    for key in keys:
        counts = [
            (3 + i, 1, plain(requests[key].get(c))) for i, c in enumerate(std.REQUEST_COLUMNS)
        ]
        if key in (std.NEW, std.CARRIED, std.CARRY_OVER) or key not in std.REQUEST_KEYS:
            grid.row((0, 3, key), *counts)
        else:
            results.append(_result_row(grid, key, counts))
    if results:
        grid.table.rows[results[0]][0] = std.RESULTS
        grid.merge_down(results[0], results[-1], 0)
    return grid.table


def _result_row(grid: GridBuilder, key: str, counts: list[tuple[int, int, str]]) -> int:
    """One row of 三、本年度办理结果; a group's label stands on its first sub-row only."""
    group, _, item = key.partition("/")
    if not item:
        return grid.row((1, 2, key), *counts)
    starts_group = not any(row[1] == group for row in grid.table.rows)
    return grid.row((1, 1, group if starts_group else ""), (2, 1, item), *counts)


def reviews_table(reviews: dict[str, dict[str, Decimal]]) -> Table:
    """Table 四: 行政复议 (5 columns) and 行政诉讼 (未经复议直接起诉, 复议后起诉: 5 each)."""
    grid = GridBuilder(15)
    grid.row((0, 5, "行政复议"), (5, 10, "行政诉讼"))
    grid.row(
        *((i, 1, h) for i, h in enumerate(REVIEW_HEADS[:4])),
        (4, 1, std.TOTAL),
        (5, 5, "未经复议直接起诉"),
        (10, 5, "复议后起诉"),
    )
    grid.row(*((5 + i, 1, h) for i, h in enumerate(REVIEW_HEADS * 2)))
    for c in range(5):
        grid.merge_down(1, 2, c)
    grid.table.header_rows = 3
    values = [
        plain(reviews.get(group, {}).get(col))
        for group in std.REVIEW_GROUPS
        for col in std.REVIEW_COLUMNS
    ]
    grid.row(*((i, 1, v) for i, v in enumerate(values)))
    return grid.table
