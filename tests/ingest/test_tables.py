"""The table stage's alignment: cells fitted to typed columns, whatever the row breaks."""

from __future__ import annotations

import time

from jixiao.core.documents import Source
from jixiao.ingest.lines import Line, Lines
from jixiao.ingest.tables import SELF_EVALUATION_INDICATORS, align, rebuild

COLUMNS = {c.name: c for c in SELF_EVALUATION_INDICATORS.columns}
HEADER = ("一级指标", "二级指标", "三级指标", "目标值", "计量单位", "分值", "得分")


def _columns(*names: str):
    return tuple(COLUMNS[n] for n in names)


def test_merged_labels_printed_once_and_dropped_empty_cells_do_not_shift_columns():
    cells = [
        *("产出指标", "数量指标", "抽检批次", "≥4500批次", "批次", "10", "10"),
        *("抽检合格率", "≥97%", "%", "10", "9"),  # 一级, 二级 merged: left out
        *("效益指标", "社会效益指标", "群众满意度", "≥90%", "10", "8"),  # 计量单位 empty, dropped
    ]
    rows = align(cells, _columns(*HEADER), "三级指标")
    assert [(r.get("二级指标"), r["三级指标"], r.get("计量单位"), r["分值"]) for r in rows] == [
        ("数量指标", "抽检批次", "批次", "10"),
        (None, "抽检合格率", "%", "10"),
        ("社会效益指标", "群众满意度", None, "10"),
    ]
    assert [r["得分"] for r in rows] == ["10", "9", "8"]


def test_a_name_split_at_its_spaces_is_joined_back():
    cells = ["产出指标", "数量指标", "食品安全", "监督抽检", "≥4500批次", "批次", "10", "10"]
    (row,) = align(cells, _columns(*HEADER), "三级指标")
    assert row["三级指标"] == "食品安全监督抽检"
    assert row["目标值"] == "≥4500批次"


def test_whole_cells_are_never_joined():
    cells = ["产出指标", "数量指标", "食品安全", "监督抽检", "≥4500批次", "批次", "10", "10"]
    rows = align(cells, _columns(*HEADER), "三级指标", whole=[True] * len(cells))
    assert all(r["三级指标"] != "食品安全监督抽检" for r in rows)


def _lines(texts: list[str]) -> Lines:
    return Lines(
        name="t.txt",
        lines=[Line([t], Source(file="t.txt", line=n)) for n, t in enumerate(texts, start=1)],
    )


def test_a_cell_a_line_becomes_grid_rows_under_the_columns_names_with_their_lines():
    cells = [*HEADER, "产出指标", "数量指标", "抽检批次", "≥4500批次", "批次", "10", "10"]
    out = rebuild(_lines(["某局绩效自评表", *cells, "填表人：张三"]), "self_evaluation")
    assert [line.cells for line in out.lines if line.table is not None] == [
        list(HEADER),
        ["产出指标", "数量指标", "抽检批次", "≥4500批次", "批次", "10", "10"],
    ]
    assert out.lines[2].source.line == 9  # the row's first cell
    assert out.lines[-1].cells == ["填表人：张三"]


def test_a_table_of_single_spaced_rows_is_left_to_the_layout():
    texts = ["一级指标 二级指标 三级指标 目标值 计量单位 分值 得分"]
    texts += ["产出指标 数量指标 抽检批次 ≥4500批次 批次 10 10"] * 3
    lines = _lines(texts)
    assert rebuild(lines, "self_evaluation") is lines


def test_the_alignment_grows_linearly():
    row = ["产出指标", "数量指标", "抽检批次", "≥4500批次", "批次", "10", "10"]
    started = time.process_time()
    rows = align(row * 2000, _columns(*HEADER), "三级指标")
    assert len(rows) == 2000
    assert time.process_time() - started < 20  # generous: 14,000 cells, a loaded machine


def test_a_table_past_the_cell_limit_is_rebuilt_in_part_and_says_so():
    from jixiao.ingest.tables import MAX_CELLS

    row = ["产出指标", "数量指标", "抽检批次", "≥4500批次", "批次", "10", "10"]
    rows = MAX_CELLS // len(row) + 10
    out = rebuild(_lines([*HEADER, *row * rows]), "self_evaluation")
    rebuilt = sum(1 for line in out.lines if line.table is not None) - 1
    assert (rebuilt - 1) * len(row) < MAX_CELLS <= rebuilt * len(row)  # the last row cut short
    first_text = len(HEADER) + MAX_CELLS + 1
    assert out.warnings == [
        f"t.txt: 表格超过 {MAX_CELLS} 个单元格，只按表格还原了前 {MAX_CELLS} 个，"
        f"第{first_text}行起按文字读取"
    ]
