from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.documents import Actual, Indicator, Target
from jixiao.core.suggestions import check_entry, suggest_target, with_actual


def _ind(op=">=", actual="26", history=None):
    return Indicator(
        id="1",
        name="缺陷产品召回",
        targets=[Target(raw="", op=op, value=D(20), unit="批次")],
        actual=Actual(raw=actual, targets=[Target(raw=actual, op="=", value=D(actual))]),
        history=history if history is not None else {"2020": D(30), "2021": D(25)},
    )


def test_this_years_actual_joins_the_history():
    base = with_actual(_ind(), 2022)
    assert base.history == (("2020", D(30)), ("2021", D(25)), ("2022", D(26)))
    assert base.average == D(27)


def test_a_rising_indicator_is_suggested_the_higher_of_average_and_last_year():
    s = suggest_target(_ind(actual="35"), 2022)
    assert (s.value, s.op, s.unit) == (D(35), ">=", "批次")
    assert "建议取二者较高者35" in s.basis and "2022年35" in s.basis


def test_a_ceiling_indicator_is_suggested_the_lower():
    s = suggest_target(_ind(op="<=", actual="35"), 2022)
    assert s.value == D(30) and "较低者" in s.basis


def test_no_history_gives_no_suggestion():
    ind = Indicator(id="1", name="x")
    assert suggest_target(ind, 2022).value is None


def test_a_target_below_the_three_year_average_needs_a_reason():
    base = with_actual(_ind(), 2022)
    message = check_entry(D(22), ">=", base, "")
    assert message == "目标值22低于近三年平均值27，请填写理由后再保存。"
    assert check_entry(D(22), ">=", base, "受机构调整影响") is None
    assert check_entry(D(27), ">=", base, "") is None


def test_a_ceiling_above_the_average_needs_a_reason():
    base = with_actual(_ind(op="<="), 2022)
    assert "高于近三年平均值" in check_entry(D(28), "<=", base, "")
    assert check_entry(D(26), "<=", base, "") is None


def test_history_on_another_scale_gives_no_suggestion():
    ind = _ind(history={"2020": D(30000), "2021": D(25000)}, actual="26000")
    suggestion = suggest_target(ind, 2022)
    assert suggestion.value is None and "口径不一致" in suggestion.basis
