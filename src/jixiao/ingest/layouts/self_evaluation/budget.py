"""The fund block (项目资金: 年初预算 / 全年预算 / 全年执行 / 执行率 / 分值 / 得分) → ``Budget``.

Forms order these columns differently (the central form puts 分值 before 执行率) and break
the header cells over lines (``年初预算（万`` / ``元）`` on two lines), so the column order is read from the
header text, by the position of each column's words. Rows start with a funding source
(``其中：财政拨款`` → ``财政拨款``, 其他资金, 合计, 年度资金总额, 上年结转资金). In PDF text empty
cells are missing, so values are placed around the 执行率 (the only value printed with
``%``): those before it fill the columns before it, left to right, and so on after it.
Numbers are kept as printed (``11,789.83`` → 11789.83; a 执行率 of ``0.00%`` stays 0.00).
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from jixiao.core.documents import Budget, BudgetRow, Figure
from jixiao.ingest.cells import (
    cell_at,
    compact,
    fragments,
    is_blank_mark,
    is_grid,
    lost_lead,
    place,
    to_number,
    to_rate,
)
from jixiao.ingest.lines import Line
from jixiao.ingest.tables import FUND_LABEL, SELF_EVALUATION_BUDGET

# The fund columns: their header words are the table stage's (one list for every reader).
FIELDS = {
    "年初预算": "initial",
    "全年预算": "adjusted",
    "全年执行": "spent",
    "执行率": "rate",
    "分值": "weight",
    "得分": "score",
}
COLUMNS = tuple(
    (FIELDS[c.name], c.synonyms) for c in SELF_EVALUATION_BUDGET.columns if c.name in FIELDS
)
DEFAULT_ORDER = tuple(FIELDS.values())
ROW_LABEL = FUND_LABEL
OTHER_LABEL = re.compile(r"^(其中[:：]?)?\s*([^\d\s]{2,12}?)[:：]?$")
RATE_SLACK = Decimal("0.6")
TOTAL_LABELS = ("合计", "总计", "年度资金总额", "资金总额", "总额")
UNIT = re.compile(r"[（(](万元|元|亿元)[）)]")


def columns_named(header: str) -> list[str]:
    """The fund columns the header text names, in its order (the first match of each)."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for key, pattern in COLUMNS:
        for match in re.finditer(pattern, header):
            if all(match.end() <= a or match.start() >= b for a, b in taken):
                taken.append(match.span())
                found.append((match.start(), key))
                break
    return [key for _, key in sorted(found)]


def column_order(header: str) -> list[str]:
    """The fund columns in header order; the common order when the header names none."""
    return columns_named(header) or list(DEFAULT_ORDER)


def read_budget(lines: list[Line], warnings: list[str]) -> Budget | None:
    """Read the fund block (its label line first); None when it holds no funding row."""
    header_text, rows = "", []
    grid_index: dict[str, int] = {}
    header: Line | None = None
    for line in lines:
        label = _row_label(line)
        if label is None:
            if not rows:
                header_text += compact("".join(line.filled))
                if not grid_index:
                    grid_index, header = _grid_index(line), line
            elif line.filled:
                warnings.append(f"项目资金表{place(line.source)}未能读取：{' '.join(line.filled)}")
            continue
        order = column_order(header_text)
        if grid_index and header is not None:
            shift = lost_lead(header, line)
            index = {key: i - shift for key, i in grid_index.items() if i >= shift}
            rows.append(_grid_row(label, line, index))
        else:
            rows.append(_text_row(label, line, order))
    if not rows:
        return _pair_budget(lines, warnings)
    unit = UNIT.search(header_text)
    budget = Budget(
        rows=rows, unit_of_money=unit.group(1) if unit else "万元", source=lines[0].source
    )
    _set_block_score(budget)
    return budget


REASON_COLUMN = re.compile(r"原因|说明")
ADJUSTMENT_RULE = re.compile(r"年中发生预算调整[^;；。]*?应单独说明理由")
PRINTED_NOTE = re.compile(r"^\s*1[.、．]\s*预算执行率\s*=|应单独说明理由|需说明原因")


