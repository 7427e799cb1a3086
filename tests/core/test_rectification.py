from __future__ import annotations

from datetime import date

import pytest

from jixiao.core.rectification import (
    CLOSED,
    OPEN,
    RectificationError,
    check_status_change,
    is_overdue,
    problem_from_finding,
    problems_from_figures,
    split_problems,
)


def test_an_area_splits_on_its_enumerators_with_the_cause():
    text = (
        "一是培训经费列支欠规范。主要原因是对资金使用范围认识模糊。"
        "二是绩效目标偏差较大，如某县设备购置≥10台，实际完成3台。主要原因：地方资金下达不及时。"
        "三是台账不全。"
    )
    found = split_problems("资金使用管理方面", text)
    assert [p.problem for p in found] == [
        "培训经费列支欠规范。",
        "绩效目标偏差较大，如某县设备购置≥10台，实际完成3台。",
        "三是台账不全。".removeprefix("三是"),
    ]
    assert [p.cause for p in found] == ["对资金使用范围认识模糊。", "地方资金下达不及时。", ""]
    assert {p.area for p in found} == {"资金使用管理方面"}


def test_an_area_without_enumerators_is_one_problem():
    found = split_problems("项目管理方面", "个别单位项目实施进度滞后。原因为需求调研未完成。")
    assert [(p.problem, p.cause) for p in found] == [
        ("个别单位项目实施进度滞后。", "需求调研未完成。")
    ]


def test_only_problem_figures_become_problems():
    figures = [
        {"name": "建议:加强管理", "text": "一是要加强。"},
        {"name": "问题:绩效管理方面", "text": "一是指标未完成。二是偏差大。"},
        {"name": "合计:专项资金", "value": 1},
    ]
    assert [p.problem for p in problems_from_figures(figures)] == ["指标未完成。", "偏差大。"]


def test_a_finding_becomes_a_problem_with_its_place():
    p = problem_from_finding(
        {"rule": "weights.sum_mismatch", "where": "产出指标", "message": "分值合计99"}
    )
    assert p.problem == "产出指标：分值合计99"


def test_overdue_means_past_the_deadline_and_not_closed():
    today = date(2024, 7, 1)
    assert is_overdue(date(2024, 6, 30), OPEN, today)
    assert not is_overdue(date(2024, 6, 30), CLOSED, today)
    assert not is_overdue(date(2024, 7, 1), OPEN, today)
    assert not is_overdue(None, OPEN, today)


def test_closing_needs_evidence():
    with pytest.raises(RectificationError, match="佐证材料"):
        check_status_change(CLOSED, has_evidence=False)
    check_status_change(CLOSED, has_evidence=True)
    with pytest.raises(RectificationError):
        check_status_change("done", has_evidence=True)


def test_an_indicator_that_lost_points_is_a_problem_and_a_full_score_is_not() -> None:
    from decimal import Decimal

    from jixiao.core.rectification import problem_from_deduction

    lost = problem_from_deduction("抽查户次", Decimal(10), Decimal("7.625"), "完成76.25%")
    assert lost is not None and lost.area == "指标扣分"
    assert lost.problem == "抽查户次：扣2.38分（得7.63分，分值10.00分）"
    assert lost.cause == "完成76.25%"
    assert problem_from_deduction("抽查户次", Decimal(10), Decimal(10), "") is None
    assert problem_from_deduction("抽查户次", Decimal(10), None, "") is None
