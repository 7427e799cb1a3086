from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.pipeline import AssessmentError, Proposal, assess, rank_proposals

FULL = {"necessity": D(25), "economy": D(20), "targets": D(20), "feasibility": D(20)}


def test_an_assessment_sums_the_five_criteria_and_concludes():
    result = assess({**FULL, "compliance": D(15)})
    assert (result.total, result.conclusion, result.supported) == (D(100), "予以支持", True)


@pytest.mark.parametrize(
    ("compliance", "necessity", "conclusion"),
    [
        (D(15), D(25), "予以支持"),
        (D(0), D(5), "调整完善后予以支持"),
        (D(0), D(0), "调整完善后予以支持"),
    ],
)
def test_conclusion_bands(compliance, necessity, conclusion):
    assert (
        assess({**FULL, "necessity": necessity, "compliance": compliance}).conclusion == conclusion
    )


def test_a_low_total_is_not_supported():
    result = assess({k: D(5) for k in [*FULL, "compliance"]})
    assert (result.total, result.conclusion, result.supported) == (D(25), "不予支持", False)


def test_points_over_the_weight_or_missing_are_refused_by_name():
    with pytest.raises(AssessmentError, match="投入经济性"):
        assess({**FULL, "economy": D(21), "compliance": D(1)})
    with pytest.raises(AssessmentError, match="筹资合规性"):
        assess(FULL)


def test_other_weights_are_rebased_to_100():
    criteria = (("a", "甲", D(10)), ("b", "乙", D(10)))
    assert assess({"a": D(10), "b": D(6)}, criteria).total == D(80)


def test_ranking_puts_fundable_first_then_priority_readiness_and_score():
    ps = [
        Proposal("1", "乙", 2, "ready", D(90), D(100)),
        Proposal("2", "甲", 1, "partial", D(70), D(50)),
        Proposal("3", "丙", 1, "ready", D(60), D(30)),
        Proposal("4", "丁", 1, "not_ready", D(99), D(10)),
        Proposal("5", "戊", 1, "ready", None, D(10)),
        Proposal("6", "己", 1, "ready", D(40), D(10), supported=False),
    ]
    ranked = rank_proposals(ps)
    assert [r.proposal.key for r in ranked[:3]] == ["3", "2", "1"]
    assert [r.cumulative for r in ranked[:3]] == [D(30), D(80), D(180)]
    notes = {r.proposal.key: r.note for r in ranked if not r.eligible}
    assert notes["4"].startswith("未完成立项审批")
    assert notes["5"] == "未开展事前绩效评估"
    assert notes["6"] == "事前绩效评估结论为不予支持"
    assert ranked[-1].cumulative == D(180)
