"""Real documents the parsers were not written for (tests/ingest/realworld/, sources in its README).

Each test states what a careful reader writes down from the document — how many indicators,
the key targets and weights, the totals, the disclosure tables' numbers — and that ``check``
finds no error in a consistent document. The second half builds .docx, .xlsx and .pdf copies of
the real tables and checks that each gives the same result as the text.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.documents import Document
from jixiao.ingest import extract_file, read_lines
from jixiao.ingest.lines import Lines
from jixiao.reports import export_document
from tests.ingest.tables import PAGE_BREAK, UP, write_docx, write_pdf, write_xlsx
from tests.reports.roundtrip import document_key, indicator_key

REALWORLD = Path(__file__).parent / "realworld"


def path_of(name: str) -> Path:
    (path,) = REALWORLD.glob(f"{name}*.txt")
    return path


@cache
def real(name: str) -> Document:
    """The document extracted from a real text (once per session)."""
    return extract_file(path_of(name))


def by_name(doc: Document) -> dict:
    return {indicator.name: indicator for indicator in doc.indicators}


def target(indicator) -> tuple:
    (first, *_) = indicator.targets
    return first.op, first.value, first.unit


def errors(doc: Document) -> list:
    return [finding for finding in run_checks(doc) if finding.severity == "error"]


# ----------------------------------------------------------------- 上海 2019 (disclosure, 2019 format)


def test_shanghai_2019_head_and_proactive_table():
    doc = real("shanghai")
    assert (doc.kind, doc.year, doc.organization.name) == (
        "disclosure_report",
        2019,
        "上海市人民政府办公厅",
    )
    rows = {row["item"]: row for row in doc.disclosure.proactive}
    assert len(rows) == 8
    assert (rows["规章"]["本年新制作数量"], rows["规章"]["对外公开总数量"]) == (13, 524)
    assert rows["规范性文件"]["本年新公开数量"] == 60
    assert rows["政府集中采购"]["采购总金额"] == 251000
    assert rows["政府集中采购"]["units"] == {"采购总金额": "元"}


def test_shanghai_2019_blank_cells_of_table_three_count_as_none():
    requests = real("shanghai").disclosure.requests
    assert len(requests) == 23  # every standard row, the blank ones included
    assert requests["一、本年新收政府信息公开申请数量"] == {
        "自然人": 821,
        "商业企业": 35,
        "科研机构": 0,
        "社会公益组织": 0,
        "法律服务机构": 2,
        "其他": 1,
        "总计": 859,
    }
    assert requests["（四）无法提供/1.本机关不掌握相关政府信息"]["自然人"] == 252
    assert requests["（七）总计"]["总计"] == 805
    assert requests["四、结转下年度继续办理"]["总计"] == 72
    assert requests["（五）不予处理/3.要求提供公开出版物"]["总计"] == 0


def test_shanghai_2019_unprinted_totals_are_summed_and_said():
    doc = real("shanghai")
    assert doc.disclosure.requests["（一）予以公开"]["总计"] == 272
    assert any("予以公开" in w and "未印总计" in w for w in doc.warnings)
    assert any("空白单元格按 0 计" in w for w in doc.warnings)


def test_shanghai_2019_reviews():
    reviews = real("shanghai").disclosure.reviews
    assert reviews["行政复议"] == {
        "结果维持": 5,
        "结果纠正": 0,
        "其他结果": 0,
        "尚未审结": 2,
        "总计": 7,
    }
    assert reviews["行政诉讼/未经复议直接起诉"]["总计"] == 9
    assert reviews["行政诉讼/复议后起诉"]["总计"] == 0


def test_shanghai_2019_is_consistent_and_check_says_so():
    doc = real("shanghai")
    requests = doc.disclosure.requests
    received = requests["一、本年新收政府信息公开申请数量"]["总计"]
    carried = requests["二、上年结转政府信息公开申请数量"]["总计"]
    done = requests["（七）总计"]["总计"] + requests["四、结转下年度继续办理"]["总计"]
    assert received + carried == done == 877
    # the tables are consistent; the narrative is not (予以公开及部分公开258件 is one cell of
    # table 三, 无法提供265件 one sub-row, and the results add up to 716 of the 805 answered)
    assert [(f.rule, f.found, f.expected) for f in errors(doc)] == [
        ("disclosure.prose_result", 258, 275),
        ("disclosure.prose_result", 265, 337),
        ("disclosure.prose_sum", 805, 716),
    ]


def test_kaiyang_2020_title_from_its_first_sentence_and_table_two_from_pipe_rows():
    doc = real("kaiyang")
    assert doc.title == "开阳县市场监督管理局2020年政府信息公开工作年度报告"
    assert (doc.organization.name, doc.year) == ("开阳县市场监督管理局", 2020)
    rows = {row["item"]: row for row in doc.disclosure.proactive}
    assert len(rows) == 4
    assert rows["规章"]["block"] == "第二十条第（一）项"
    assert rows["行政许可"] == {
        "block": "第二十条第（五）项",
        "item": "行政许可",
        "上一年项目数量": 8,
        "本年增/减": 0,
        "处理决定数量": 18000,
    }
    assert rows["其他对外管理服务事项"]["处理决定数量"] == 1635
    # the excerpt ends in table 二: the missing tables are said, nothing else is
    assert len(doc.warnings) == 2
    assert all("未找到表" in w for w in doc.warnings)


# ----------------------------------------------------------------- 甘孜 绩效目标表 (no 得分 column)


def test_ganzi_target_table_reads_every_row_with_its_weight():
    doc = real("ganzi")
    assert doc.kind == "self_evaluation"
    assert (doc.organization.name, doc.organization.code) == (
        "甘孜藏族自治州市场监督管理局机关",
        "324001",
    )
    assert len(doc.indicators) == 11
    assert doc.totals["weight"] == 90
    assert [i.weight for i in doc.indicators] == [2, 3, 5, 15, 10, 10, 15, 10, 10, 5, 5]
    assert all(i.score is None for i in doc.indicators)
    (goal,) = [f for f in doc.figures if f.name == "预期目标"]
    assert goal.text.startswith("组织协调推进全州食品安全重点工作;")
    assert doc.warnings == []


def test_ganzi_values_units_and_levels():
    indicators = by_name(real("ganzi"))
    assert target(indicators["检查差旅费"]) == (">=", 470, "人/天") or target(
        indicators["检查差旅费"]
    ) == ("=", 470, "人/天")
    assert indicators["检查差旅费"].path == ["产出指标", "成本指标"]
    assert target(indicators["食安委成员单位食品安全工作齐抓共管"])[1:] == (100, "%")
    assert target(indicators["召开食品安委会全体会议"])[1] == 2
    satisfaction = indicators["公众对食品安全满意度"]
    assert satisfaction.path == ["满意度指标", "服务对象满意度指标"]
    assert (satisfaction.nature, satisfaction.weight) == ("定性", 5)
    assert satisfaction.targets[0].op == "qualitative"
    assert errors(real("ganzi")) == []


# ----------------------------------------------------------------- 青神 项目支出 (one cell a line)


def test_qingshen_cells_copied_one_a_line_are_put_back_into_rows():
    doc = real("qingshen")
    assert (doc.kind, doc.year) == ("self_evaluation", 2023)
    assert doc.organization.name == "青神县发展和改革局本级"
    assert [(i.name, i.direction, i.weight) for i in doc.indicators] == [
        ("发放(缴纳)覆盖率", "=", 60),
        ("足额保障率(参保率)", "=", 30),
    ]
    assert target(doc.indicators[0]) == ("=", 100, "%")
    assert doc.indicators[0].path == ["产出指标", "数量指标"]
    assert doc.totals["weight"] == 100


def test_qingshen_budget_columns_follow_their_own_headings():
    budget = real("qingshen").budget
    total, *_ = budget.rows
    assert (total.source, total.initial, total.adjusted, total.spent, total.rate) == (
        "总额",
        Decimal("238.93"),
        Decimal("251.89"),
        Decimal("251.89"),
        Decimal("100.00"),
    )
    assert [row.source for row in budget.rows] == [
        "总额",
        "财政资金",
        "财政专户管理资金",
        "单位资金",
        "其他资金",
    ]
    assert budget.weight == 10
    assert errors(real("qingshen")) == []


# ----------------------------------------------------------------- 遂宁 转移支付 (no 分值, no 得分)


def test_suining_rows_without_weights_are_read_one_a_line():
    doc = real("suining")
    assert (doc.organization.name, doc.year) == ("遂宁市市场监督管理局经开区分局", 2021)
    assert len(doc.indicators) == 20
    first = doc.indicators[0]
    assert (first.name, target(first), first.actual.raw) == (
        "指标1.药品抽验品种",
        (">=", 3, None),
        "4",
    )
    by = by_name(doc)
    assert target(by["指标4.药品监管企业数"])[:2] == (">=", 124)
    assert by["指标4.药品监管企业数"].actual.raw == "253"
    assert target(by["指标8.培训人员覆盖率"]) == ("=", 100, "%")
    assert by["任务完成时间"].targets[0].op == "by_date"
    assert not any("分值" in w for w in doc.warnings)  # the form has no 分值 column to miss


def test_suining_fund_block_of_label_value_pairs():
    budget = real("suining").budget
    (row,) = budget.rows
    assert (row.source, row.adjusted, row.spent, row.rate) == (
        "转移支付",
        Decimal("5.8"),
        Decimal("5.8"),
        100,
    )
    assert budget.unit_of_money == "万元"
    assert errors(real("suining")) == []


def test_suining_rows_printed_without_values_are_kept_and_reported():
    doc = real("suining")
    empty = [i.name for i in doc.indicators if not i.targets]
    assert empty == [
        "指标4.不合格产品处置率",
        "指标2.药品抽验平均标准",
        "指标3.化妆品抽验平均标准",
        "指标1.“两品一械”总体安全",
    ]
    assert all(any(name in w and "未读到目标值" in w for w in doc.warnings) for name in empty)


# ----------------------------------------------------------------- 维西 实施方案 (work goals in prose)


def test_weixi_plan_commitments_and_nothing_else():
    doc = real("weixi")
    assert doc.kind == "work_goals"
    assert doc.title == "维西县贯彻“十四五”市场监管现代化规划实施方案"
    assert (doc.organization.name, doc.year) == ("维西傈僳族自治县人民政府", 2024)
    found = [target(i) for i in doc.indicators]
    assert found == [
        ("<=", 1, "个工作日"),
        (">=", 19600, "户"),
        (">=", 5, "批次/千人"),
        (">=", 88, "%"),
        (">=", 90, "%"),
        (">=", 75, "%"),
        (">=", 95, "%"),
        (">=", 1, "件"),
        (">=", 1600, "件"),
    ]
    assert doc.indicators[1].name == "全县市场主体数达到1.96万户"


# ----------------------------------------------------------------- the same tables as .docx .xlsx .pdf


def blocks_of(lines: Lines) -> list:
    """The text's paragraphs and tables: consecutive rows of two or more cells are one table."""
    blocks: list = []
    for line in lines.lines:
        if line.table is not None or len(line.cells) > 1:
            if not blocks or isinstance(blocks[-1], str):
                blocks.append([])
            blocks[-1].append(list(line.cells))
        elif line.text.strip():
            blocks.append(line.text.strip())
    for block in blocks:
        if not isinstance(block, str):
            width = max(len(row) for row in block)
            for cells in block:
                cells.extend([""] * (width - len(cells)))
    return blocks


