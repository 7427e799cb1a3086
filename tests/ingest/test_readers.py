"""The file readers: .docx, .xlsx and .pdf written in code, read back into Lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jixiao.ingest import IngestError, read_lines
from tests.ingest.tables import (
    LEFT,
    PAGE_BREAK,
    UP,
    Formatted,
    write_blank_pdf,
    write_docx,
    write_pdf,
    write_xlsx,
)
from tests.support import seed

MERGED = [
    ["一级指标", "二级指标", LEFT, "分值"],
    ["产出指标", "数量指标", "抽查批次", "20"],
    [UP, "质量指标", "合格率", "10"],
]
BLOCKS = ["福建省市场监督管理局2022年度绩效自评表", MERGED, "填报说明：按实际填写。"]


def rows(lines):
    return [line.cells for line in lines.lines if line.table is not None]


def texts(lines):
    return [line.text for line in lines.lines if line.table is None]


def test_docx_reads_paragraphs_and_tables_in_document_order(tmp_path: Path):
    lines = read_lines(write_docx(tmp_path / "a.docx", BLOCKS))
    assert [line.table for line in lines.lines] == [None, 1, 1, 1, None]
    assert texts(lines) == [BLOCKS[0], BLOCKS[2]]


def test_docx_merged_cells_stand_once_in_their_top_left_grid_cell(tmp_path: Path):
    lines = read_lines(write_docx(tmp_path / "a.docx", BLOCKS))
    assert rows(lines) == [
        ["一级指标", "二级指标", "", "分值"],
        ["产出指标", "数量指标", "抽查批次", "20"],
        ["", "质量指标", "合格率", "10"],
    ]


def test_docx_rows_name_their_table_and_row(tmp_path: Path):
    lines = read_lines(write_docx(tmp_path / "a.docx", BLOCKS))
    assert [line.source.cell for line in lines.lines if line.table] == ["T1R1", "T1R2", "T1R3"]
    assert lines.lines[0].source.line == 1


def test_docx_cell_paragraphs_are_joined_with_newlines(tmp_path: Path):
    lines = read_lines(
        write_docx(tmp_path / "a.docx", [[["信用监督管理处\n质量发展处", "李朝阳"]]])
    )
    assert rows(lines) == [["信用监督管理处\n质量发展处", "李朝阳"]]


def test_xlsx_reads_every_sheet_with_merged_ranges(tmp_path: Path):
    path = write_xlsx(tmp_path / "a.xlsx", {"自评表": MERGED, "附表": [["合计", "30"]]})
    lines = read_lines(path)
    assert rows(lines) == [
        ["一级指标", "二级指标", "", "分值"],
        ["产出指标", "数量指标", "抽查批次", "20"],
        ["", "质量指标", "合格率", "10"],
        ["合计", "30"],
    ]
    assert (lines.lines[-1].source.sheet, lines.lines[-1].source.cell) == ("附表", "A1")


def test_xlsx_renders_numbers_percentages_and_dates_as_printed(tmp_path: Path):
    row = [12.0, 0.1 + 0.2, Formatted(0.9554, "0.00%"), Formatted(1, "0%"), dt.date(2023, 12, 31)]
    lines = read_lines(write_xlsx(tmp_path / "a.xlsx", {"表": [row, ["19.44万批次"]]}))
    assert rows(lines) == [
        ["12", "0.3", "95.54%", "100%", "2023-12-31"],
        ["19.44万批次", "", "", "", ""],
    ]


def test_xlsx_skips_empty_rows(tmp_path: Path):
    lines = read_lines(write_xlsx(tmp_path / "a.xlsx", {"表": [["a"], [], ["", ""], ["b"]]}))
    assert rows(lines) == [["a"], ["b"]]
    assert [line.source.cell for line in lines.lines] == ["A1", "A4"]


def test_xlsx_warns_about_formulas_that_were_never_calculated(tmp_path: Path):
    lines = read_lines(write_xlsx(tmp_path / "a.xlsx", {"表": [["10", "20", "=A1+B1"]]}))
    assert any("公式" in warning and "表!C1" in warning for warning in lines.warnings)


def test_pdf_reads_ruled_tables_as_rows_and_text_as_lines(tmp_path: Path):
    lines = read_lines(write_pdf(tmp_path / "a.pdf", BLOCKS))
    assert rows(lines) == [
        ["一级指标", "二级指标", "", "分值"],
        ["产出指标", "数量指标", "抽查批次", "20"],
        ["", "质量指标", "合格率", "10"],
    ]
    assert texts(lines) == [BLOCKS[0], BLOCKS[2]]
    assert {line.source.page for line in lines.lines} == {1}


def test_pdf_drops_running_headers_and_page_numbers(tmp_path: Path):
    blocks = ["第一页正文", PAGE_BREAK, "第二页正文", PAGE_BREAK, "第三页正文"]
    lines = read_lines(write_pdf(tmp_path / "a.pdf", blocks, header="福建省市场监督管理局文件"))
    assert texts(lines) == ["第一页正文", "第二页正文", "第三页正文"]
    assert [line.source.page for line in lines.lines] == [1, 2, 3]


def test_pdf_keeps_wrapped_cell_text_with_newlines(tmp_path: Path):
    long = "根据《2022年市场监管工作任务分工方案》制定。2019年召回21批次，2020年召回24批次。"
    lines = read_lines(write_pdf(tmp_path / "a.pdf", [[["4.2", long * 2]]]))
    (cells,) = rows(lines)
    assert "\n" in cells[1]
    assert cells[1].replace("\n", "") == long * 2


def test_pdf_without_any_text_is_refused_as_scanned(tmp_path: Path):
    with pytest.raises(IngestError, match="没有文字"):
        read_lines(write_blank_pdf(tmp_path / "scan.pdf", pages=2))


def test_pdf_page_without_text_is_a_warning(tmp_path: Path):
    path = tmp_path / "mixed.pdf"
    text = "根据预算绩效管理要求，我局对2023年度部门整体支出开展了绩效自评。" * 20
    write_pdf(path, [text, PAGE_BREAK, " "], page_numbers=False)  # a scan would have no text
    lines = read_lines(path)
    assert any("第2页" in warning for warning in lines.warnings)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
def test_a_text_file_renamed_to_a_binary_format_is_a_clear_ingest_error(
    tmp_path: Path, suffix: str
):
    path = tmp_path / f"fake{suffix}"
    path.write_text("这不是一个真正的文件", encoding="utf-8")
    with pytest.raises(IngestError) as error:
        read_lines(path)
    message = str(error.value)
    assert "\n" not in message
    assert path.name in message
    assert "不是有效的" in message


def test_a_truncated_docx_is_a_clear_ingest_error(tmp_path: Path):
    whole = write_docx(tmp_path / "whole.docx", BLOCKS).read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(IngestError, match=r"broken\.docx"):
        read_lines(broken)


def test_txt_seed_keeps_its_tabs_as_cells():
    lines = read_lines(seed("000"))
    assert any(
        line.cells[:2]
        == ["", "1.1 持续提升企业开办便利度，2022年全省通过全程智能化登记的个体工商户达120000户。"]
        for line in lines.lines
    )


def test_docx_text_inside_content_controls_is_read(tmp_path: Path):
    from docx import Document
    from docx.oxml import parse_xml

    path = write_docx(tmp_path / "a.docx", ["前言"])
    document = Document(str(path))
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    control = parse_xml(
        f"<w:sdt {namespace}><w:sdtContent><w:p><w:r><w:t>控件中的文字</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, control)
    document.save(str(path))
    assert texts(read_lines(path)) == ["前言", "控件中的文字"]


def test_txt_in_gb18030_with_page_breaks_is_read(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("第一页\f第二页\r\n\t1.1 目标".encode("gb18030"))
    lines = read_lines(path)
    assert [line.cells for line in lines.lines] == [["第一页"], ["第二页"], ["", "1.1 目标"]]


def test_xlsx_captions_above_a_table_and_wide_merged_rows_are_text(tmp_path: Path):
    """Caption rows (附件 2 / title / 单位：万元) read as paragraphs, as in the other formats."""
    sheet = [
        ["附件 2"],
        ["2023年度专项资金现场评价明细表"],
        ["单位", "合计", "法治建设"],
        ["047001", "3916.94", "89"],
        ["注：本表按实际填写。", LEFT, LEFT],
        ["小计", "", ""],
    ]
    lines = read_lines(write_xlsx(tmp_path / "a.xlsx", {"附件 2": sheet}))
    assert texts(lines) == ["附件 2", "2023年度专项资金现场评价明细表", "注：本表按实际填写。"]
    assert rows(lines) == [
        ["单位", "合计", "法治建设"],
        ["047001", "3916.94", "89"],
        ["小计", "", ""],
    ]


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_txt_markdown_rows_are_split_into_cells(tmp_path: Path):
    text = "二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 | 本年废止件数 |\n|---|---|---|\n| 规章 | 3 | 0 |\n说明\n"
    lines = read_lines(write_text(tmp_path / "a.txt", text))
    assert rows(lines) == [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "3", "0"]]
    assert [t for t in texts(lines) if t] == ["二、主动公开政府信息情况", "说明"]


def test_txt_one_cell_a_line_is_put_back_into_rows_by_its_header(tmp_path: Path):
    cells = [
        "绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标值", "权重", "得分",
        "产出指标", "数量指标", "抽查批次", "≥100", "20", "",
        "效益指标", "社会效益指标", "群众满意度", "≥90%", "10", "9",
        "合计", "30", "", "评价结论", "良好",
    ]  # fmt: skip
    text = "".join(f"{cell} |\n" if cell else "|\n" for cell in cells)
    lines = read_lines(write_text(tmp_path / "a.txt", text))
    assert rows(lines) == [
        ["一级指标", "二级指标", "三级指标", "指标值", "权重", "得分"],
        ["产出指标", "数量指标", "抽查批次", "≥100", "20", ""],
        ["效益指标", "社会效益指标", "群众满意度", "≥90%", "10", "9"],
    ]
    assert [line.cells for line in lines.lines if line.table is None] == [
        ["绩效指标(90分)"],
        ["合计", "30", ""],
        ["评价结论"],
        ["良好"],
    ]
    assert lines.lines[2].source.line == 8  # a row's place is the line of its first cell


def test_txt_rows_cut_short_by_a_merged_cell_start_at_the_next_label(tmp_path: Path):
    cells = [
        "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "执行率", "原因",
        "总额", "100", "120", "110", "91.67%", "说明略",
        "其中:财政资金", "100", "120", "110", "91.67%",
        "其他资金", "", "", "", "",
    ]  # fmt: skip
    text = "".join(f"{cell} |\n" if cell else "|\n" for cell in cells)
    lines = read_lines(write_text(tmp_path / "a.txt", text))
    assert [line.cells[0] for line in lines.lines] == [
        "年度预算数(万元)",
        "总额",
        "其中:财政资金",
        "其他资金",
    ]
    assert lines.lines[2].cells == ["其中:财政资金", "100", "120", "110", "91.67%", ""]
