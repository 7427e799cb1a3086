"""A 自评表 whose text was stored as one line (cells separated by spaces, empty cells dropped)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from jixiao.core.checks import run_checks
from jixiao.ingest import extract_file

FLAT = (
    "附件: 项目支出绩效自评表 (2022年度) 项目名称 检测业务项目 主管部门 101-某某镇人民政府 "
    "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: {total} 10 100% 10 其中:本年财政拨款 40 40 40 上年结转资金 其他资金 "
    "年度总体目标 预期目标 实际完成情况 完成检测。 "
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
    "产出指标(50分) 数量指标 检测批次 ≥20批次 25 30 30 质量指标 报告合规性 符合规定 达成预期指标 20 20 "
    "效益指标(40分) 社会效益指标 群众安全感 明显提升 达成预期指标 40 40"
)


def _read(tmp_path: Path, total: str) -> object:
    path = tmp_path / "flat.txt"
    path.write_text(FLAT.format(total=total), encoding="utf-8")
    return extract_file(path)


def test_the_flat_line_is_cut_into_its_blocks_and_rows(tmp_path):
    doc = _read(tmp_path, "40 40 40")
    rows = [
        (i.path, i.name, i.targets[0].raw, i.actual.raw, i.weight, i.score) for i in doc.indicators
    ]
    assert rows == [
        (["产出指标", "数量指标"], "检测批次", "≥20批次", "25", D(30), D(30)),
        (["产出指标", "质量指标"], "报告合规性", "符合规定", "达成预期指标", D(20), D(20)),
        (["效益指标", "社会效益指标"], "群众安全感", "明显提升", "达成预期指标", D(40), D(40)),
    ]
    total, grant = doc.budget.rows[:2]
    assert (total.source, total.adjusted, total.spent, total.weight) == (
        "年度资金总额",
        40,
        40,
        10,
    )
    assert (grant.source, grant.initial, grant.spent) == ("本年财政拨款", 40, 40)
    consistent = [f for f in run_checks(doc) if f.severity in ("error", "warning")]
    assert consistent == []


def test_a_total_printed_as_zero_over_money_is_reported_per_column(tmp_path):
    doc = _read(tmp_path, "0 0 0")
    sums = [f for f in run_checks(doc) if f.rule == "budget.column_sum"]
    assert [(f.where, f.expected, f.found) for f in sums] == [
        ("项目资金 · 年度资金总额 · 年初预算", D(40), D(0)),
        ("项目资金 · 年度资金总额 · 全年预算", D(40), D(0)),
        ("项目资金 · 年度资金总额 · 全年执行", D(40), D(0)),
    ]
