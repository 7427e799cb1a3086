"""The automatic checks of 绩效目标: each one passing and failing, each explaining itself."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.distribution import distribute
from jixiao.core.documents import Indicator, Target
from jixiao.core.library import match_key
from jixiao.core.target_review import ReviewInput, ReviewRow, review_targets


def row(
    name: str,
    path: list[str],
    op: str = ">=",
    value: str | None = "100",
    unit: str = "户次",
    weight: str = "10",
    basis: str = "",
    **facts: object,
) -> ReviewRow:
    targets = (
        [Target(raw=f"{op}{value}{unit}", op=op, value=D(value), unit=unit)]
        if value
        else [Target(raw="良好", op="qualitative")]
    )
    ind = Indicator(id=name, name=name, path=path, targets=targets, weight=D(weight), basis=basis)
    return ReviewRow(ind, **facts)  # type: ignore[arg-type]


def complete() -> list[ReviewRow]:
    return [
        row("抽查户次", ["产出指标", "数量指标"], weight="20"),
        row("抽查合格率", ["产出指标", "质量指标"], unit="%", value="95", weight="20"),
        row("按时完成率", ["产出指标", "时效指标"], unit="%", weight="10"),
        row("抽检经费", ["产出指标", "成本指标"], op="<=", value="40", unit="万元", weight="10"),
        row("营商环境", ["效益指标", "社会效益指标"], value=None, weight="20"),
        row("群众满意度", ["满意度指标", "服务对象满意度指标"], unit="%", value="90", weight="20"),
    ]


def by_code(data: ReviewInput) -> dict[str, object]:
    return {r.code: r for r in review_targets(data)}


def test_a_complete_system_passes_every_check_and_says_why() -> None:
    results = review_targets(ReviewInput(tuple(complete()), budget_yuan=D(500000)))
    assert all(r.passed for r in results), [r.message for r in results if not r.passed]
    assert {r.code for r in results} == {
        "review.dimensions",
        "review.quantified",
        "review.mandatory",
        "review.below_last_year",
        "review.outside_peers",
        "review.cost_budget",
        "review.weights",
    }
    assert all(r.message for r in results)


def test_missing_dimensions_are_named() -> None:
    rows = complete()[:2]
    result = by_code(ReviewInput(tuple(rows)))["review.dimensions"]
    assert not result.passed
    assert result.message.startswith("缺少时效指标、成本指标、效益指标、满意度指标")


def test_too_few_quantified_targets_warn_with_the_share() -> None:
    rows = [row(f"定性{i}", ["效益指标"], value=None) for i in range(3)] + complete()[:1]
    result = by_code(ReviewInput(tuple(rows)))["review.quantified"]
    assert not result.passed
    assert "4项指标中1项为量化指标，占25.0%" in result.message
    assert result.severity == "warning"


def test_a_missing_mandatory_indicator_is_named() -> None:
    wanted = (
        ("群众满意度", match_key("群众满意度", "%")),
        ("执法案件办结率", match_key("执法案件办结率", "%")),
    )
    result = by_code(ReviewInput(tuple(complete()), mandatory=wanted))["review.mandatory"]
    assert not result.passed
    assert "执法案件办结率" in result.message
    assert "群众满意度" not in result.message


def test_a_target_below_last_years_actual_needs_a_reason() -> None:
    low = row("抽查户次", ["产出指标", "数量指标"], value="280", last_actual=D(300))
    result = by_code(ReviewInput((low,)))["review.below_last_year"]
    assert not result.passed
    assert "目标值280户次低于上年实际完成值300" in result.problems[0].message
    explained = row(
        "抽查户次",
        ["产出指标", "数量指标"],
        value="280",
        last_actual=D(300),
        basis="由于机构改革，监管对象减少。",
    )
    assert by_code(ReviewInput((explained,)))["review.below_last_year"].passed


def test_a_ceiling_above_last_years_actual_is_looser() -> None:
    cost = row(
        "抽检经费", ["产出指标", "成本指标"], op="<=", value="45", unit="万元", last_actual=D(40)
    )
    result = by_code(ReviewInput((cost,)))["review.below_last_year"]
    assert "高于上年实际完成值40" in result.problems[0].message


def test_a_target_outside_the_peers_range_is_flagged() -> None:
    peers = distribute([D(200), D(250), D(300)])
    outside = row("抽查户次", ["产出指标", "数量指标"], value="90", peers=peers)
    result = by_code(ReviewInput((outside,)))["review.outside_peers"]
    assert not result.passed
    assert "不在同类3个单位的区间200～300内" in result.problems[0].message


def test_cost_indicators_over_the_budget_fail() -> None:
    result = by_code(ReviewInput(tuple(complete()), budget_yuan=D(300000)))["review.cost_budget"]
    assert not result.passed
    assert result.message.startswith("成本指标合计40.00万元，预算资金30.00万元。")


def test_weights_must_sum_to_the_expected_total() -> None:
    rows = complete()[:-1]
    result = by_code(ReviewInput(tuple(rows)))["review.weights"]
    assert not result.passed
    assert result.message == "各指标分值合计80分，应为100分。"
    assert by_code(ReviewInput(tuple(rows), expected_weight=D(80)))["review.weights"].passed


def test_a_basis_that_only_lists_history_is_no_reason() -> None:
    low = row(
        "抽查户次",
        ["产出指标", "数量指标"],
        value="280",
        last_actual=D(300),
        basis="2022年300户次，2023年310户次。",
    )
    assert not by_code(ReviewInput((low,)))["review.below_last_year"].passed


def test_a_yoy_target_is_not_compared_with_last_years_figure() -> None:
    ind = Indicator(
        id="1",
        name="新增市场主体",
        path=["产出指标", "数量指标"],
        targets=[Target(raw="同比增长5%", op=">=", value=D(5), unit="%", relative="yoy")],
        weight=D(100),
    )
    result = by_code(ReviewInput((ReviewRow(ind, last_actual=D(12000)),)))
    assert result["review.below_last_year"].passed
