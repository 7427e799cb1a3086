"""Property: change one printed figure of a consistent document, and exactly the findings that
involve that figure appear — no more (nothing else is blamed), no fewer (nothing is missed).

Two consistent documents are built from their parts (every total computed, so every rule
holds): a disclosure report (table 三, table 四, the narrative repeating table 三), a
self-evaluation's weights (indicators under printed 一级/二级 headings, a block label and a
printed total), a fund block (rows, 合计, rates, the block's score) and a scored form (scores
by the written rule, stated level 得分, the printed 总分). Rates printed by another rounding
(截尾, 进一) give only a ``rounding.slip`` note; any other printed rate, an error. Budgets are
small and fixed (derandomised), so the suite stays fast.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.checks import run_checks
from jixiao.core.disclosure import (
    CARRIED,
    CARRY_OVER,
    NEW,
    REQUEST_COLUMNS,
    RESULT_TOTAL,
    TOTAL,
    build_requests,
    build_reviews,
    result_leaves,
)
from jixiao.core.documents import Budget, BudgetRow, Disclosure, Document, Figure

from .builders import actual, indicator, target

DELTA = st.integers(20, 60).flatmap(lambda n: st.sampled_from([n, -n]))
BUDGET = settings(max_examples=60, derandomize=True, deadline=None)

# ----------------------------------------------------------------------------- disclosure

RESULTS = {
    "（一）予以公开": {"自然人": 240, "商业企业": 32},
    "（二）部分公开": {"自然人": 3},
    "（三）不予公开/1.属于国家秘密": {"自然人": 30, "商业企业": 5},
    "（四）无法提供/1.本机关不掌握相关政府信息": {"自然人": 250, "法律服务机构": 15},
    "（四）无法提供/2.没有现成信息需要另行制作": {"自然人": 72},
    "（五）不予处理/1.信访举报投诉类申请": {"自然人": 158},
}
# What the narrative says, by the table's groups: (name, groups, share printed or not)
NARRATIVE = (
    ("予以公开及部分公开", ("（一）", "（二）"), True),
    ("不予公开", ("（三）",), True),
    ("无法提供", ("（四）",), True),
    ("不予处理", ("（五）",), False),
    ("其他处理", ("（六）",), False),
)


def _table() -> dict[str, dict[str, D]]:
    return build_requests(
        {"自然人": 800, "商业企业": 40, "法律服务机构": 25}, {"自然人": 20}, RESULTS
    )


def _count(table: dict, groups: tuple[str, ...]) -> D:
    return sum((table[k][TOTAL] for k in result_leaves(table) if k[:3] in groups), D(0))


def _report() -> Document:
    table = _table()
    answered = table[RESULT_TOTAL][TOTAL]
    figures = [
        Figure("依申请:受理", table[NEW][TOTAL], "件", "受理申请"),
        Figure("依申请:结转下年度", table[CARRY_OVER][TOTAL], "件", "结转下年度"),
        Figure("依申请:答复", answered, "件", "答复申请"),
    ]
    for name, groups, shared in NARRATIVE:
        count = _count(table, groups)
        figures.append(Figure(f"依申请:结果/{name}", count, "件", name))
        if shared:
            share = (count / answered * 100).quantize(D("0.1"))
            figures.append(Figure(f"依申请:占比/{name}", share, "%", name))
    reviews = build_reviews({"行政复议": {"结果维持": 5, "尚未审结": 2}})
    return Document(
        kind="disclosure_report",
        disclosure=Disclosure(requests=table, reviews=reviews),
        figures=figures,
    )


def _problems(doc: Document) -> Counter:
    return Counter(f.rule for f in run_checks(doc) if f.severity != "note")


def test_the_consistent_report_has_no_finding():
    assert run_checks(_report()) == []


CELLS = [(row, col) for row in _table() for col in REQUEST_COLUMNS]


def _involving_cell(row: str, col: str) -> Counter:
    """The findings a change of table 三's cell (row, col) must give."""
    table = _table()
    want = Counter({"disclosure.row_total": 1})
    if row in result_leaves(table) or row == RESULT_TOTAL:
        want["disclosure.result_sum"] += 1
    if row in (NEW, CARRIED, RESULT_TOTAL, CARRY_OVER):
        want["disclosure.balance"] += 1
    if col == TOTAL and row in (NEW, RESULT_TOTAL, CARRY_OVER):  # 受理, 答复, 结转 in the prose
        want["disclosure.prose_mismatch"] += 1
    if col == TOTAL and row in result_leaves(table):
        want["disclosure.prose_result"] += 1
    return want


