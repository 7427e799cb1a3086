"""Fund blocks, disclosure tables 三/四 and a whole seed form: one extraction in every layout.

Issue 14's invariance beyond the indicator table (see ``test_table_invariance``): the fund block
of a self-evaluation form (年度资金总额 with its sub-rows, 分值 20 before 执行率, empty cells),
seed 001's tables 三 and 四, and seed 002 read as a whole document with its fund block and
indicator table re-laid out, are rendered into every text layout of :mod:`tests.ingest.renderings`
(a cell a line with or without blank lines, the table on one line, fixed-width columns, the
header repeated, labels wrapped …) and into .docx, .xlsx, .pdf and .html; each must give the
same budget rows, disclosure cells, indicators, targets, weights and scores.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.documents import Budget, Document
from jixiao.ingest import extract_file
from tests.ingest.renderings import (
    ALL_TEXT_LAYOUTS,
    FILE_LAYOUTS,
    render_blocks,
    words_a_line,
    write_blocks,
)
from tests.ingest.tables import LEFT, UP
from tests.ingest.test_disclosure_report import _blocks as disclosure_blocks
from tests.ingest.test_table_invariance import extraction, seed_table
from tests.support import sample, seed

LAYOUTS = [*ALL_TEXT_LAYOUTS, *FILE_LAYOUTS]
TITLE = "某市市场监督管理局2023年度部门整体支出绩效自评表"
D = Decimal


def budget_of(doc: Document) -> tuple:
    """What must not change with the layout: every fund row's values, the block's 分值/得分."""
    budget = doc.budget
    assert budget is not None, doc.warnings
    rows = [
        (r.source, r.initial, r.adjusted, r.spent, r.rate, r.weight, r.score) for r in budget.rows
    ]
    return rows, budget.weight, budget.score, budget.unit_of_money


# The central form's order (分值 before 执行率), a 20-point block, sub-rows, empty cells.
FUND_HEADER = [
    "项目资金（万元）",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
]
FUND_ROWS = [
    ["年度资金总额", "120", "150.5", "140.2", "20", "93.16%", "18.6"],
    ["其中：财政拨款", "100", "130.5", "125.2", "", "95.94%", ""],
    ["上年结转资金", "20", "20", "15", "", "75.00%", ""],
    ["其他资金", "", "", "", "", "", ""],
]
FUND_EXPECTED = (
    [
        ("年度资金总额", D(120), D("150.5"), D("140.2"), D("93.16"), D(20), D("18.6")),
        ("财政拨款", D(100), D("130.5"), D("125.2"), D("95.94"), None, None),
        ("上年结转资金", D(20), D(20), D(15), D("75.00"), None, None),
        ("其他资金", None, None, None, None, None, None),
    ],
    D(20),
    D("18.6"),
    "万元",
)


def _fund_form(rows: list[list[str]]) -> list:
    return [TITLE, [FUND_HEADER, *rows]]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_fund_block_reads_the_same_in_every_layout(tmp_path, layout):
    doc = extract_file(write_blocks(tmp_path, layout, _fund_form(FUND_ROWS)), "self_evaluation")
    assert budget_of(doc) == FUND_EXPECTED


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    layout=st.sampled_from(list(ALL_TEXT_LAYOUTS)),
    picked=st.lists(st.integers(min_value=1, max_value=3), max_size=3, unique=True),
)
def test_any_text_layout_of_any_fund_rows_reads_as_the_docx(tmp_path_factory, layout, picked):
    form = _fund_form([FUND_ROWS[0], *(FUND_ROWS[r] for r in sorted(picked))])
    folder = tmp_path_factory.mktemp("fund")
    expected = budget_of(extract_file(write_blocks(folder, ".docx", form), "self_evaluation"))
    assert len(expected[0]) == 1 + len(picked)
    assert budget_of(extract_file(write_blocks(folder, layout, form), "self_evaluation")) == (
        expected
    )


# ------------------------------------------------------------------ seed 001's tables 三 and 四


@pytest.fixture(scope="module")
def fujian() -> Document:
    return extract_file(seed("001"))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_seed_disclosure_tables_read_the_same_in_every_layout(tmp_path, fujian, layout):
    path = write_blocks(tmp_path, layout, disclosure_blocks(fujian))
    doc = extract_file(path, "disclosure_report")
    assert sum(len(row) for row in fujian.disclosure.requests.values()) == 161
    assert doc.disclosure.requests == fujian.disclosure.requests
    assert doc.disclosure.reviews == fujian.disclosure.reviews
    assert [w for w in doc.warnings if w.startswith(("表三", "表四"))] == []


# ------------------------------------------------- table 二 of seed 001 (2019) and hongze (2021)


def proactive_table(rows: list[dict]) -> list[list]:
    """Table 二 as printed: each block's name over the table's width, its header, its items."""
    width = 1 + max(len([k for k in r if k not in ("block", "item", "units")]) for r in rows)
    table: list[list] = []
    block = None
    for row in rows:
        heads = [k for k in row if k not in ("block", "item", "units")]
        if row["block"] != block:
            block = row["block"]
            table.append([block, *[LEFT] * (width - 1)])
            table.append(["信息内容", *heads, *[LEFT] * (width - 1 - len(heads))])
        units = row.get("units", {})
        values = [f"{row[h]} {units.get(h, '')}".strip() for h in heads]
        table.append([row["item"], *values, *[LEFT] * (width - 1 - len(heads))])
    return table


@pytest.fixture(scope="module", params=["001", "hongze"])
def proactive_report(request) -> Document:
    path = seed("001") if request.param == "001" else sample("hongze")
    return extract_file(path)


def _proactive_blocks(rows: list[dict]) -> list:
    return [
        "某局2020年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        proactive_table(rows),
        "三、收到和处理政府信息公开申请情况",
    ]


def _read_table_two(path) -> list[dict]:
    doc = extract_file(path, "disclosure_report")
    assert [w for w in doc.warnings if w.startswith("表二")] == []
    return doc.disclosure.proactive


# The table's first row repeated at a page break is, for table 二, a block's name: that
# rendering makes another table (see the page-break test below for table 二's own).
TABLE_TWO_LAYOUTS = [layout for layout in LAYOUTS if layout != "header_repeated"]


@pytest.mark.parametrize("layout", TABLE_TWO_LAYOUTS)
def test_table_two_reads_the_same_in_every_layout(tmp_path, proactive_report, layout):
    expected = proactive_report.disclosure.proactive
    assert len(expected) in (6, 8)  # hongze's 2021 table, seed 001's 2019 table
    path = write_blocks(tmp_path, layout, _proactive_blocks(expected))
    assert _read_table_two(path) == expected


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    layout=st.sampled_from([layout for layout in ALL_TEXT_LAYOUTS if layout in TABLE_TWO_LAYOUTS]),
    picked=st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=4, unique=True),
)
def test_any_blocks_of_table_two_in_any_text_layout_read_as_the_docx(
    tmp_path_factory, fujian, layout, picked
):
    """Seed 001's table 二 with some of its item rows, its blocks as they fall."""
    rows = [fujian.disclosure.proactive[n] for n in sorted(picked)]
    folder = tmp_path_factory.mktemp("table_two")
    expected = _read_table_two(write_blocks(folder, ".docx", _proactive_blocks(rows)))
    assert len(expected) == len(rows)
    assert _read_table_two(write_blocks(folder, layout, _proactive_blocks(rows))) == expected