def budget_notes(lines: list[Line]) -> list[Figure]:
    """The fund block's 原因 cells: the form's printed rule and what the unit wrote.

    The Sichuan form prints its rules inside the 原因 cell (``2.年中发生预算调整的(追加或调减),
    应单独说明理由``), where the unit is meant to write its reasons. The rule becomes the figure
    ``表注:预算调整须说明理由`` (the sentence in ``text``); a cell holding anything else is the
    unit's reason, ``项目资金:原因/<row>``. A block without a 原因 column gives neither.
    """
    figures: list[Figure] = []
    column, header = None, None
    for line in lines:
        if not is_grid(line):
            continue
        heads = [i for i, cell in enumerate(line.cells) if REASON_COLUMN.search(compact(cell))]
        label = _row_label(line)
        if label is None and heads:
            column, header = heads[-1], line
            continue
        at = column - lost_lead(header, line) if column is not None and header else column
        text = cell_at(line, at) if at is not None and label else ""
        rule = ADJUSTMENT_RULE.search(text or "")
        if rule and not any(f.name == "表注:预算调整须说明理由" for f in figures):
            figures.append(
                Figure("表注:预算调整须说明理由", None, text=rule.group(0), source=line.source)
            )
        if text and not PRINTED_NOTE.search(text) and not is_blank_mark(text):
            figures.append(Figure(f"项目资金:原因/{label}", None, text=text, source=line.source))
    return figures


PAIR_LABEL = re.compile(r"^(\S{0,8}?)(预算数|执行数|执行率)\s*(?:[（(][A-Z/]{1,5}[)）])?[:：]?$")
PAIR_KEYS = {"预算数": "adjusted", "执行数": "spent", "执行率": "rate"}


def _pair_budget(lines: list[Line], warnings: list[str]) -> Budget | None:
    """The transfer-payment form's fund block: ``label value`` pairs, one funding source.

    ``转移支付预算数(A) 5.8万 预算执行率(B/A) 100%`` / ``转移支付执行数(B) 5.8万``: the label
    names the column (预算数 → 全年预算, 执行数 → 全年执行, 执行率), the value follows it; the
    source is the label's prefix (转移支付). Money printed with 万 in a 万元 block is that number.
    """
    row = BudgetRow(source="")
    found = False
    for line in lines:
        parts = fragments(line)
        for label, value in pairwise(parts):
            match = PAIR_LABEL.match(label)
            if not match:
                continue
            key = PAIR_KEYS[match.group(2)]
            number = to_rate(value) if key == "rate" else to_number(value.removesuffix("万"))
            if number is None:
                warnings.append(f"项目资金表{place(line.source)}「{label}」的值无法读取：{value}")
                continue
            setattr(row, key, number)
            row.source = row.source or match.group(1) or "合计"
            found = True
    if not found:
        return None
    return Budget(rows=[row], unit_of_money="万元", source=lines[0].source)


def _row_label(line: Line) -> str | None:
    """The funding source a row starts with: a known one, or any short label before money."""
    parts = fragments(line)
    if not parts:
        return None
    match = ROW_LABEL.match(parts[0])
    if match:
        return match.group(2)
    label = OTHER_LABEL.match(parts[0])
    if label and sum(to_number(p) is not None for p in parts[1:]) >= 2:
        return label.group(2)
    return None


def _grid_index(line: Line) -> dict[str, int]:
    """Column positions from a real header row (empty for a text line)."""
    if not is_grid(line):
        return {}
    index: dict[str, int] = {}
    for i, cell in enumerate(line.cells):
        for key in columns_named(compact(cell))[:1]:
            index.setdefault(key, i)
    return index


def _grid_row(label: str, line: Line, index: dict[str, int]) -> BudgetRow:
    row = BudgetRow(source=label)
    for key, i in index.items():
        text = cell_at(line, i)
        setattr(row, key, to_rate(text) if key == "rate" else to_number(text))
    return row


def _text_row(label: str, line: Line, order: list[str]) -> BudgetRow:
    """Place a text row's values by the columns' order, anchored on the printed rate."""
    parts = fragments(line)
    first = ROW_LABEL.match(parts[0])
    rest = parts[0][first.end() :] if first else ""
    values = ([rest] if rest else []) + parts[1:]
    percent = next((i for i, v in enumerate(values) if v.endswith(("%", "％"))), None)
    if percent is not None and "rate" in order:
        cut = order.index("rate")
        before = _before_rate(order[:cut], values[:percent], values[percent])
        pairs = before + list(zip(order[cut:], values[percent:], strict=False))
    else:
        pairs = list(zip(order, values, strict=False))
    row = BudgetRow(source=label)
    for key, text in pairs:
        if not is_blank_mark(text):
            setattr(row, key, to_rate(text) if key == "rate" else to_number(text))
    return row


