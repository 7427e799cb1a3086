"""What each format must look like to a bureau, checked on real exports of the seeds."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.documents import Document
from jixiao.ingest import extract_file
from jixiao.reports import ExportError, export_document, export_workbook
from tests.support import seed


@pytest.fixture(scope="module")
def self_evaluation() -> Document:
    return extract_file(seed("002"))


@pytest.fixture(scope="module")
def disclosure() -> Document:
    return extract_file(seed("001"))


def test_xlsx_has_merged_headers_frozen_panes_and_a4_landscape_print_setup(
    self_evaluation: Document, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "table.xlsx"
    export_document(self_evaluation, "xlsx", out)
    sheet = load_workbook(out).worksheets[0]
    assert sheet.merged_cells.ranges
    assert sheet.freeze_panes is not None
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.print_title_rows
    formats = {cell.number_format for row in sheet.iter_rows() for cell in row}
    assert "#,##0.00" in formats
    assert "0.00%" in formats


def test_docx_repeats_table_headers_and_names_east_asian_fonts(
    disclosure: Document, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    export_document(disclosure, "docx", out)
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert "<w:tblHeader" in body
    assert "w:gridSpan" in body
    assert 'w:eastAsia="仿宋"' in styles


def test_pdf_embeds_the_chinese_font_and_numbers_its_pages(
    self_evaluation: Document, tmp_path: Path
) -> None:
    import pdfplumber

    out = tmp_path / "table.pdf"
    export_document(self_evaluation, "pdf", out)
    assert b"FontFile2" in out.read_bytes()
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0].extract_text()
        last_page_text = pdf.pages[-1].extract_text()
        count = len(pdf.pages)
    assert "部门整体支出绩效自评表" in first
    assert "— 1 —" in first  # 公文 page numbers (GB/T 9704)
    assert f"— {count} —" in last_page_text


def test_disclosure_export_refuses_a_broken_consistency_rule_naming_the_cells(
    disclosure: Document, tmp_path: Path
) -> None:
    broken = copy.deepcopy(disclosure)
    assert broken.disclosure is not None
    broken.disclosure.requests["一、本年新收政府信息公开申请数量"]["自然人"] += Decimal(5)
    with pytest.raises(ExportError) as refused:
        export_document(broken, "pdf", tmp_path / "report.pdf")
    assert "自然人" in str(refused.value)
    assert "勾稽" in str(refused.value)
    assert not (tmp_path / "report.pdf").exists()


def test_province_workbook_has_one_sheet_per_unit(
    self_evaluation: Document, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    units = []
    for name in ("韶关市市场监督管理局", "韶关市市场监督管理局", "乳源县市场监督管理局"):
        unit = copy.deepcopy(self_evaluation)
        unit.organization.name = name
        units.append(unit)
    out = tmp_path / "province.xlsx"
    export_workbook(units, out)
    book = load_workbook(out)
    assert len(book.sheetnames) == 3
    assert len(set(book.sheetnames)) == 3
    assert book.worksheets[2]["C2"].value == "乳源县市场监督管理局"


def test_unknown_format_is_refused_in_chinese(self_evaluation: Document, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="不支持的导出格式"):
        export_document(self_evaluation, "odt", tmp_path / "x.odt")


def test_cli_export_writes_a_file_that_extract_reads(tmp_path: Path) -> None:
    out = tmp_path / "system.docx"
    jixiao = Path(sys.executable).with_name("jixiao")
    done = subprocess.run(
        [str(jixiao), "export", str(seed("000")), "--to", "docx", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(extract_file(out).indicators) == len(extract_file(seed("000")).indicators)


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm 未安装（apt-get install poppler-utils）"
)
def test_pdf_pages_render_to_png_for_review(self_evaluation: Document, tmp_path: Path) -> None:
    out = tmp_path / "table.pdf"
    export_document(self_evaluation, "pdf", out)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(out), str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 2
    assert all(page.stat().st_size > 5000 for page in pages)


def test_work_goal_commitments_table_lists_every_candidate_indicator(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from jixiao.reports import write_report
    from jixiao.reports.layouts.work_goals import build_commitments

    goals = extract_file(seed("004"))
    out = tmp_path / "commitments.xlsx"
    write_report(build_commitments(goals), "xlsx", out)
    sheet = load_workbook(out).worksheets[0]
    names = [row[2] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert names == [ind.name for ind in goals.indicators]


def test_word_reports_follow_the_issued_document_format(tmp_path: Path) -> None:
    """GB/T 9704: 小标宋 title, 三号仿宋 body on a 22-line grid, its margins, "— 1 —" numbers."""
    from docx import Document as WordDocument
    from docx.shared import Pt

    out = tmp_path / "report.docx"
    export_document(extract_file(seed("003")), "docx", out)
    word = WordDocument(str(out))
    section = word.sections[0]
    margins = [
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [round(m.cm, 1) for m in margins] == [3.7, 3.5, 2.8, 2.6]
    assert section.page_width < section.page_height  # the narrative is portrait
    normal, title = word.styles["Normal"], word.styles["Title"]
    assert (normal.font.name, normal.font.size) == ("仿宋", Pt(16))
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    assert (title.font.name, title.font.size) == ("方正小标宋简体", Pt(22))
    assert word.styles["Heading 1"].font.name == "黑体"
    assert word.styles["Heading 2"].font.name == "楷体"
    assert word.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "—  —"  # the PAGE field between the dashes
    assert (odd.alignment, even.alignment) == (2, 0)
    lines = [p.text for p in word.paragraphs if p.text.strip()][:3]
    name = "湖南省市场监督管理局"
    assert sum(line.count(name) for line in lines[:2]) == 1, lines
    assert word.sections[-1].page_width > word.sections[-1].page_height  # attachments landscape
