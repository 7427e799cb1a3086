"""Issue 15's seven classes, each in every kind of document that prints the figures involved.

One hand-built case per (class, kind) cell: a document of that kind, consistent but for one
error of that class, gives exactly that finding (no other error or warning). The self-evaluation
forms (项目支出, 部门整体支出, 区域绩效目标自评表) are one kind once read: their layouts differ,
their figures do not, and the layout tests read each of them. Cells where a kind does not print
the figures (a disclosure report has no weights; work goals have no fund block) are absent;
``MATRIX`` below is the list the report of issue 15 shows.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.disclosure import build_requests, build_reviews
from jixiao.core.documents import Disclosure, Document, Figure

from .builders import actual, document, fund_block, indicator, target

SYSTEM, SELF, REPORT, DISCLOSURE, GOALS = (
    "indicator_system",
    "self_evaluation",
    "evaluation_report",
    "disclosure_report",
    "work_goals",
)


def _levels(kind: str, weights=("30", "20"), heading="50", total=None) -> Document:
    """Two indicators under 产出指标 printed with its points, scored at full weight."""
    scored = kind != SYSTEM
    inds = [
        indicator(
            f"指标{n}",
            w,
            w if scored else None,
            id=str(n),
            targets=(target(">=", "90", "%"),),
            actual=actual("95%", target("=", "95", "%")) if scored else None,
        )
        for n, w in enumerate(weights, start=1)
    ]
    figures = {"分值:产出指标": heading}
    if total is not None:
        figures["合计:分值"] = total
    return document(kind=kind, indicators=inds, figures=figures)


def _with_note(kind: str) -> Document:
    doc = _levels(kind)
    doc.figures.append(Figure("规定分值:产出指标", D(60), text="一级指标分值为产出指标60分"))
    return doc


def _blank_weight(kind: str) -> Document:
    doc = _levels(kind)
    doc.indicators[1].weight = None
    doc.figures = [f for f in doc.figures if f.name != "分值:产出指标"]
    return doc


def _written_method(kind: str) -> Document:
    """A written scoring method (每下降1%扣0.2分) against the score given: 90% spent gives 2."""
    ind = indicator("预算执行率", "4", "4")
    ind.criteria = "执行率100%计4分，每下降1%扣0.2分，扣完为止"
    money = fund_block(("合计", "100", "100", "90", "90"), weight=None, score=None)
    return document(kind=kind, indicators=[ind], budget=money)


def _blank_sheet_score() -> Document:
    """An evaluation report's score sheet (rows with 评分标准) with one 得分 left blank."""
    rows = [indicator("预算执行率", "10", "10"), indicator("资金使用合规性", "10", None)]
    for row in rows:
        row.criteria = "按执行率计分"
    return document(kind=REPORT, indicators=rows)


def _unit_rule(kind: str) -> Document:
    ind = indicator("筛查率", "10", None, targets=(target("<=", "5", "人/10万人"),), unit="%")
    doc = document(kind=kind, indicators=[ind])
    doc.figures = [Figure("表注:按计量单位填写", None, text="采集数据项必须严格按照计量单位填写")]
    return doc


def _fund(kind: str, spent_total: str = "100", rate: str = "100") -> Document:
    block = fund_block(
        ("财政拨款", "100", "100", "100", "100"), ("合计", "100", "100", spent_total, rate)
    )
    return document(kind=kind, budget=block)


def _budget_score() -> Document:
    """90 of 100 spent: 执行率 90% × 分值 10 is 9, printed 10."""
    rows = (("财政拨款", "100", "100", "90", "90"), ("合计", "100", "100", "90", "90"))
    return document(kind=SELF, budget=fund_block(*rows, score="10"))


def _slipped_fund(kind: str) -> Document:
    """35 ÷ 805 = 4.348%: the 财政拨款 row prints 4.34 (截尾), the 合计 row 4.35."""
    rows = (("财政拨款", "805", "805", "35", "4.34"), ("合计", "805", "805", "35", "4.35"))
    return document(kind=kind, budget=fund_block(*rows, score="0.43"))


