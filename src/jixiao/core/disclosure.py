"""The standard tables of the 政府信息公开工作年度报告: labels, keys and how to build them.

This module is the single source of truth for the report's labels: the layout parser maps
printed rows onto these keys, the checks read them, the web system's request register
builds its tables with :func:`build_requests` / :func:`build_reviews`. The formats are
国办公开办函〔2019〕60号 (试行) and 〔2021〕30号 (DOMAIN.md §5).

Keys of ``Disclosure.requests`` (table 三) are the standard row labels, normalised
(full-width parentheses, no spaces); a sub-row is ``"<group>/<item>"``, e.g.
``"（三）不予公开/1.属于国家秘密"``. The counting note of （二） is left out of its key
(``"（二）部分公开"``). （六）其他处理 is one row in the 2019 format and in many 2021 reports,
three sub-rows in the 2021 template: both keys exist, and a sum uses the sub-rows when present.
Columns are :data:`APPLICANT_COLUMNS` (``法律服务机构`` even when printed ``法律服务``) and 总计.

Keys of ``Disclosure.reviews`` (table 四): ``行政复议``, ``行政诉讼/未经复议直接起诉`` and
``行政诉讼/复议后起诉``, each with :data:`REVIEW_COLUMNS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
TOTAL = "总计"
REQUEST_COLUMNS = (*APPLICANT_COLUMNS, TOTAL)

NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
RESULT_TOTAL = "（七）总计"
CARRY_OVER = "四、结转下年度继续办理"
OTHER_HANDLING = "（六）其他处理"

REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", TOTAL)
REVIEW_GROUPS = ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")


@dataclass(frozen=True)
class RequestRow:
    """One row of table 三: its key, its group (（三）…（六）) and the words that name it."""

    key: str
    pattern: str
    group: str | None = None


def _sub(group: str, items: Iterable[tuple[str, str]]) -> tuple[RequestRow, ...]:
    return tuple(RequestRow(f"{group}/{item}", pattern, group) for item, pattern in items)


WITHHELD = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"

# Order matters for recognition: specific wordings first, the bare "其他" last.
RESULT_ROWS: tuple[RequestRow, ...] = (
    RequestRow("（一）予以公开", r"予以公开"),
    RequestRow("（二）部分公开", r"部分公开"),
    *_sub(
        WITHHELD,
        (
            ("1.属于国家秘密", r"国家秘密"),
            ("2.其他法律行政法规禁止公开", r"其他法律|法规禁止|禁止公开"),
            ("3.危及“三安全一稳定”", r"三安全|一稳定|危及"),
            ("4.保护第三方合法权益", r"第三方"),
            ("5.属于三类内部事务信息", r"内部事务"),
            ("6.属于四类过程性信息", r"过程性"),
            ("7.属于行政执法案卷", r"执法案卷"),
            ("8.属于行政查询事项", r"查询事项"),
        ),
    ),
    *_sub(
        UNAVAILABLE,
        (
            ("1.本机关不掌握相关政府信息", r"不掌握"),
            ("2.没有现成信息需要另行制作", r"另行制作|没有现成"),
            ("3.补正后申请内容仍不明确", r"补正后|仍不明确"),
        ),
    ),
    *_sub(
        NOT_PROCESSED,
        (
            ("1.信访举报投诉类申请", r"信访|举报投诉"),
            ("2.重复申请", r"重复申请"),
            ("3.要求提供公开出版物", r"出版物"),
            ("4.无正当理由大量反复申请", r"大量反复"),
            ("5.要求行政机关确认或重新出具已获取信息", r"重新出具|确认或"),
        ),
    ),
    *_sub(
        OTHER_HANDLING,
        (
            (
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                r"逾期不补正",
            ),
            (
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                r"收费通知|缴纳费用",
            ),
        ),
    ),
    RequestRow(f"{OTHER_HANDLING}/3.其他", r"(?:^|处理)(?:3[.．、])?其他$", OTHER_HANDLING),
    RequestRow(OTHER_HANDLING, r"其他处理"),
)

REQUEST_ROWS: tuple[RequestRow, ...] = (
    RequestRow(NEW, r"新收"),
    RequestRow(CARRIED, r"上年结转|上年度结转"),
    *RESULT_ROWS,
    RequestRow(RESULT_TOTAL, r"^(?:（七）)?[总合]计$|（七）[总合]计"),
    RequestRow(CARRY_OVER, r"结转下年|转入下年"),
)
REQUEST_KEYS = tuple(row.key for row in REQUEST_ROWS)

# How a printed column header names a column (法律服务 printed for 法律服务机构, etc.).
COLUMN_PATTERNS = {  # the whole words first: a table's header is known by them
    "自然人": r"自然人",
    "商业企业": r"商业企业|商业",
    "科研机构": r"科研机构|科研",
    "社会公益组织": r"社会公益组织|公益组织|公益",
    "法律服务机构": r"法律服务机构|法律服务|法律",
    "其他": r"^其他$",
    TOTAL: r"总计",
}


@dataclass(frozen=True)
class ProactiveBlock:
    """One block of table 二 (主动公开): its 第二十条 item, rows and column headers."""

    block: str
    items: tuple[str, ...]
    columns: tuple[str, ...]


PROACTIVE_2021 = (
    ProactiveBlock(
        "第二十条第（一）项",
        ("规章", "行政规范性文件"),
        ("本年制发件数", "本年废止件数", "现行有效件数"),
    ),
    ProactiveBlock("第二十条第（五）项", ("行政许可",), ("本年处理决定数量",)),
    ProactiveBlock("第二十条第（六）项", ("行政处罚", "行政强制"), ("本年处理决定数量",)),
    ProactiveBlock("第二十条第（八）项", ("行政事业性收费",), ("本年收费金额（单位：万元）",)),
)
PROACTIVE_2019 = (
    ProactiveBlock(
        "第二十条第（一）项",
        ("规章", "规范性文件"),
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    ),
    ProactiveBlock(
        "第二十条第（五）项",
        ("行政许可", "其他对外管理服务事项"),
        ("上一年项目数量", "本年增/减", "处理决定数量"),
    ),
    ProactiveBlock(
        "第二十条第（六）项",
        ("行政处罚", "行政强制"),
        ("上一年项目数量", "本年增/减", "处理决定数量"),
    ),
    ProactiveBlock("第二十条第（八）项", ("行政事业性收费",), ("上一年项目数量", "本年增/减")),
    ProactiveBlock("第二十条第（九）项", ("政府集中采购",), ("采购项目数量", "采购总金额")),
)

_UNIT = re.compile(r"（单位：([^）]+)）")
_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"})


def normalise_label(text: str) -> str:
    """A label as the keys write it: full-width parentheses and colons, no spaces."""
    return re.sub(r"\s+", "", text).translate(_HALF_TO_FULL)


def match_request_row(label: str) -> str | None:
    """Return the key of the table-三 row a printed label names, or None.

    Labels are recognised by their words, not their position or numbering, because PDF text
    breaks them (``三⇥2.其他法律行政止公开``) and drops or moves the group headers.
    """
    text = normalise_label(label)
    text = re.sub(r"^[一二三四五六七八九十]、?(?=[（\d])", "", text)  # a stray broken 三/、
    for row in REQUEST_ROWS:
        if re.search(row.pattern, text):
            return row.key
    return None


def match_column(header: str) -> str | None:
    """Return the column a printed applicant header names (法律服务 → 法律服务机构)."""
    text = normalise_label(header)
    for column, pattern in COLUMN_PATTERNS.items():
        if re.search(pattern, text):
            return column
    return None


def result_leaves(requests: Mapping[str, Mapping[str, Decimal]]) -> list[str]:
    """The result rows of ``requests`` that add up to （七）总计, in table order.

    A group row (（六）其他处理) counts only when none of its sub-rows is present.
    """
    present = [row for row in RESULT_ROWS if row.key in requests]
    groups_with_items = {row.group for row in present if row.group}
    return [row.key for row in present if row.key not in groups_with_items]


def sum_columns(counts: Mapping[str, Decimal]) -> Decimal:
    """The sum of the six applicant columns of one row (absent columns count 0)."""
    return sum((counts.get(c, Decimal(0)) for c in APPLICANT_COLUMNS), Decimal(0))


def _row(counts: Mapping[str, int | Decimal] | None) -> dict[str, Decimal]:
    row = {c: Decimal((counts or {}).get(c, 0)) for c in APPLICANT_COLUMNS}
    row[TOTAL] = sum_columns(row)
    return row


def build_requests(
    new: Mapping[str, int | Decimal],
    carried: Mapping[str, int | Decimal],
    results: Mapping[str, Mapping[str, int | Decimal]],
) -> dict[str, dict[str, Decimal]]:
    """Build the whole of table 三 from counts by applicant column, every total computed.

    Args:
        new: requests received this year by applicant column (一、本年新收).
        carried: requests carried over from last year (二、上年结转).
        results: requests closed this year, by result-row key (``"（一）予以公开"``, …).

    Returns:
        ``{row key: {column: count}}`` with every standard row (2021 format, with
        （六） split into its three sub-rows), 总计 of each row, （七）总计 and
        四、结转下年度继续办理 = 一 + 二 − （七） per column, so the rule holds by construction.

    Raises:
        ValueError: a results key is not a result row of the standard table.
    """
    unknown = set(results) - {row.key for row in RESULT_ROWS}
    if unknown:
        raise ValueError(f"不是办理结果的行: {'、'.join(sorted(unknown))}")
    table = {NEW: _row(new), CARRIED: _row(carried)}
    for row in RESULT_ROWS:
        if row.key != OTHER_HANDLING:
            table[row.key] = _row(results.get(row.key))
    leaves = result_leaves(table)
    table[RESULT_TOTAL] = {
        c: sum((table[k][c] for k in leaves), Decimal(0)) for c in REQUEST_COLUMNS
    }
    table[CARRY_OVER] = {
        c: table[NEW][c] + table[CARRIED][c] - table[RESULT_TOTAL][c] for c in REQUEST_COLUMNS
    }
    return table


def build_reviews(
    counts: Mapping[str, Mapping[str, int | Decimal]],
) -> dict[str, dict[str, Decimal]]:
    """Build table 四 from counts by group and result; each group's 总计 is computed."""
    table = {}
    for group in REVIEW_GROUPS:
        given = counts.get(group, {})
        row = {c: Decimal(given.get(c, 0)) for c in REVIEW_COLUMNS[:-1]}
        row[TOTAL] = sum(row.values(), Decimal(0))
        table[group] = row
    return table


def build_proactive(
    blocks: Iterable[ProactiveBlock],
    values: Mapping[str, Mapping[str, int | Decimal]],
) -> list[dict[str, object]]:
    """Build table 二 rows (the parser's shape) for a format's blocks from counts by item.

    Args:
        blocks: :data:`PROACTIVE_2021` or :data:`PROACTIVE_2019` (or a bureau's own).
        values: ``{item: {column: value}}``; a column not given counts 0.

    Returns:
        ``[{"block", "item", <column>: value, …}]`` in the format's order; a column whose
        header states a unit (``（单位：万元）``) also gets ``units``.
    """
    rows: list[dict[str, object]] = []
    for block in blocks:
        for item in block.items:
            given = values.get(item, {})
            row: dict[str, object] = {"block": block.block, "item": item}
            row.update({c: Decimal(given.get(c, 0)) for c in block.columns})
            units = {c: m.group(1) for c in block.columns if (m := _UNIT.search(c))}
            if units:
                row["units"] = units
            rows.append(row)
    return rows