def test_table_two_a_cell_a_line_across_a_page_break_reads_the_same(tmp_path, proactive_report):
    """The page's number and the block's header printed again before the block's last item."""
    expected = proactive_report.disclosure.proactive
    text = render_blocks("cell_lines", _proactive_blocks(expected))
    last = next(r for r, after in pairwise(expected) if r["block"] == after["block"])
    heads = [k for k in last if k not in ("block", "item", "units")]
    following = expected[expected.index(last) + 1]["item"]
    again = "\n".join(["- 2 -", "信息内容", *heads, following])
    path = tmp_path / "page_break.txt"
    path.write_text(text.replace(f"\n{following}\n", f"\n{again}\n", 1), encoding="utf-8")
    assert _read_table_two(path) == expected


# ------------------------------------------------------- seed 002 as a whole document, re-laid out


@pytest.fixture(scope="module")
def seed002() -> Document:
    return extract_file(seed("002"))


def _fund_table(budget: Budget) -> list[list[str]]:
    """The seed's fund block as printed: its labels, its money, its rates with ``%``."""

    def text(value: Decimal | None, unit: str = "") -> str:
        return "" if value is None else f"{value}{unit}"

    header = ["项目资金（万元）", "年初预算（万元）", "全年预算（万元）", "全年执行（万元）"]
    rows = [[*header, "执行率", "分值", "得分"]]
    for r in budget.rows:
        values = (r.initial, r.adjusted, r.spent)
        rows.append(
            [r.source, *map(text, values), text(r.rate, "%"), text(r.weight), text(r.score)]
        )
    return rows