@BUDGET
@given(st.sampled_from(CELLS), DELTA)
def test_one_changed_table_cell_gives_exactly_the_findings_involving_it(cell, delta):
    row, col = cell
    doc = _report()
    doc.disclosure.requests[row][col] += delta
    assert _problems(doc) == _involving_cell(row, col)
    for finding in run_checks(doc):
        assert row in finding.where or col in finding.where or finding.where.startswith("正文")


@BUDGET
@given(st.sampled_from([n for n, _g, _s in NARRATIVE]), DELTA)
def test_one_changed_narrative_count_gives_its_table_its_share_and_the_sum(name, delta):
    doc = _report()
    figure = next(f for f in doc.figures if f.name == f"依申请:结果/{name}")
    figure.value += delta
    shared = any(n == name and s for n, _g, s in NARRATIVE)
    want = Counter({"disclosure.prose_result": 1, "disclosure.prose_sum": 1})
    if shared:
        want["disclosure.prose_share"] += 1
    assert _problems(doc) == want
    assert all(name in f.where or "办理结果" in f.where for f in run_checks(doc))


@BUDGET
@given(st.sampled_from(["结果维持", "尚未审结", TOTAL]), DELTA)
def test_one_changed_review_cell_gives_its_group_total(column, delta):
    doc = _report()
    doc.disclosure.reviews["行政复议"][column] += delta
    assert _problems(doc) == Counter({"disclosure.review_total": 1})


# ----------------------------------------------------------------------------- weights

INDICATORS = (
    ("产出指标", "数量指标", "10"),
    ("产出指标", "数量指标", "20"),
    ("产出指标", "质量指标", "20"),
    ("效益指标", "社会效益指标", "15"),
    ("效益指标", "可持续影响指标", "15"),
    ("满意度指标", "服务对象满意度", "10"),
)
HEADINGS = {
    "分值:产出指标": "50",
    "分值:产出指标/数量指标": "30",
    "分值:产出指标/质量指标": "20",
    "分值:效益指标": "30",
    "标题分值:绩效指标": "90",
    "合计:分值": "90",
}

TEXTS = {"标题分值:绩效指标": "绩效指标(90分)"}


def _weights() -> Document:
    inds = [
        indicator(f"指标{n}", w, None, path=(l1, l2), id=str(n))
        for n, (l1, l2, w) in enumerate(INDICATORS, start=1)
    ]
    figures = [
        Figure(name, D(value), text=TEXTS.get(name, name)) for name, value in HEADINGS.items()
    ]
    return Document(kind="self_evaluation", indicators=inds, figures=figures)


def test_the_consistent_weights_have_no_finding():
    assert run_checks(_weights()) == []


@BUDGET
@given(st.integers(0, len(INDICATORS) - 1), DELTA)
def test_one_changed_weight_is_blamed_once_on_its_nearest_printed_heading(index, delta):
    doc = _weights()
    ind = doc.indicators[index]
    ind.weight += delta
    l1, l2 = ind.path
    nearest = (
        f"{l1} · {l2}"
        if f"分值:{l1}/{l2}" in HEADINGS
        else l1
        if f"分值:{l1}" in HEADINGS
        else "绩效指标(90分)"
    )
    findings = [f for f in run_checks(doc) if f.severity != "note"]
    assert [(f.rule, f.where) for f in findings] == [("weights.level_sum", nearest)]


@BUDGET
@given(st.sampled_from(sorted(HEADINGS)), DELTA)
def test_one_changed_heading_is_held_against_its_parts_and_its_parent(name, delta):
    doc = _weights()
    figure = next(f for f in doc.figures if f.name == name)
    figure.value += delta
    want = Counter()
    if name == "合计:分值":
        want["weights.total"] += 1
    elif name == "标题分值:绩效指标":
        want["weights.level_sum"] += 1  # against the 一级 headings
        want["weights.total"] += 1  # the printed total holds the block label
    else:
        want["weights.level_sum"] += 1  # against its parts
        want["weights.level_sum"] += 1  # its parent now disagrees with it
    assert _problems(doc) == want


