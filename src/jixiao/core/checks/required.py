"""Required cells left blank (``required.blank``): reported, never filled in.

A 自评表 row with no 指标值, no 完成值 or no 得分, while the form prints those columns, is a
form not finished: the evaluator has nothing to judge it by. Which columns the form prints
comes from the extractor (``栏目:<label>`` figures); a document without them (built by hand,
from the web system) is taken to print a column when any of its rows fills it.

- ``required.blank`` (warning): an indicator's 指标值 / 完成值 / 分值 / 得分 cell is blank in a
  column the form prints; the fund block's 得分 is blank beside its 分值; the head's
  ``预算执行率权重`` is blank (with what the other weights leave for it); in an evaluation
  report, a row of its score sheet (the rows with 评分标准) with its 分值 or 得分 blank where
  the sheet's other rows fill them (its 绩效目标 attachment has no scores to ask for).

A row whose "name" is itself a value (``100%``, ``已完成``) is a cell read out of place, not
an indicator: it is not asked for. Blanks are warnings: the cell may be blank on purpose (an indicator dropped mid-year), but the
form asks for it. Nothing is ever filled in: ``found`` is None, ``expected`` only when the
form's own figures fix the value (the weight left over from 100).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from jixiao.core.documents import Document, Indicator
from jixiao.core.findings import Finding
from jixiao.core.scoring.rules import fmt

from .places import where_indicator

FULL = Decimal(100)
ZERO = Decimal(0)

COLUMNS: tuple[tuple[str, Callable[[Indicator], bool]], ...] = (
    ("指标值", lambda i: bool(i.targets)),
    ("完成值", lambda i: i.actual is not None and bool(i.actual.raw.strip())),
    ("分值", lambda i: i.weight is not None),
    ("得分", lambda i: i.score is not None),
)
FORM_KINDS = ("self_evaluation", "indicator_system")


def check_required(doc: Document) -> list[Finding]:
    """Every blank cell the form asks for: indicator rows, the fund block, the head's weight."""
    if doc.kind == "evaluation_report":
        return _score_sheet(doc)
    if doc.kind not in FORM_KINDS:
        return []
    read = any(filled(i) for i in doc.indicators for _label, filled in COLUMNS)
    # a table of which no value at all was read says nothing about blanks (the extractor warns)
    rows = doc.indicators if read else []
    found = [f for ind in rows if (f := _indicator(doc, ind)) is not None]
    found += _budget_score(doc) + _budget_weight(doc)
    return found


def printed_columns(doc: Document) -> set[str]:
    """The value columns the form prints: as the extractor saw them, else as rows fill them."""
    named = {f.name.removeprefix("栏目:") for f in doc.figures if f.name.startswith("栏目:")}
    if named:
        return named
    return {label for label, filled in COLUMNS if any(filled(i) for i in doc.indicators)}


STRAY = re.compile(
    r"[≥≤<>=＞＜]?\s*-?\d+(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fff]{1,2})?"  # 100%, 5, 0次
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|前|以前)?"  # 2021年12月31日
    r"|[已未]?(?:完成|达成|达到|实现|达标|是|否|逐步提高|逐步提升|明显提高|有效提升)"
)


def is_stray_value(name: str) -> bool:
    """A row "named" by a value (100%, 已完成, 2021年12月31日): a cell read out of place.

    Such a row is a reading slip, not an indicator the form left blank; asking for its cells
    would bury the real blanks under noise, so it is left to the extraction warnings.
    """
    return bool(STRAY.fullmatch(name.strip()))


def _indicator(doc: Document, ind: Indicator) -> Finding | None:
    if is_stray_value(ind.name):
        return None
    columns = printed_columns(doc)
    if doc.kind == "indicator_system":
        columns -= {"完成值", "得分"}  # a template has no results yet
    blank = [label for label, filled in COLUMNS if label in columns and not filled(ind)]
    if not blank:
        return None
    cells = "、".join(blank)
    message = f"「{ind.name}」的{cells}未填写；表中有该栏，应填写（系统不代填）"
    return Finding("required.blank", "warning", f"{where_indicator(ind)} · {cells}", message)


def _budget_score(doc: Document) -> list[Finding]:
    """The fund block prints a 分值 but its 得分 is blank, in a form that is scored."""
    budget = doc.budget
    if budget is None or budget.weight is None or budget.score is not None:
        return []
    if "得分" not in printed_columns(doc):
        return []
    total = next((r.source for r in budget.rows), "预算执行")
    message = f"预算执行情况（{total}）分值为{fmt(budget.weight)}，得分未填写"
    return [Finding("required.blank", "warning", f"项目资金 · {total} · 得分", message)]


def _budget_weight(doc: Document) -> list[Finding]:
    """The head's 预算执行率权重 left blank; the weight the indicators leave for it, if any."""
    figure = next((f for f in doc.figures if f.name == "预算执行率权重"), None)
    if figure is None or figure.value is not None:
        return []
    weights = [i.weight for i in doc.indicators if i.weight is not None]
    summed = sum(weights, ZERO)
    left = FULL - summed if weights and ZERO < FULL - summed < FULL else None
    message = f"{figure.text}未填写"
    if left is not None:
        message += f"；各指标权重合计{fmt(summed)}，余下{fmt(left)}应为预算执行率的权重"
    return [Finding("required.blank", "warning", figure.text, message, left, None)]


SHEET_COLUMNS = COLUMNS[2:]  # 分值, 得分: a report's score sheet states no targets per row


def _score_sheet(doc: Document) -> list[Finding]:
    """An evaluation report's score sheet: a row with its 分值 or 得分 left blank."""
    sheet = [i for i in doc.indicators if i.criteria or i.basis]
    printed = [(label, filled) for label, filled in SHEET_COLUMNS if any(map(filled, sheet))]
    found = []
    for ind in sheet:
        blank = [label for label, filled in printed if not filled(ind)]
        if blank:
            cells = "、".join(blank)
            message = (
                f"评分表中「{ind.name}」的{cells}未填写；其余各行均有该栏，应填写（系统不代填）"
            )
            where = f"{where_indicator(ind)} · {cells}"
            found.append(Finding("required.blank", "warning", where, message))
    return found