def _self_total(printed: str) -> Document:
    doc = _levels(SELF)
    doc.totals = {"reported_score": D(printed)}
    return doc


def _report_total(printed: str) -> Document:
    doc = document(kind=REPORT)
    doc.figures = [
        Figure("得分:决策", D(18), text="项目决策得分18分"),
        Figure("得分:过程", D(19), text="项目过程得分19分"),
    ]
    doc.totals = {"reported_score": D(printed)}
    return doc


def _report_rate(printed: str) -> Document:
    doc = document(kind=REPORT)
    doc.figures = [
        Figure("到位:合计", D(805), text="到位805万元"),
        Figure("支出:合计", D(35), text="支出35万元"),
        Figure("执行率", D(printed), text=f"执行率{printed}%"),
    ]
    return doc


def _disclosure(prose: list[Figure] | None = None, change: int = 0) -> Document:
    requests = build_requests({"自然人": 10}, {"自然人": 2}, {"（一）予以公开": {"自然人": 11}})
    requests["（一）予以公开"]["自然人"] += change  # the row total and （七）总计 now disagree
    reviews = build_reviews({"行政复议": {"结果维持": 1}})
    return Document(
        kind=DISCLOSURE,
        disclosure=Disclosure(requests=requests, reviews=reviews),
        figures=prose or [],
    )


def _review_total() -> Document:
    doc = _disclosure()
    doc.disclosure.reviews["行政复议"]["总计"] += 1  # table 四: 总计 against its four results
    return doc


def _unbalanced() -> Document:
    """四、结转下年度 one more in 自然人 and 总计: 新收＋结转 ≠ 办理结果＋结转, in both columns."""
    doc = _disclosure()
    carry = next(k for k in doc.disclosure.requests if k.startswith("四、"))
    for column in ("自然人", "总计"):
        doc.disclosure.requests[carry][column] += 1
    return doc


def _categories(kind: str) -> Document:
    parts = [("政府网站动态", 84), ("公告公示", 31), ("省级媒体", 21), ("市级媒体", 68)]  # 204
    figures = [Figure("其中:1/合计", D(312), "条", "主动公开信息312条，其中…")]
    figures += [Figure(f"其中:1/{i}", D(v), None, n) for i, (n, v) in enumerate(parts, 1)]
    return Document(kind=kind, figures=figures)


def _last_year(kind: str, goal: str = "100000") -> Document:
    """A target of ``goal`` 户 where the document reports 125000 for 2023."""
    ind = indicator("新增市场主体", None, None, targets=(target(">=", goal, "户"),))
    ind.history = {"2023": D(125000)}
    return document(kind=kind, indicators=[ind])


def _share_slip() -> Document:
    prose = [
        Figure("依申请:答复", D(805), "件", "答复805件"),
        Figure("依申请:结果/不予公开", D(35), "件", "不予公开35件"),
        Figure("依申请:占比/不予公开", D("4.34"), "%", "占4.34%"),
    ]
    return Document(kind=DISCLOSURE, figures=prose)


def _rounded_weights(kind: str) -> Document:
    return _levels(kind, weights=("0.27",) * 74, heading="20")