# ----------------------------------------------------------------------------- the fund block

FUND_ROWS = (("财政拨款", "80", "90", "90"), ("其他资金", "10", "10", "10"))
LOSS = st.integers(1, 9)  # money taken off a printed figure (execution stays at or under 100%)


def _fund() -> Document:
    rows = [BudgetRow(s, D(i), D(a), D(x), D(100)) for s, i, a, x in FUND_ROWS]
    total = BudgetRow(
        "合计",
        *(sum((getattr(r, c) for r in rows), D(0)) for c in ("initial", "adjusted", "spent")),
        D(100),
    )
    budget = Budget(rows=[*rows, total], weight=D(10), score=D(10))
    return Document(kind="self_evaluation", budget=budget)


def test_the_consistent_fund_block_has_no_finding():
    assert run_checks(_fund()) == []


@BUDGET
@given(st.integers(0, len(FUND_ROWS) - 1), LOSS)
def test_a_row_s_spending_changed_gives_its_rate_the_column_sum_and_the_block_score(row, loss):
    doc = _fund()
    doc.budget.rows[row].spent -= loss
    assert _problems(doc) == Counter(
        {"budget.execution_rate": 1, "budget.column_sum": 1, "score.budget": 1}
    )
    rate = next(f for f in run_checks(doc) if f.rule == "budget.execution_rate")
    assert FUND_ROWS[row][0] in rate.where


@BUDGET
@given(st.sampled_from(["initial", "adjusted", "spent"]), LOSS)
def test_a_total_cell_changed_gives_its_column_and_for_money_used_in_the_rate_the_rate(col, loss):
    doc = _fund()
    total = doc.budget.rows[-1]
    setattr(total, col, getattr(total, col) - loss)
    want = Counter({"budget.column_sum": 1})
    if col in ("adjusted", "spent"):
        want["budget.execution_rate"] += 1  # the 合计 row's own printed rate
    assert _problems(doc) == want


@BUDGET
@given(st.integers(0, len(FUND_ROWS)), st.integers(1, 50))
def test_a_printed_rate_changed_gives_that_row_s_rate_only(row, loss):
    doc = _fund()
    doc.budget.rows[row].rate -= loss
    assert _problems(doc) == Counter({"budget.execution_rate": 1})


@BUDGET
@given(st.integers(1, 9))
def test_the_block_s_printed_score_changed_gives_the_score_check_only(loss):
    doc = _fund()
    doc.budget.score -= loss
    assert _problems(doc) == Counter({"score.budget": 1})


# ----------------------------------------------------------------------------- scores and totals

# (一级, 二级, 分值, 实际完成 %, 得分): target ≥90%, scored 实际 ÷ 目标 × 分值 up to the 分值
SCORED = (
    ("产出指标", "数量指标", "20", "95", "20"),
    ("产出指标", "质量指标", "30", "84", "28"),
    ("效益指标", "社会效益指标", "30", "95", "30"),
    ("满意度指标", "服务对象满意度指标", "10", "81", "9"),
)
LEVEL_SCORES = {"产出指标": D(48), "效益指标": D(30)}  # the levels that print their 得分
STEP = st.integers(1, 5).flatmap(lambda n: st.sampled_from([n, -n]))


def _scored() -> Document:
    """A scored form: indicators, stated level scores, a fund block and its printed 总分."""
    inds = [
        indicator(
            f"指标{n}",
            weight,
            score,
            path=(l1, l2),
            id=str(n),
            targets=(target(">=", "90", "%"),),
            actual=actual(f"{done}%", target("=", done, "%")),
            deviation=None if weight == score else "部分未完成，已整改",
        )
        for n, (l1, l2, weight, done, score) in enumerate(SCORED, start=1)
    ]
    figures = [Figure(f"得分:{name}", value, text=name) for name, value in LEVEL_SCORES.items()]
    fund = _fund().budget
    total = sum((i.score for i in inds), D(0)) + fund.score
    return Document(
        kind="self_evaluation",
        indicators=inds,
        budget=fund,
        figures=figures,
        totals={"reported_score": total, "weight": D(100)},
    )


