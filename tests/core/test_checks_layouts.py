"""An error is found whatever the layout: the same findings from every rendering of a document.

Documents with known errors — a hand-built 项目支出 form (fund block, level headings with their
points, a score over its weight, a printed 总分), seed 002 (its own printed errors), seed 001's
tables 三 and 四 with cells changed, the real 贵池 form (its 年度资金总额 printed as 0) and the
real 出入境 weighted-levels form (blank 目标值, a target in another unit) — are
rendered through :mod:`tests.ingest.renderings` into every text layout and into .docx, .xlsx,
.pdf and .html. Each rendering must give the same findings: the same codes, the same cells
(``where``), the same expected and found values. A blank cell can only be found in a rendering
that keeps it (renderings that drop empty cells cannot say which cell was blank); the
extraction gaps met are marked ``xfail(strict=True)`` with their reason, so a fix shows.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.disclosure import NEW, RESULT_TOTAL
from jixiao.core.documents import Document
from jixiao.ingest import extract_file
from tests.ingest.realworld.expectations import load_all
from tests.ingest.realworld.scoring import matches
from tests.ingest.renderings import ALL_TEXT_LAYOUTS, FILE_LAYOUTS, write_blocks
from tests.ingest.tables import UP
from tests.ingest.test_disclosure_report import _blocks as disclosure_blocks
from tests.ingest.test_table_invariance_blocks import _fund_table, _seed_blocks
from tests.support import seed

LAYOUTS = [*ALL_TEXT_LAYOUTS, *FILE_LAYOUTS]
# A web page's one-cell-a-line copy marks an empty cell with a lone ``|``; this rendering drops
# empty cells and merged 一级 cells alike, and the pipe reader then cannot put a row whose 一级
# is merged away and whose 偏差原因 is empty back together (an extraction gap, ingest/readers).
PIPES_LOSE_ROWS = pytest.mark.xfail(
    reason="pipe_cells drops empty cells: rows of an 8-column indicator table shift",
    strict=True,
)


def findings(doc: Document) -> list[tuple]:
    """What must not change with the layout: code, severity, cells, expected and found."""
    return sorted(
        (f.rule, f.severity, f.where, str(f.expected), str(f.found)) for f in run_checks(doc)
    )


# ------------------------------------------------------------- a hand-built 项目支出 form

FUND = [
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "820", "825", "60", "10", "6.06%", "1"],  # 执行 rows add to 50
    ["其中：财政拨款", "800", "805", "35", "", "4.34%", ""],  # 35 ÷ 805 = 4.348%: 截尾
    ["上年结转资金", "20", "20", "15", "", "80.00%", ""],  # 15 ÷ 20 is 75.00%
    ["其他资金", "", "", "", "", "", ""],
]
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
INDICATORS = [
    [*HEADER, "偏差原因分析及改进措施"],
    ["产出指标(50分)", "数量指标", "检查企业户数", "≥100户", "120户", "20", "20", ""],
    [UP, "质量指标", "抽检合格率", "≥95%", "96%", "20", "18", "个别批次不合格"],
    ["效益指标(30分)", "社会效益指标", "群众投诉办结率", "100%", "100%", "30", "35", ""],
    ["满意度指标(10分)", "服务对象满意度指标", "企业满意度", "≥90%", "95%", "10", "10", ""],
    ["总分", "", "", "", "", "100", "92", ""],
]
FORM = ["某县市场监督管理局2023年度项目支出绩效自评表", FUND, "绩效指标", INDICATORS]
D = Decimal
FORM_ERRORS = [  # what a careful reader writes down, in the form's own cells
    ("budget.column_sum", "项目资金 · 年度资金总额 · 全年执行", D(50), D(60)),
    ("budget.execution_rate", "项目资金 · 年度资金总额", D("7.27"), D("6.06")),
    ("budget.execution_rate", "项目资金 · 上年结转资金", D("75.00"), D("80.00")),
    ("score.exceeds_weight", "效益指标 · 社会效益指标 · 群众投诉办结率", D(30), D(35)),
    ("weights.level_sum", "产出指标", D(40), D(50)),
    ("totals.sum", "总分", D(84), D(92)),  # 20 + 18 + 35 + 10 + the fund block's 1
]


@pytest.fixture(scope="module")
def form_findings(tmp_path_factory) -> list[tuple]:
    folder = tmp_path_factory.mktemp("reference")
    return findings(extract_file(write_blocks(folder, ".docx", FORM), "self_evaluation"))


def test_the_form_s_errors_are_found_with_their_cells_and_values(form_findings):
    errors = [(r, w, D(e), D(f)) for r, s, w, e, f in form_findings if s == "error"]
    assert sorted(errors) == sorted(FORM_ERRORS)
    slips = [(w, e, f) for r, _s, w, e, f in form_findings if r == "rounding.slip"]
    assert slips == [("项目资金 · 财政拨款", "4.35", "4.34")]


@pytest.mark.parametrize(
    "layout",
    [pytest.param(n, marks=PIPES_LOSE_ROWS) if n == "pipe_cells" else n for n in LAYOUTS],
)
def test_the_form_gives_the_same_findings_in_every_layout(tmp_path, form_findings, layout):
    doc = extract_file(write_blocks(tmp_path, layout, FORM), "self_evaluation")
    assert findings(doc) == form_findings


# Layouts that keep an empty cell in its place (the rest drop it, and which cell was left blank
# can no longer be told from the text).
KEEP_BLANKS = ["tabs_once", "tabs_repeated", "markdown", *FILE_LAYOUTS]


@pytest.mark.parametrize("layout", KEEP_BLANKS)
def test_a_blank_weight_is_reported_and_never_filled_in_every_layout_that_keeps_it(
    tmp_path, layout
):
    rows = [list(row) for row in INDICATORS]  # (a deep copy would copy the UP mark too)
    rows[4][5] = ""  # 企业满意度's 分值
    doc = extract_file(write_blocks(tmp_path, layout, [*FORM[:3], rows]), "self_evaluation")
    blank = [f for f in run_checks(doc) if f.rule == "required.blank"]
    assert [(f.where, f.found) for f in blank] == [
        ("满意度指标 · 服务对象满意度指标 · 企业满意度 · 分值", None)
    ]
    assert next(i for i in doc.indicators if i.name == "企业满意度").weight is None


# ------------------------------------------------------------------ seed 002, errors as printed


@pytest.fixture(scope="module")
def seed002() -> Document:
    return extract_file(seed("002"))


@pytest.fixture(scope="module")
def seed002_findings(seed002, tmp_path_factory) -> list[tuple]:
    """The findings of the seed re-laid out as a .docx (its tables gain a 完成值 column)."""
    path = write_blocks(tmp_path_factory.mktemp("s"), ".docx", _seed_blocks(seed002, ".docx"))
    return findings(extract_file(path))


def test_seed_002_re_laid_out_keeps_its_printed_errors(seed002, seed002_findings):
    errors = [f for f in findings(seed002) if f[1] == "error"]
    assert {f[0] for f in errors} == {"budget.execution_rate", "budget.column_sum"}
    assert [f for f in seed002_findings if f[1] == "error"] == errors


@pytest.mark.parametrize("layout", LAYOUTS)
def test_seed_002_s_findings_are_the_same_in_every_layout(
    tmp_path, seed002, seed002_findings, layout
):
    doc = extract_file(write_blocks(tmp_path, layout, _seed_blocks(seed002, layout)))
    assert findings(doc) == seed002_findings


# ------------------------------------------------ seed 001's tables 三 and 四 with cells changed


@pytest.fixture(scope="module")
def changed_report() -> Document:
    """Seed 001 with three printed cells changed: a 总计, a result leaf, a review total."""
    doc = copy.deepcopy(extract_file(seed("001")))
    requests = doc.disclosure.requests
    requests[NEW]["总计"] += 3  # its row total, and the 勾稽 of the 总计 column
    leaf = next(k for k in requests if k.startswith("（三）") and requests[k].get("自然人"))
    requests[leaf]["自然人"] += 1  # its row, the 自然人 column's （七）总计
    group = next(iter(doc.disclosure.reviews))
    doc.disclosure.reviews[group]["总计"] += 2
    return doc


@pytest.fixture(scope="module")
def report_findings(changed_report, tmp_path_factory) -> list[tuple]:
    path = write_blocks(tmp_path_factory.mktemp("r"), ".docx", disclosure_blocks(changed_report))
    return findings(extract_file(path, "disclosure_report"))


def test_the_changed_cells_are_found(report_findings):
    rules = sorted(r for r, *_ in report_findings)
    assert rules == sorted(
        [
            "disclosure.row_total",  # 一、本年新收's 总计
            "disclosure.balance",  # the 总计 column: 新收＋结转 ≠ 办理结果＋结转下年度
            "disclosure.row_total",  # the changed leaf's row
            "disclosure.result_sum",  # （七）总计 of the 自然人 column (the 勾稽 uses （七）)
            "disclosure.review_total",
        ]
    )
    changed = (NEW, RESULT_TOTAL, "（三）不予公开/7.", "行政复议")
    assert all(any(cell in f[2] for cell in changed) for f in report_findings), report_findings


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_report_s_findings_are_the_same_in_every_layout(
    tmp_path, changed_report, report_findings, layout
):
    doc = extract_file(write_blocks(tmp_path, layout, disclosure_blocks(changed_report)))
    assert findings(doc) == report_findings


# ------------------------------------------------------- a real form with the reader's errors


def _levels_table(doc: Document) -> list[list]:
    """The indicator table as printed: 一级 labels with their points, merged down."""
    points = {f.name.removeprefix("分值:"): f.value for f in doc.figures if f.name[:3] == "分值:"}
    rows: list[list] = [HEADER]
    previous: list[str] = []
    for i in doc.indicators:
        l1, l2 = i.path[0], i.path[1]
        label = f"{l1}({points[l1]}分)" if l1 in points else l1
        first = UP if previous[:1] == [l1] else label
        second = UP if previous == [l1, l2] else l2
        actual = i.actual.raw if i.actual else ""
        target = "，".join(t.raw for t in i.targets)
        rows.append([first, second, i.name, target, actual, str(i.weight), str(i.score)])
        previous = [l1, l2]
    return rows


@pytest.fixture(scope="module")
def guichi():
    exp = next(e for e in load_all() if e.stem.startswith("guichi-"))
    return exp, extract_file(exp.document)


def _guichi_blocks(doc: Document) -> list:
    said = next(f.text for f in doc.figures if f.name == "目标实际完成情况")
    return [
        doc.title or "项目支出绩效自评表",
        _fund_table(doc.budget),
        said,
        "绩效指标",
        _levels_table(doc),
    ]


# 贵池's 完成值 达成预期指标 wrapped as 达成预期 / 指标: the lone 指标 is read as a level and the
# 产出 rows after it move to a level of their own (an extraction gap in the wrapped-text reader).
WRAPPED_LOSES_ROWS = pytest.mark.xfail(
    reason="label_wrapped: a value cell ending in 指标 wrapped; 3 of 6 产出指标 rows move",
    strict=True,
)


@pytest.mark.parametrize(
    "layout",
    [pytest.param(n, marks=WRAPPED_LOSES_ROWS) if n == "label_wrapped" else n for n in LAYOUTS],
)
def test_a_real_form_s_errors_are_found_in_every_layout(tmp_path, guichi, layout):
    exp, original = guichi
    doc = extract_file(write_blocks(tmp_path, layout, _guichi_blocks(original)), "self_evaluation")
    found = run_checks(doc)
    listed = [e for e in exp.data["errors"] if e["severity"] != "info"]
    assert len(listed) == 5
    assert [e["note"] for e in listed if not any(matches(e, f) for f in found)] == []
    assert [f for f in found if f.severity == "error"] == [
        f for f in run_checks(original) if f.severity == "error"
    ]


# ------------------------------------- a real weighted-levels form with blank targets (出入境)

LEVELS_HEADER = [
    "一级指标",
    "权重",
    "二级指标",
    "分值",
    "三级指标",
    "计量单位",
    "目标值(标准)",
    "分值",
]
# fixed-width text keeps a blank cell only as a gap between columns; the PDF's words carry
# their positions and the table stage places them, but plain fixed-width text is not yet
# measured by column for this form
GAPS_NOT_MEASURED = pytest.mark.xfail(
    reason="fixed-width text of the weighted-levels form: a blank 目标值 is lost", strict=True
)


def _weighted_levels_table(doc: Document) -> list[list]:
    """The 出入境 form as printed: 一级 with its 权重 and 二级 with its 分值, merged down."""
    points = {f.name: f.value for f in doc.figures if f.value is not None}
    rows: list[list] = [LEVELS_HEADER]
    previous: tuple[str, ...] = ()
    for i in doc.indicators:
        l1, l2 = i.path[0], i.path[1]
        first = [UP, UP] if previous[:1] == (l1,) else [l1, str(points[f"一级指标权重:{l1}"])]
        second = [UP, UP] if previous == (l1, l2) else [l2, str(points[f"分值:{l1}/{l2}"])]
        target = "，".join(t.raw for t in i.targets)
        rows.append([*first, *second, i.name, i.unit or "", target, str(i.weight)])
        previous = (l1, l2)
    return rows


@pytest.fixture(scope="module")
def ciq():
    exp = next(e for e in load_all() if e.stem.startswith("ciq-epidemic"))
    doc = extract_file(exp.document)
    note = ["填表说明:", "4、采集数据项必须严格按照计量单位填写。"]
    return exp, doc, [doc.title or "项目支出绩效评价表", _weighted_levels_table(doc), *note]


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(n, marks=GAPS_NOT_MEASURED) if n == "fixed_width" else n
        for n in ["tabs_once", "tabs_repeated", "markdown", "fixed_width", *FILE_LAYOUTS]
    ],
)
def test_a_real_levels_form_s_blanks_and_unit_rule_are_found_in_every_layout_that_keeps_blanks(
    tmp_path, ciq, layout
):
    exp, original, blocks = ciq
    doc = extract_file(write_blocks(tmp_path, layout, blocks), "indicator_system")
    assert findings(doc) == findings(original)
    listed = [e for e in exp.data["errors"] if e["severity"] != "info"]
    assert len(listed) == 4
    assert [e["note"] for e in listed if not any(matches(e, f) for f in run_checks(doc))] == []