Case = tuple[str, str, Callable[[], Document], str | tuple[str, ...] | None]
MATRIX: list[Case] = [
    # 1. totals against their parts
    ("totals", SYSTEM, lambda: _levels(SYSTEM, heading="60"), "weights.level_sum"),
    ("totals", SYSTEM, lambda: _levels(SYSTEM, total="100"), "weights.total"),
    ("totals", SELF, lambda: _levels(SELF, heading="60"), "weights.level_sum"),
    ("totals", SELF, lambda: _self_total("60"), ("totals.sum", "score.total")),
    ("totals", REPORT, lambda: _report_total("40"), "report.total_score"),
    ("totals", REPORT, lambda: _levels(REPORT, heading="60"), "weights.level_sum"),
    # 2. the form's own rules
    ("form_rules", SYSTEM, lambda: _with_note(SYSTEM), "weights.note"),
    ("form_rules", SYSTEM, lambda: _unit_rule(SYSTEM), "target.unit_mismatch"),
    ("form_rules", SELF, lambda: _with_note(SELF), "weights.note"),
    ("form_rules", REPORT, lambda: _with_note(REPORT), "weights.note"),
    ("form_rules", REPORT, lambda: _written_method(REPORT), "score.recomputed"),
    ("form_rules", SELF, lambda: _written_method(SELF), "score.recomputed"),
    # 3. required cells left blank
    ("required_blank", SYSTEM, lambda: _blank_weight(SYSTEM), "required.blank"),
    ("required_blank", SELF, lambda: _blank_weight(SELF), "required.blank"),
    ("required_blank", REPORT, _blank_sheet_score, "required.blank"),
    # 4. the budget block
    ("budget", SELF, lambda: _fund(SELF, spent_total="90", rate="90"), "budget.column_sum"),
    ("budget", SELF, lambda: _fund(SELF, rate="95"), "budget.execution_rate"),
    ("budget", REPORT, lambda: _report_rate("5.35"), "report.rate"),
    ("budget", SELF, _budget_score, "score.budget"),
    # 5. disclosure reports
    (
        "disclosure",
        DISCLOSURE,
        lambda: _disclosure(change=1),
        ("disclosure.row_total", "disclosure.result_sum"),
    ),
    ("disclosure", DISCLOSURE, lambda: _categories(DISCLOSURE), "narrative.category_sum"),
    ("disclosure", DISCLOSURE, _review_total, "disclosure.review_total"),
    ("disclosure", DISCLOSURE, _unbalanced, ("disclosure.balance",) * 2),  # two columns
    (
        "disclosure",
        DISCLOSURE,
        lambda: _disclosure([Figure("依申请:受理", D(11), "件", "受理申请11件")]),
        "disclosure.prose_mismatch",
    ),
    # 6. work goals and plans against last year's figure
    ("history", GOALS, lambda: _last_year(GOALS), "baseline.below_last_year"),
    ("history", SYSTEM, lambda: _last_year(SYSTEM), "baseline.below_last_year"),
    # 7. rounding (a note, never an error)
    ("rounding", DISCLOSURE, _share_slip, "rounding.slip"),
    ("rounding", SELF, lambda: _slipped_fund(SELF), "rounding.slip"),
    ("rounding", SYSTEM, lambda: _rounded_weights(SYSTEM), "weights.rounded"),
    ("rounding", SELF, lambda: _rounded_weights(SELF), "weights.rounded"),
    ("rounding", REPORT, lambda: _report_rate("4.34"), "rounding.slip"),
]


@pytest.mark.parametrize(
    ("klass", "kind", "build", "code"),
    MATRIX,
    ids=[f"{c}-{k}-{n}" for n, (c, k, _b, _code) in enumerate(MATRIX)],
)
def test_each_class_is_found_in_each_kind_that_prints_its_figures(klass, kind, build, code):
    doc = build()
    assert doc.kind == kind
    found = [(f.rule, f.severity) for f in run_checks(doc)]
    if klass == "rounding":  # information only: nothing of severity error or warning
        assert [r for r, s in found if s != "note"] == []
        assert code is None or (code, "note") in found
        return
    codes = [code] if isinstance(code, str) else list(code or ())
    assert sorted(r for r, s in found if s != "note") == sorted(codes)


def test_the_consistent_documents_of_the_matrix_have_no_finding():
    consistent = [
        _levels(SYSTEM),
        _levels(SELF),
        _self_total("50"),
        _report_total("37"),
        _report_rate("4.35"),
        _fund(SELF),
        _disclosure(),
        _last_year(GOALS, goal="130000"),
        _categories(GOALS),  # a 其中 that leaves some out, outside a disclosure report
    ]
    assert [(d.kind, f.rule) for d in consistent for f in run_checks(d)] == []
