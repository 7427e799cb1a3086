"""Layouts the third held-out batch showed (#14), each on a built table: Markdown rows without
their outer bars, a block label printed in a merged first column that the body rows leave
out, and a row cut after its target's sign (an excerpt that ends mid-row)."""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest import extract_file
from jixiao.ingest.readers.pipes import is_markdown_row, row_cells

SICHUAN = [
    "部门预算项目支出绩效自评表(2023年度) | ||||||||",
    "项目名称 | 某某补助资金项目 | ||||||||",
    "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | "
    "预算执行率 | 权重 | 得分 | 原因 | ||",
    "总额 | 2.00 | 5.00 | 4.00 | 80.00% | 10 | 8 | 1.预算执行率=预算执行数/调整后预算数 | |||",
    "其中:财政资金 | 2.00 | 5.00 | 4.00 | 80.00% | / | / | ||||",
    "其他资金 | / | / | ||||||||",
    "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | "
    "权重 | 得分 | 未完成原因分析 |",
    "产出指标 | 数量指标 | 购置设备数 | ≥ | 13 | 台 | 13 | 50 | 50 | ||",
    "效益指标 | 社会效益指标 | 群众满意度 | ≥ | 90 | % | 95 | 40 | 40 | ||",
    "合计 | 100 | |||||||||",
]


def test_a_row_without_its_outer_bars_is_a_row_when_three_cells_are_filled():
    assert is_markdown_row("总额 | 0.00 | 3.36 | 3.36 | 100.00% ||")
    assert row_cells("总额 | 0.00 | 3.36 ||") == ["总额", "0.00", "3.36"]
    assert row_cells("| 规章 | 0 | 0 |") == ["规章", "0", "0"]
    assert not is_markdown_row("索引号: | 发文编号: | ||")  # two labels: a metadata line
    assert not is_markdown_row("首页 > 政务公开")


def _sichuan(tmp_path: Path, lines: list[str]):
    path = tmp_path / "form.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return extract_file(path)


def test_rows_that_leave_out_the_merged_block_label_are_read_by_their_own_cells(tmp_path: Path):
    doc = _sichuan(tmp_path, SICHUAN)
    total = doc.budget.rows[0]
    assert (total.source, total.initial, total.adjusted, total.spent) == ("总额", 2, 5, 4)
    assert (total.rate, total.weight, total.score) == (80, 10, 8)
    assert [(i.path, i.name, i.weight, i.score) for i in doc.indicators] == [
        (["产出指标", "数量指标"], "购置设备数", 50, 50),
        (["效益指标", "社会效益指标"], "群众满意度", 40, 40),
    ]
    assert [(t.op, t.value) for t in doc.indicators[1].targets] == [(">=", 90)]


def test_a_row_cut_after_its_sign_keeps_the_number_as_its_target(tmp_path: Path):
    cut = [*SICHUAN[:7], "产出指标 | 质量指标 | 完成设备购买 | = | 100 | "]
    doc = _sichuan(tmp_path, cut)
    (indicator,) = doc.indicators
    assert [(t.op, t.value) for t in indicator.targets] == [("=", 100)]
    assert indicator.weight is None  # the copy ends before 权重: nothing is read into it


def test_a_cell_a_line_row_cut_after_its_sign_keeps_the_number_as_its_target():
    from jixiao.core.documents import Source
    from jixiao.ingest.lines import Line, Lines
    from jixiao.ingest.tables import rebuild

    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值"]
    header += ["权重", "得分", "未完成原因分析"]
    texts = [*header, "产出指标", "数量指标", "购置设备数", "≥", "13", "台", "13", "50", "50"]
    texts += ["产出指标", "质量指标", "完成设备购买", "=", "100"]
    lines = Lines(
        name="t.txt",
        lines=[Line([t], Source(file="t.txt", line=n)) for n, t in enumerate(texts, start=1)],
    )
    rows = [line.cells for line in rebuild(lines, "self_evaluation").lines if line.table]
    head = rows[0]
    last = dict(zip(head, rows[-1], strict=True))
    assert (last["三级指标"], last["指标性质"], last["目标值"]) == ("完成设备购买", "=", "100")
    assert last["分值"] == "" and last["实际完成值"] == ""