def test_the_consistent_scored_form_has_no_finding():
    assert run_checks(_scored()) == []


def _involving_score(index: int, new: D) -> Counter:
    """The findings a changed 得分 must give: its own rules, its level and the 总分.

    Not ``score.total``: the printed 总分 still agrees with the rescore, the row does not.
    """
    l1, _l2, weight, _done, score = SCORED[index]
    want = Counter({"score.recomputed": 1, "totals.sum": 1})
    if l1 in LEVEL_SCORES:
        want["totals.level_score"] += 1
    if new > D(weight):
        want["score.exceeds_weight"] += 1
    elif new < D(weight) and weight == score:  # a full score lowered, with no reason written
        want["score.missing_deviation"] += 1
    return want


@BUDGET
@given(st.integers(0, len(SCORED) - 1), STEP)
def test_one_changed_score_gives_its_level_the_total_and_its_own_rules(index, step):
    doc = _scored()
    ind = doc.indicators[index]
    ind.score += step
    assert _problems(doc) == _involving_score(index, ind.score)
    named = [f.where for f in run_checks(doc) if f.rule not in ("totals.sum", "score.total")]
    assert all(ind.path[0] in where for where in named)


@BUDGET
@given(STEP)
def test_a_changed_printed_total_is_held_against_the_scores_and_the_rescore(step):
    doc = _scored()
    doc.totals["reported_score"] += step
    assert _problems(doc) == Counter({"totals.sum": 1, "score.total": 1})
    total = next(f for f in run_checks(doc) if f.rule == "totals.sum")
    assert (total.expected, total.found) == (D(97), D(97) + step)


@BUDGET
@given(st.sampled_from(sorted(LEVEL_SCORES)), STEP)
def test_a_changed_level_score_is_held_against_its_indicators_only(level, step):
    doc = _scored()
    figure = next(f for f in doc.figures if f.name == f"得分:{level}")
    figure.value += step
    findings = [f for f in run_checks(doc) if f.severity != "note"]
    assert [(f.rule, f.where, f.found) for f in findings] == [
        ("totals.level_score", level, LEVEL_SCORES[level] + step)
    ]


# ----------------------------------------------------------------------------- rounding

MONEY = st.integers(1, 100_000)


@BUDGET
@given(MONEY, MONEY)
def test_a_rate_printed_by_another_rounding_is_a_note_naming_it_and_nothing_else(spent, budget):
    """Any 执行率 printed 截尾 or 进一: a rounding.slip note when 四舍五入 differs, else nothing."""
    from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP

    exact = D(spent) / D(budget) * 100
    for mode, word in ((ROUND_DOWN, "截尾"), (ROUND_CEILING, "进一")):
        printed = exact.quantize(D("0.01"), rounding=mode)
        doc = _fund()
        doc.budget.rows[0] = BudgetRow("财政拨款", D(budget), D(budget), D(spent), printed)
        doc.budget.rows[1] = BudgetRow("合计", D(budget), D(budget), D(spent), printed)
        found = [f for f in run_checks(doc) if f.rule.startswith(("rounding", "budget.exec"))]
        if printed == exact.quantize(D("0.01"), rounding=ROUND_HALF_UP):
            assert found == []
            continue
        assert [f.rule for f in found] == ["rounding.slip", "rounding.slip"]
        assert all(word in f.message and f.severity == "note" for f in found)
        assert all(
            (f.found, f.expected)
            == (printed, printed + (-1 if mode == ROUND_CEILING else 1) * D("0.01"))
            for f in found
        )


@BUDGET
@given(MONEY, MONEY, st.sampled_from([D("0.02"), D("-0.02"), D("0.5"), D(-3)]))
def test_a_rate_no_rounding_gives_is_an_error(spent, budget, off):
    exact = D(spent) / D(budget) * 100
    printed = exact.quantize(D("0.01")) + off
    doc = _fund()
    doc.budget.rows[0] = BudgetRow("财政拨款", D(budget), D(budget), D(spent), printed)
    doc.budget.rows[1] = BudgetRow("合计", D(budget), D(budget), D(spent), D(100))
    rates = [f for f in run_checks(doc) if f.where == "项目资金 · 财政拨款"]
    assert [(f.rule, f.severity) for f in rates] == [("budget.execution_rate", "error")]
