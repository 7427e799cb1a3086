"""Column widths from content, row heights from wrapped text, landscape when wide."""

from __future__ import annotations

from jixiao.reports.blocks import Merge, Table
from jixiao.reports.sheet_sizes import (
    BODY_CAP,
    LINE,
    PADDING,
    column_widths,
    is_wide,
    lines_in,
    pages_wide,
    table_heights,
    text_width,
)


def test_a_chinese_character_counts_double_and_long_text_wraps() -> None:
    assert text_width("1.属于国家秘密") == 2 + 2 * 6  # "1." and six characters
    assert lines_in("一二三四五", 2 * 5 + PADDING) == 1
    assert lines_in("一二三四五六", 2 * 5 + PADDING) == 2
    assert lines_in("甲\n乙", 20) == 2


def test_columns_fit_their_longest_label_and_headers_wrap() -> None:
    table = Table(
        [["信息内容", "本年新制作数量"], ["5.要求行政机关确认或重新出具已获取信息", "0"]],
        header_rows=1,
    )
    label, number = column_widths([table], 2)
    assert label == BODY_CAP + PADDING and number < label


def test_a_row_is_as_tall_as_its_most_wrapped_cell_and_a_merge_spreads_over_its_rows() -> None:
    table = Table([["甲" * 30, "1"], ["", "2"]], header_rows=0, merges=[Merge(0, 0, 1, 0)])
    heights = table_heights(table, [10 + PADDING, 8])
    assert heights[0] == heights[1] > LINE + 5


def test_a_wide_sheet_prints_landscape_and_a_very_wide_one_over_pages() -> None:
    assert not is_wide([40, 40]) and is_wide([60, 60])
    assert pages_wide([100]) == 1 and pages_wide([12] * 47) == 3
