"""Word tables written as XML directly: merged cells, header rows and odd text as Word sees them."""

from __future__ import annotations

import io

from docx import Document

from jixiao.reports.blocks import Merge, Report, Table
from jixiao.reports.docx import write_docx


def written(table: Table) -> object:
    out = io.BytesIO()
    write_docx(Report("附件", [table]), out)
    (grid,) = Document(io.BytesIO(out.getvalue())).tables
    return grid


def test_merged_ranges_are_one_cell_across_and_down_and_headers_repeat() -> None:
    rows = [
        ["项目", "指标", "", "分值"],
        ["项目", "一级", "二级", "分值"],
        ["抽检项目", "产出", "数量", "5"],
        ["", "效益", "社会", "5"],
    ]
    merges = [Merge(0, 0, 1, 0), Merge(0, 1, 0, 2), Merge(0, 3, 1, 3), Merge(2, 0, 3, 0)]
    grid = written(Table(rows, header_rows=2, merges=merges))
    assert grid.cell(0, 1)._tc is grid.cell(0, 2)._tc  # 指标 across two columns
    assert grid.cell(2, 0)._tc is grid.cell(3, 0)._tc  # 抽检项目 down two rows
    assert grid.cell(3, 0).text == "抽检项目" and grid.cell(1, 3)._tc is grid.cell(0, 3)._tc
    assert [grid.cell(2, c).text for c in range(1, 4)] == ["产出", "数量", "5"]
    headers = [tr for tr in grid._tbl.tr_lst if tr.trPr is not None]
    assert len(headers) == 2  # both header rows repeat on every page


def test_lines_become_paragraphs_and_unprintable_characters_are_dropped() -> None:
    grid = written(Table([["标题"], ["第一行\n第二行 <&> \x07"]], header_rows=1))
    cell = grid.cell(1, 0)
    assert [p.text for p in cell.paragraphs] == ["第一行", "第二行 <&> "]