def write(fmt: str, path: Path, blocks: list) -> Path:
    if fmt == "docx":
        return write_docx(path, blocks)
    if fmt == "pdf":
        return write_pdf(path, blocks)
    rows = [row for block in blocks for row in ([[block]] if isinstance(block, str) else block)]
    return write_xlsx(path, {"Sheet1": rows})


FORMATS = ("docx", "xlsx", "pdf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_shanghai_2019_tables_read_the_same_from(fmt: str, tmp_path: Path):
    blocks = blocks_of(read_lines(path_of("shanghai")))
    doc = extract_file(write(fmt, tmp_path / f"shanghai.{fmt}", blocks))
    text = real("shanghai")
    assert (doc.kind, doc.year, doc.organization.name) == (
        text.kind,
        text.year,
        text.organization.name,
    )
    assert doc.disclosure.requests == text.disclosure.requests
    assert doc.disclosure.reviews == text.disclosure.reviews
    assert doc.disclosure.proactive == text.disclosure.proactive
    assert errors(doc) == errors(text)


GANZI_HEAD = [
    "绩效目标表",
    "单位信息: 324001-甘孜藏族自治州市场监督管理局机关 项目名称:",
    "主管部门: 324-甘孜州市场监督管理部门 项目经办人:",
]
GANZI_TABLE = [
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重(%)"],
    ["产出指标", "成本指标", "检查差旅费", "", "470", "人/天", "2"],
    [UP, UP, "培训费", "", "320", "人/天", "3"],
    [UP, "时效指标", "完成时限", "", "1", "", "5"],
    [UP, "数量指标", "召开食品安委会全体会议", "", "2", "", "15"],
    [UP, "质量指标", "食安委成员单位食品安全工作齐抓共管", "", "100", "%", "10"],
    [UP, "数量指标", "开展食品安全专项整治", "", "2", "", "10"],
    [UP, UP, "组织州县食安委成员单位人员培训", "", "1", "", "15"],
    [UP, UP, "开展食品安全宣传周活动", "", "1", "", "10"],
    ["效益指标", "社会效益指标", "食品安全整体状况", "定性", "高中低", "", "10"],
    [UP, "可持续影响指标", "进一步提高食品安全工作科学化、规范化", "定性", "高中低", "", "5"],
    ["满意度指标", "服务对象满意度指标", "公众对食品安全满意度", "定性", "高中低", "", "5"],
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_ganzi_target_table_reads_the_same_from(fmt: str, tmp_path: Path):
    """The table as the bureau's workbook holds it: 一级/二级 merged down, empty cells empty."""
    doc = extract_file(write(fmt, tmp_path / f"ganzi.{fmt}", [*GANZI_HEAD, GANZI_TABLE]))
    text = real("ganzi")
    assert [indicator_key(i) for i in doc.indicators] == [
        indicator_key(i) for i in text.indicators
    ]
    assert (doc.organization.name, doc.totals["weight"]) == (text.organization.name, 90)


@pytest.mark.parametrize("fmt", FORMATS)
def test_qingshen_form_reads_the_same_from(fmt: str, tmp_path: Path):
    blocks = blocks_of(read_lines(path_of("qingshen")))
    doc = extract_file(write(fmt, tmp_path / f"qingshen.{fmt}", blocks))
    text = real("qingshen")
    assert [indicator_key(i) for i in doc.indicators] == [
        indicator_key(i) for i in text.indicators
    ]
    assert doc.budget.rows[0] == text.budget.rows[0]
    assert doc.totals["weight"] == text.totals["weight"]


# ----------------------------------------------------------------- the same table, laid out otherwise

SYNONYMS = {"指标值": "目标值", "度量单位": "计量单位", "权重(%)": "分值"}


def reordered(table: list, order: list[int], rename: bool) -> list:
    """The table with its columns in ``order``, headings optionally in other words."""
    header, *rows = table
    header = [SYNONYMS.get(h, h) if rename else h for h in header]
    return [[row[k] for k in order] for row in [header, *rows]]


@pytest.mark.parametrize("fmt", ("docx", "xlsx"))
@pytest.mark.parametrize(
    ("order", "rename"),
    [([0, 1, 2, 6, 4, 5, 3], False), ([0, 1, 2, 3, 5, 4, 6], True), ([0, 1, 2, 6, 3, 4, 5], True)],
)
def test_columns_in_another_order_or_other_words_read_the_same(
    fmt: str, order: list[int], rename: bool, tmp_path: Path
):
    table = reordered(GANZI_TABLE, order, rename)
    doc = extract_file(write(fmt, tmp_path / f"ganzi.{fmt}", [*GANZI_HEAD, table]))
    assert [indicator_key(i) for i in doc.indicators] == [
        indicator_key(i) for i in real("ganzi").indicators
    ]


def test_a_table_spread_over_two_pdf_pages_with_its_header_repeated(tmp_path: Path):
    header, *rows = GANZI_TABLE
    first, second = [header, *rows[:5]], [header, rows[5], *rows[6:]]
    second[1] = ["产出指标", "数量指标", *rows[5][2:]]  # the merged cells start again on the page
    blocks = [*GANZI_HEAD, first, PAGE_BREAK, second]
    doc = extract_file(write_pdf(tmp_path / "ganzi.pdf", blocks))
    assert [indicator_key(i) for i in doc.indicators] == [
        indicator_key(i) for i in real("ganzi").indicators
    ]
    assert doc.totals["weight"] == 90


# ----------------------------------------------------------------- exported and read back (issue 7)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ("shanghai", "kaiyang", "ganzi", "qingshen", "suining", "weixi"))
def test_real_documents_export_and_read_back_the_same(name: str, fmt: str, tmp_path: Path):
    doc = real(name)
    out = tmp_path / f"{name}.{fmt}"
    export_document(doc, fmt, out)
    expected, found = document_key(doc), document_key(extract_file(out))
    for field, value in expected.items():
        assert found[field] == value, field