def test_a_one_line_form_with_a_third_level_header_is_read_by_its_rows(tmp_path: Path):
    # a .doc's text layer: one line, no level column, a name wrapped with a space, a number
    # after the name's words that is the next cell, an indicator named like a block label
    line = (
        "项目自评表 三级指标 年初目标值 (A) 实际完成值 (B) 得分 "
        "服务外包在岸(万美元) 20000 23333.56 10 支持服务贸易、服务外 包企业数量 3 3 10 "
        "预算资金执行率 90% 100% 10 资金拨付及时性 98%以上 100% 10"
    )
    path = tmp_path / "form.txt"
    path.write_text(line + "\n", encoding="utf-8")
    doc = extract_file(path, kind="self_evaluation")
    assert [(i.name, str(i.targets[0].value), i.score) for i in doc.indicators] == [
        ("服务外包在岸(万美元)", "20000", 10),
        ("支持服务贸易、服务外包企业数量", "3", 10),
        ("预算资金执行率", "90", 10),
        ("资金拨付及时性", "98", 10),
    ]
    assert doc.indicators[3].targets[0].op == ">="
    assert doc.budget is None  # 预算资金执行率 is a row of the table, not the fund block


def test_level_labels_printed_after_the_rows_are_no_rows(tmp_path: Path):
    line = (
        "三级指标 年初目标值 实际完成值 得分 服务外包在岸(万美元) 20000 23333.56 10 "
        "资金拨付及时性 98%以上 100% 10 二级指标 数量指标 年度 绩效 目标 (80 分) 产出指标 (60 分)"
    )
    path = tmp_path / "form.txt"
    path.write_text(line + "\n", encoding="utf-8")
    doc = extract_file(path, kind="self_evaluation")
    assert [i.name for i in doc.indicators] == ["服务外包在岸(万美元)", "资金拨付及时性"]


def test_a_fund_block_printed_as_a_label_run_then_its_values_is_read(tmp_path: Path):
    line = (
        "项目自评表 预算执行 情况(万元) (20 分) 年度财政 资金总额 预算数 (A) 执行数(B) "
        "执行率(B/A) 得分 (20 分*执行率) 285.84 280.00 98% 19.6 三级指标 年初目标值 实际完成值 "
        "得分 服务外包在岸(万美元) 20000 23333.56 10 资金拨付及时性 98%以上 100% 10"
    )
    path = tmp_path / "form.txt"
    path.write_text(line + "\n", encoding="utf-8")
    doc = extract_file(path, kind="self_evaluation")
    (row,) = doc.budget.rows
    money = (row.adjusted, row.spent, row.rate, doc.budget.weight, doc.budget.score)
    assert row.source == "资金总额"
    assert [str(v) for v in money] == ["285.84", "280.00", "98", "20", "19.6"]


def test_level_labels_inside_rows_of_a_header_without_level_columns_are_levels(tmp_path: Path):
    """The header names no 二级指标 column, yet a wrapped level label stays in the rows."""
    line = (
        "三级指标 年初目标值 实际完成值 得分 服务外包在岸(万美元) 20000 23333.56 10 "
        "社会效益 指标 企业满意度 90%以上 95% 20 可持续影 响指标 推动企业走出去方面发挥的作用 "
        "有利于 有利于推动 20 二级指标 数量指标 年度 绩效 目标 (80 分) 产出指标 (60 分) 时效指标"
    )
    path = tmp_path / "form.txt"
    path.write_text(line + "\n", encoding="utf-8")
    doc = extract_file(path, kind="self_evaluation")
    rows = [(i.path[-1] if i.path else None, i.name, i.score) for i in doc.indicators]
    assert rows == [
        (None, "服务外包在岸(万美元)", 10),
        ("社会效益指标", "企业满意度", 20),
        ("可持续影响指标", "推动企业走出去方面发挥的作用", 20),
    ]