def _before_rate(columns: list[str], values: list[str], rate: str) -> list[tuple[str, str]]:
    """Pair the money before the rate with its columns when a cell is missing.

    Values fill the columns from the left, unless filling them from the right makes
    全年执行 ÷ 全年预算 equal the printed rate (an empty 年初预算 dropped from the text).
    """
    left = list(zip(columns, values, strict=False))
    if len(values) >= len(columns):
        return left
    right = list(zip(columns[len(columns) - len(values) :], values, strict=True))
    money = {key: to_number(text) for key, text in right}
    adjusted, spent, printed = money.get("adjusted"), money.get("spent"), to_rate(rate)
    if not adjusted or spent is None or printed is None:
        return left
    return right if abs(spent / adjusted * 100 - printed) < RATE_SLACK else left


def _set_block_score(budget: Budget) -> None:
    """The block's 分值/得分 are those printed on its total row (else on any row)."""
    totals = [r for r in budget.rows if r.source in TOTAL_LABELS and r.weight is not None]
    rows = totals or [r for r in budget.rows if r.weight is not None]
    if rows:
        budget.weight, budget.score = rows[0].weight, rows[0].score


RUN_LABEL = re.compile(r"^(预算数|执行数|执行率|得分)(?:[（(]([^（()）]*)[)）])?$")
RUN_KEYS = {"预算数": "adjusted", "执行数": "spent", "执行率": "rate", "得分": "score"}
RUN_SOURCE = re.compile(r"(\S{0,6}资金总额|合计|总计)")
MIN_RUN = 3


def run_budget(lines: list[Line]) -> Budget | None:
    """A fund block printed as a run of column labels, then their values, on one text line.

    ``预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) 285.84 285.84 100% 20``: a .doc or
    PDF text layer that reads the header row and the value row one after the other. The labels
    name the columns (预算数 → 全年预算, 执行数 → 全年执行, 执行率, 得分); the points in the
    得分 label's note (``20 分*执行率``) are the block's 分值; the row is named by the fund label
    printed before the run (``资金总额``), else 合计.
    """
    for line in lines:
        if is_grid(line):
            continue
        tokens = _tokens(line.text)
        for start in range(len(tokens)):
            budget = _run_at(tokens, start, line)
            if budget is not None:
                return budget
    return None


def _tokens(text: str) -> list[str]:
    """Space-separated pieces, a bracketed note joined to the piece before it."""
    tokens: list[str] = []
    for piece in text.split():
        if tokens and (piece.startswith(("(", "（")) or _open_note(tokens[-1])):
            tokens[-1] += piece
        else:
            tokens.append(piece)
    return tokens


def _open_note(token: str) -> bool:
    """A token whose bracketed note is still open (``得分(20`` before ``分*执行率)``)."""
    return token.count("(") + token.count("（") > token.count(")") + token.count("）")


def _run_at(tokens: list[str], start: int, line: Line) -> Budget | None:
    labels = []
    i = start
    while i < len(tokens) and (match := RUN_LABEL.match(tokens[i])):
        labels.append(match)
        i += 1
    keys = [RUN_KEYS[m.group(1)] for m in labels]
    values = tokens[i : i + len(labels)]
    if len(labels) < MIN_RUN or len(set(keys)) < len(keys) or len(values) < len(labels):
        return None
    numbers = [
        to_rate(v) if k == "rate" else to_number(v) for k, v in zip(keys, values, strict=True)
    ]
    if any(n is None for n in numbers):
        return None
    source = RUN_SOURCE.findall(" ".join(tokens[max(0, start - 12) : start]))
    row = BudgetRow(source=source[-1] if source else "合计")
    for key, number in zip(keys, numbers, strict=True):
        setattr(row, key, number)
    points = next(
        (
            re.search(r"(\d+(?:\.\d+)?)\s*分", m.group(2) or "")
            for m in labels
            if m.group(1) == "得分"
        ),
        None,
    )
    row.weight = Decimal(points.group(1)) if points else None
    budget = Budget(rows=[row], unit_of_money="万元", source=line.source)
    _set_block_score(budget)
    return budget
