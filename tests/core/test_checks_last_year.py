"""A target below the figure the same document reports for the year before (work goals)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from jixiao.core.checks import run_checks
from jixiao.core.checks.history import check_history
from jixiao.ingest import extract_file

from .builders import document, indicator, target


def _goal(op: str, value: str, last: str, basis: str = "") -> object:
    ind = indicator("新增市场主体", None, None, targets=(target(op, value, "户"),), basis=basis)
    ind.history = {"2023": D(last)}
    return document(kind="work_goals", indicators=[ind])


def test_a_target_below_last_year_without_a_reason_is_a_warning_naming_both_figures():
    (finding,) = check_history(_goal(">=", "100000", "125000"))
    assert (finding.rule, finding.severity, finding.expected, finding.found) == (
        "baseline.below_last_year",
        "warning",
        D(125000),
        D(100000),
    )
    assert "目标值100000户低于本文件所报2023年的125000户" in finding.message


def test_with_a_stated_reason_it_is_a_note_and_at_or_above_last_year_nothing():
    reason = "说明：受经济下行影响，因此目标定为10万户。"
    (note,) = check_history(_goal(">=", "100000", "125000", basis=reason))
    assert note.severity == "note"
    assert check_history(_goal(">=", "130000", "125000")) == []
    assert check_history(_goal("<=", "100", "125")) == []  # a ceiling below last year is strict


def test_a_plan_reviewing_last_year_then_committing_lower(tmp_path: Path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "某某市市场监督管理局2024年工作要点\n一、2023年工作回顾\n"
        "2023年，全市新增市场主体12.5万户，抽检食品1.2万批次。\n二、2024年工作目标\n"
        "（一）优化营商环境。全年新增市场主体10万户以上。\n（二）守牢安全底线。抽检食品1.5万批次以上。\n",
        encoding="utf-8",
    )
    doc = extract_file(path)
    histories = [ind.history for ind in doc.indicators]
    assert histories == [{"2023": D(125000)}, {"2023": D(12000)}]
    (finding,) = [f for f in run_checks(doc) if f.rule == "baseline.below_last_year"]
    assert "新增市场主体" in finding.where and finding.severity == "warning"
    # said in the figures the plan prints (万户), not in base units
    assert "目标值10万户低于本文件所报2023年的12.5万户" in finding.message
    assert (finding.expected, finding.found) == (D("12.5"), D(10))


def test_the_same_rule_in_an_indicator_system_that_cites_only_last_year():
    ind = indicator("抽检批次", "5", None, targets=(target(">=", "2000", "批次"),))
    ind.history = {"2022": D(2400)}
    (finding,) = check_history(document(kind="indicator_system", indicators=[ind]))
    assert (finding.rule, finding.expected, finding.found) == (
        "baseline.below_last_year",
        D(2400),
        D(2000),
    )
