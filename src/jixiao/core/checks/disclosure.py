"""Checks of the disclosure annual report's tables (勾稽关系, DOMAIN.md §5.5).

- ``disclosure.balance`` (error): in a column of table 三, 一、本年新收 + 二、上年结转 differs
  from （七）总计 + 四、结转下年度继续办理 — the rule printed in the table's own header.
- ``disclosure.row_total`` (error): a row's 总计 differs from the sum of its six applicant columns.
- ``disclosure.result_sum`` (error): （七）总计 differs from the sum of the result rows
  （一）…（六） (their sub-rows) in a column.
- ``disclosure.review_total`` (error): in table 四, a group's 总计 differs from 结果维持 + 结果纠正
  + 其他结果 + 尚未审结.
- ``disclosure.prose_mismatch`` (warning): a figure stated in the prose (共受理申请N件, 答复/办结
  N件, 结转下年度N件, 其中网络申请…) disagrees with table 三.
- ``disclosure.cross_year`` (error, from :func:`check_years` on two reports): last year's
  四、结转下年度继续办理 differs from this year's 二、上年结转 in a column.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.disclosure import (
    CARRIED,
    CARRY_OVER,
    NEW,
    REQUEST_COLUMNS,
    RESULT_TOTAL,
    REVIEW_COLUMNS,
    TOTAL,
    result_leaves,
    sum_columns,
)
from jixiao.core.documents import Document, Figure
from jixiao.core.findings import Finding

REQUESTS = "三、收到和处理申请"
REVIEWS = "四、行政复议和行政诉讼"
Table = dict[str, dict[str, Decimal]]


def check_disclosure(doc: Document) -> list[Finding]:
    """All disclosure-report checks; nothing for other kinds of document."""
    if doc.disclosure is None:
        return []
    requests = doc.disclosure.requests
    found = _balance(requests) + _row_totals(requests) + _result_sums(requests)
    found += _review_totals(doc.disclosure.reviews)
    found += _prose(requests, doc.figures)
    return found


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _balance(requests: Table) -> list[Finding]:
    rows = (NEW, CARRIED, RESULT_TOTAL, CARRY_OVER)
    if not all(row in requests for row in rows):
        return []
    found = []
    for column in REQUEST_COLUMNS:
        new, carried, done, carry = (requests[row].get(column) for row in rows)
        if new is None or carried is None or done is None or carry is None:
            continue
        if new + carried == done + carry:
            continue
        message = (
            f"{column}列：本年新收{_fmt(new)}＋上年结转{_fmt(carried)}＝{_fmt(new + carried)}，"
            f"而办理结果总计{_fmt(done)}＋结转下年度{_fmt(carry)}＝{_fmt(done + carry)}，"
            "不符合“第一项加第二项之和，等于第三项加第四项之和”"
        )
        where = f"{REQUESTS} · {column} · {RESULT_TOTAL}＋{CARRY_OVER}"
        found.append(
            Finding("disclosure.balance", "error", where, message, new + carried, done + carry)
        )
    return found


def _row_totals(requests: Table) -> list[Finding]:
    found = []
    for row, counts in requests.items():
        printed = counts.get(TOTAL)
        if printed is None:
            continue
        summed = sum_columns(counts)
        if printed != summed:
            message = f"“{row}”行总计印为{_fmt(printed)}，六类申请人相加应为{_fmt(summed)}"
            where = f"{REQUESTS} · {TOTAL} · {row}"
            found.append(Finding("disclosure.row_total", "error", where, message, summed, printed))
    return found


def _result_sums(requests: Table) -> list[Finding]:
    leaves = result_leaves(requests)
    if RESULT_TOTAL not in requests or not leaves:
        return []
    found = []
    for column in REQUEST_COLUMNS:
        printed = requests[RESULT_TOTAL].get(column)
        if printed is None:
            continue
        summed = sum((requests[k].get(column, Decimal(0)) for k in leaves), Decimal(0))
        if printed != summed:
            message = (
                f"{RESULT_TOTAL}印为{_fmt(printed)}，（一）至（六）各项相加应为{_fmt(summed)}"
            )
            where = f"{REQUESTS} · {column} · {RESULT_TOTAL}"
            found.append(
                Finding("disclosure.result_sum", "error", where, message, summed, printed)
            )
    return found


def _review_totals(reviews: Table) -> list[Finding]:
    found = []
    for group, counts in reviews.items():
        printed = counts.get(TOTAL)
        parts = [counts.get(c) for c in REVIEW_COLUMNS[:-1]]
        if printed is None or any(p is None for p in parts):
            continue
        summed = sum((p for p in parts if p is not None), Decimal(0))
        if printed != summed:
            message = (
                f"{group}总计印为{_fmt(printed)}，"
                f"结果维持＋结果纠正＋其他结果＋尚未审结应为{_fmt(summed)}"
            )
            where = f"{REVIEWS} · {group} · {TOTAL}"
            found.append(
                Finding("disclosure.review_total", "error", where, message, summed, printed)
            )
    return found


def _prose(requests: Table, figures: list[Figure]) -> list[Finding]:
    named = {f.name: f for f in figures if f.value is not None}
    found = []
    pairs = (
        ("依申请:受理", NEW, "本年新收"),
        ("依申请:答复", RESULT_TOTAL, "办理结果"),
        ("依申请:结转下年度", CARRY_OVER, "结转下年度"),
    )
    for name, row, label in pairs:
        figure, table_value = named.get(name), requests.get(row, {}).get(TOTAL)
        if figure is None or table_value is None or figure.value == table_value:
            continue
        message = f"正文“{figure.text}”与表三{label}总计{_fmt(table_value)}不符"
        where = f"{REQUESTS} · {TOTAL} · {row}"
        found.append(
            Finding(
                "disclosure.prose_mismatch", "warning", where, message, table_value, figure.value
            )
        )
    found += _channels(named)
    return found


def _channels(named: dict[str, Figure]) -> list[Finding]:
    """其中网络申请N件、信函N件… should add up to the 受理 figure they split."""
    channels = [f for name, f in named.items() if name.startswith("依申请:渠道/")]
    received = named.get("依申请:受理")
    if not channels or received is None or received.value is None:
        return []
    summed = sum((f.value for f in channels if f.value is not None), Decimal(0))
    if summed == received.value:
        return []
    texts = "、".join(f.text for f in channels)
    message = f"正文各渠道申请（{texts}）相加为{_fmt(summed)}件，与“{received.text}”不符"
    return [
        Finding(
            "disclosure.prose_mismatch",
            "warning",
            "正文 · 依申请公开",
            message,
            received.value,
            summed,
        )
    ]


def check_years(previous: Document, current: Document) -> list[Finding]:
    """Compare two consecutive years' reports: last year's 结转下年度 is this year's 上年结转.

    Not in :data:`~jixiao.core.checks.CHECKS` (it needs two documents); the web system calls
    it when an organisation has both years' reports.
    """
    if previous.disclosure is None or current.disclosure is None:
        return []
    carried_out = previous.disclosure.requests.get(CARRY_OVER, {})
    carried_in = current.disclosure.requests.get(CARRIED, {})
    found = []
    for column in REQUEST_COLUMNS:
        out, into = carried_out.get(column), carried_in.get(column)
        if out is None or into is None or out == into:
            continue
        message = (
            f"{column}列：{previous.year or '上一'}年报告结转下年度{_fmt(out)}，"
            f"{current.year or '本'}年报告上年结转{_fmt(into)}，两者应相等"
        )
        where = f"{REQUESTS} · {column} · {CARRIED}"
        found.append(Finding("disclosure.cross_year", "error", where, message, out, into))
    return found
