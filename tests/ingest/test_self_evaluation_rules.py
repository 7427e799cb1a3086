"""What a 自评表 prints about its own rules: block labels with points, the 原因 cell's note."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from jixiao.core.checks import run_checks
from jixiao.ingest import extract_file
from tests.ingest.tables import LEFT, write_docx

NOTE = "1.预算执行率=预算执行数/调整后预算数;2.年中发生预算调整的(追加或调减),应单独说明理由"


def _form(
    tmp_path: Path, reason: str, initial: str = "200", label: str = "绩效指标(90分)"
) -> Path:
    budget = [
        ["预算执行情况(10分)", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        [
            "年度预算数(万元)",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            "原因",
        ],
        ["总额", initial, "250", "250", "100.00%", "10", "10", reason],
        ["其中:财政资金", initial, "250", "250", "100.00%", "/", "/", ""],
    ]
    indicators = [
        [label, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ],
        ["产出指标", "数量指标", "发放覆盖率", "100", "%", "100", "60", "60", ""],
        ["效益指标", "社会效益指标", "足额保障率", "100", "%", "100", "30", "30", ""],
    ]
    return write_docx(
        tmp_path / "form.docx", ["部门预算项目支出绩效自评表(2023年度)", budget, indicators]
    )


def _rules(path: Path) -> set[str]:
    return {f.rule for f in run_checks(extract_file(path)) if f.severity != "note"}


def test_a_consistent_form_with_its_printed_rules_gives_no_finding(tmp_path):
    doc = extract_file(_form(tmp_path, NOTE, initial="250"))
    figures = {f.name: f.value for f in doc.figures}
    assert figures["标题分值:绩效指标"] == D(90) and figures["标题分值:预算执行"] == D(10)
    assert "表注:预算调整须说明理由" in figures
    assert not any(name.startswith("项目资金:原因/") for name in figures)  # the note is no reason
    assert _rules(_form(tmp_path, NOTE, initial="250")) == set()


def test_an_adjustment_the_note_asks_to_explain_and_the_cell_leaves_unexplained(tmp_path):
    assert _rules(_form(tmp_path, NOTE)) == {"budget.adjustment_reason"}
    doc = extract_file(_form(tmp_path, "年中追加人员经费50万元"))
    assert "项目资金:原因/总额" in {f.name for f in doc.figures}
    assert _rules(_form(tmp_path, "年中追加人员经费50万元")) == set()


def test_a_block_label_with_more_points_than_its_indicators(tmp_path):
    assert _rules(_form(tmp_path, NOTE, initial="250", label="绩效指标(80分)")) == {
        "weights.level_sum"
    }