def _seed_blocks(doc: Document, layout: str) -> list:
    """Seed 002 with its fund block and indicator table in ``layout``, the rest as printed.

    Text layouts keep the seed's own text around the tables (head, tasks, goals); files hold
    the head's first line and the two tables.
    """
    fund, indicators = _fund_table(doc.budget), seed_table(doc)
    if layout in FILE_LAYOUTS:
        return [doc.title, fund, "绩效指标", indicators]
    lines = seed("002").read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("项目资金"))
    end = next(i for i, line in enumerate(lines) if line.startswith("合计")) + 1
    table = next(i for i, line in enumerate(lines) if line.strip() == "绩效指标")
    before = "\n".join(lines[:start])
    between = "\n".join(lines[end:table])
    return [before, fund, between, "绩效指标", indicators]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_seed_002_as_a_whole_document_reads_the_same_in_every_layout(tmp_path, seed002, layout):
    doc = extract_file(write_blocks(tmp_path, layout, _seed_blocks(seed002, layout)))
    assert doc.kind == "self_evaluation"
    expected = extraction(seed002)
    assert len(expected) == 44
    assert sum((i[3] is not None) + (i[4] is not None) for i in expected) == 88
    assert extraction(doc) == expected
    assert budget_of(doc) == budget_of(seed002)
    assert doc.totals["weight"] == seed002.totals["weight"]


def test_the_whole_seed_with_every_word_on_its_own_line_reads_the_same(tmp_path, seed002):
    """Seed 002's own text, each word a paragraph: headers broken inside their notes."""
    path = tmp_path / "002-words.txt"
    path.write_text(words_a_line(seed("002").read_text("utf-8")), encoding="utf-8")
    doc = extract_file(path)
    assert doc.kind == "self_evaluation"
    assert sum(i.weight is not None for i in doc.indicators) == 44
    assert extraction(doc) == extraction(seed002)
    assert budget_of(doc) == budget_of(seed002)


def test_the_seed_rendered_a_cell_a_line_still_holds_its_own_text(seed002):
    text = render_blocks("cell_lines", _seed_blocks(seed002, "cell_lines"))
    assert "部门名称及编码 韶关市市场监督管理局" in text
    assert "\n不少于7家\n不少于7家\n2\n2\n" in text  # the indicator table's cells, one a line


# ------------------------------------------------------------ seed 000's indicator system table


@pytest.fixture(scope="module")
def fujian_system() -> Document:
    return extract_file(seed("000"))


def system_table(doc: Document) -> list[list]:
    """Seed 000's table as printed: each goal merged down over its indicators."""
    rows: list[list] = [["一级指标", "年度工作目标", "目标制定依据", "责任处室", "责任人"]]
    previous = None
    for i in doc.indicators:
        goal = i.path[0] if i.path else ""
        people = ("、".join(i.departments), "、".join(i.owners))
        rows.append([UP if goal == previous else goal, f"{i.id} {i.name}", i.basis, *people])
        previous = goal
    return rows


def system_extraction(doc: Document) -> list[tuple]:
    """Number, sentence, goal, targets, departments, owners and weight of each indicator."""
    return [
        (
            i.id,
            "".join(i.name.split()),
            tuple(i.path),
            tuple(t.raw for t in i.targets),
            tuple(i.departments),
            tuple(i.owners),
            i.weight,
        )
        for i in doc.indicators
    ]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_seed_indicator_system_reads_the_same_in_every_layout(tmp_path, fujian_system, layout):
    blocks = [fujian_system.title, system_table(fujian_system)]
    doc = extract_file(write_blocks(tmp_path, layout, blocks), "indicator_system")
    expected = system_extraction(fujian_system)
    assert len(expected) == 50
    assert system_extraction(doc) == expected
