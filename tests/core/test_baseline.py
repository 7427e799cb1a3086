from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.baseline import baseline_of, check_baseline, stated_reason
from jixiao.core.checks.history import check_history

from .builders import document, indicator, target


def _recall(basis: str, value: str = "22"):
    return indicator(
        "缺陷产品召回",
        None,
        None,
        path=("四、…",),
        targets=(target(">=", value, "批次"),),
        history={"2019": D(30), "2020": D(25), "2021": D(26)},
        basis=basis,
    )


def test_a_baseline_knows_last_year_the_three_year_average_and_the_trend():
    base = baseline_of(_recall(""))
    assert base.last_year == D(26)
    assert base.average == D(27)
    assert base.trend == "波动"


def test_trends_up_down_flat_and_too_short():
    def trend(*values):
        ind = indicator(
            "x", None, None, history={str(2019 + i): D(v) for i, v in enumerate(values)}
        )
        return baseline_of(ind).trend

    assert (trend(1, 2, 3), trend(3, 2, 1), trend(2, 2, 2), trend(5)) == (
        "上升",
        "下降",
        "持平",
        "数据不足",
    )


def test_history_is_ordered_by_year_whatever_order_it_was_read_in():
    ind = indicator("x", None, None, history={"2021": D(3), "2019": D(1), "2020": D(2)})
    assert baseline_of(ind).last_year == D(3)


def test_a_target_below_its_average_without_a_reason_is_a_warning():
    ind = _recall(
        "根据《2022年市场监管工作任务分工方案》制定。2019年30批次，2020年25批次，2021年26批次。"
    )
    finding = check_baseline(ind, "4.2 缺陷产品召回")
    assert (finding.rule, finding.severity) == ("baseline.below_average", "warning")
    assert (finding.expected, finding.found) == (D(27), D(22))
    assert "未说明理由" in finding.message


def test_a_target_below_its_average_with_a_stated_reason_is_a_note():
    basis = "2019年30批次，2020年25批次，2021年26批次。说明：2022年因疫情反复，召回现场调查困难，因此2022年目标定为22批次，低于三年平均值。"
    finding = check_baseline(_recall(basis), "4.2 缺陷产品召回")
    assert finding.severity == "note"
    assert "因疫情反复" in finding.message


def test_a_target_at_or_above_its_average_is_fine():
    assert check_baseline(_recall("", value="27"), "x") is None
    assert check_baseline(_recall("", value="40"), "x") is None


def test_a_reverse_target_above_its_average_is_the_lax_side():
    ind = indicator(
        "事故率",
        None,
        None,
        targets=(target("<=", "0.5", "%"),),
        history={"2020": D("0.3"), "2021": D("0.2")},
    )
    assert check_baseline(ind, "事故率").severity == "warning"
    tight = indicator(
        "事故率",
        None,
        None,
        targets=(target("<=", "0.2", "%"),),
        history={"2020": D("0.3"), "2021": D("0.2")},
    )
    assert check_baseline(tight, "事故率") is None


def test_no_history_or_a_relative_target_gives_nothing():
    assert check_baseline(indicator("x", None, None, targets=(target(">=", "5"),)), "x") is None
    yoy = indicator(
        "x",
        None,
        None,
        targets=(target(">=", "5", "%", relative="yoy"),),
        history={"2020": D(10), "2021": D(12)},
    )
    assert check_baseline(yoy, "x") is None


def test_a_basis_that_only_cites_documents_is_no_reason():
    assert (
        stated_reason(indicator("x", None, None, basis="根据《方案》（闽市监〔2022〕1号）制定。"))
        is None
    )
    assert stated_reason(indicator("x", None, None, basis="目标不低于上年。")) is None


def test_check_history_runs_over_every_indicator_with_history():
    doc = document(
        kind="indicator_system", indicators=[_recall(""), indicator("无历史", None, None)]
    )
    assert [f.rule for f in check_history(doc)] == ["baseline.below_average"]


def test_a_history_of_another_scale_is_not_compared():
    ind = indicator(
        "追溯数据",
        None,
        None,
        targets=(target(">=", "840", "万条"),),
        history={"2019": D(45175000), "2020": D(121837000), "2021": D(156870000)},
    )
    assert check_baseline(ind, "x") is None


def test_history_that_merely_fell_is_no_reason():
    assert (
        stated_reason(indicator("x", None, None, basis="2020年下降10%，2021年减少5家。")) is None
    )
