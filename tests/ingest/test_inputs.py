"""The readers of saved web pages, .csv, .xls and old Word/WPS files, and scanned PDFs.

Every file here is real: written in code (tests/ingest/tables.py), converted by the real
LibreOffice where a binary format has no maintained writer, or committed (old_formats/). Each
new format must give the rows the .docx/.xlsx readers give for the same table, and the seeds'
tables in the new format must give the same document as the seeds' .txt.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.core.documents import Document
from jixiao.ingest import IngestError, extract_file, read_lines
from jixiao.ingest.layouts.self_evaluation import parse as parse_self_evaluation
from jixiao.ingest.readers.html import MAX_COLUMNS, build_grid
from jixiao.ingest.readers.txt import read_txt
from tests.ingest import test_disclosure_report as disclosure
from tests.ingest import test_indicator_system as indicator_system
from tests.ingest import test_self_evaluation_formats as self_evaluation
from tests.ingest import test_work_goals as work_goals
from tests.ingest.tables import (
    LEFT,
    convert_with_soffice,
    write_csv,
    write_docx,
    write_html,
    write_xlsx,
)
from tests.ingest.test_readers import BLOCKS, MERGED
from tests.support import seed

OLD = Path(__file__).parent / "old_formats"
needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice (soffice) is not installed; scripts/test.sh installs it",
)
MERGED_ROWS = [
    ["一级指标", "二级指标", "", "分值"],
    ["产出指标", "数量指标", "抽查批次", "20"],
    ["", "质量指标", "合格率", "10"],
]


def rows(lines):
    return [line.cells for line in lines.lines if line.table is not None]


def texts(lines):
    return [line.text for line in lines.lines if line.table is None]


@pytest.fixture(scope="module")
def seed000() -> Document:
    return extract_file(seed("000"))


@pytest.fixture(scope="module")
def seed001() -> Document:
    return extract_file(seed("001"))


@pytest.fixture(scope="module")
def seed002() -> Document:
    return parse_self_evaluation(read_txt(seed("002")))


@pytest.fixture(scope="module")
def seed004() -> Document:
    return extract_file(seed("004"))


# ------------------------------------------------------------------ saved web pages


def test_a_saved_page_gives_the_docx_rows_and_only_the_article_text(tmp_path: Path):
    lines = read_lines(write_html(tmp_path / "page.html", BLOCKS))
    assert rows(lines) == MERGED_ROWS
    # the title (printed above the article) and the note; no menu, breadcrumb, 发布时间,
    # 字号, share bar, 上一篇/下一篇, 打印本页 or footer
    assert texts(lines) == [BLOCKS[0], BLOCKS[2]]
    assert [line.source.cell for line in lines.lines if line.table] == ["T1R1", "T1R2", "T1R3"]


@pytest.mark.parametrize("charset", ["gb2312", "utf-8"])
def test_a_page_is_decoded_by_its_meta_charset(tmp_path: Path, charset: str):
    lines = read_lines(write_html(tmp_path / "page.htm", BLOCKS, charset=charset))
    assert texts(lines)[0] == BLOCKS[0]


def test_a_page_without_charset_or_with_a_wrong_one_is_still_decoded(tmp_path: Path):
    body = "<html><body><p>部门整体支出绩效自评报告</p></body></html>"
    bare = tmp_path / "bare.html"
    bare.write_bytes(body.encode("gb18030"))
    stale = tmp_path / "stale.html"  # saved again as UTF-8, the old meta kept
    stale.write_bytes(body.replace("<html>", '<html><meta charset="gb2312">').encode("utf-8"))
    assert texts(read_lines(bare)) == texts(read_lines(stale)) == ["部门整体支出绩效自评报告"]


def test_rowspan_and_colspan_are_bounded():
    # a rowspan of 10^9 reaches only to the last row; a colspan of 10^9 only to MAX_COLUMNS
    grid = build_grid([[(2, 10**9, "甲"), (1, 1, "乙")], [(1, 1, "丙")], [(1, 0, "丁")]])
    assert grid == [["甲", "", "乙"], ["", "", "丙"], ["", "", "丁"]]
    (wide,) = build_grid([[(MAX_COLUMNS, 1, "甲"), (5, 1, "乙")]])
    assert len(wide) == MAX_COLUMNS


def test_a_page_whose_table_would_be_huge_is_refused_quickly(tmp_path: Path):
    page = tmp_path / "huge.html"
    rows_html = "<tr><td>x</td></tr>" * 1001
    page.write_text(f'<table><tr><td colspan="999999999">a</td></tr>{rows_html}</table>')
    with pytest.raises(IngestError, match="单元格"):
        read_lines(page)


def test_layout_tables_are_the_page_and_a_table_in_a_cell_is_its_text(tmp_path: Path):
    page = tmp_path / "layout.html"
    page.write_text(
        "<html><body><table><tr><td>"
        "<p>2023年度绩效自评报告</p>"
        "<table border=1><tr><th>项目名称</th><th>资金明细（万元）</th><th>绩效目标</th></tr>"
        "<tr><td>食品安全抽检</td><td><table><tr><td>预算</td><td>10</td></tr>"
        "<tr><td>执行</td><td>9</td></tr></table></td><td>完成抽检5000批次</td></tr></table>"
        "</td></tr></table></body></html>",
        encoding="utf-8",
    )
    lines = read_lines(page)
    assert texts(lines) == ["2023年度绩效自评报告"]
    assert rows(lines) == [
        ["项目名称", "资金明细（万元）", "绩效目标"],
        ["食品安全抽检", "预算 10\n执行 9", "完成抽检5000批次"],
    ]


def test_a_page_nested_too_deep_to_read_whole_is_refused_not_cut(tmp_path: Path):
    page = tmp_path / "deep.html"
    page.write_text("<div>" * 5000 + "绩效目标" + "</div>" * 5000, encoding="utf-8")
    with pytest.raises(IngestError, match="嵌套过深"):
        read_lines(page)
    page.write_text("<div>" * 100 + "绩效目标" + "</div>" * 100, encoding="utf-8")
    assert read_lines(page).text == "绩效目标"


def test_a_page_without_content_markers_loses_its_chrome_by_tags_and_links(tmp_path: Path):
    page = tmp_path / "plain.html"
    links = "".join(f'<li><a href="/{n}">栏目{n}</a></li>' for n in range(8))
    page.write_text(
        f"<html><body><header><h1>某市人民政府</h1><nav><ul>{links}</ul></nav></header>"
        f"<div><ul>{links}</ul></div>"
        "<div><h2>某局2023年工作要点</h2><p>一、全年市场主体增长10%以上。</p>"
        '<p>上一篇：<a href="/x">关于印发某方案的通知</a></p></div>'
        "<footer>版权所有 某市人民政府</footer></body></html>",
        encoding="utf-8",
    )
    assert texts(read_lines(page)) == ["某局2023年工作要点", "一、全年市场主体增长10%以上。"]


def test_the_seed_indicator_table_as_a_web_page_gives_the_same_indicators(seed000, tmp_path):
    blocks = [seed000.title, indicator_system.table_rows(seed000)]
    doc = extract_file(write_html(tmp_path / "指标体系.html", blocks, charset="gb2312"))
    assert (doc.kind, doc.title, doc.year) == ("indicator_system", seed000.title, 2022)
    assert indicator_system.comparable(doc) == indicator_system.comparable(seed000)


def test_the_seed_self_evaluation_form_as_a_web_page_gives_the_same_document(seed002, tmp_path):
    blocks = [seed002.title, self_evaluation.form_table(seed002)]
    doc = extract_file(write_html(tmp_path / "自评表.html", blocks))
    assert doc.kind == "self_evaluation"
    assert self_evaluation.comparable(doc) == self_evaluation.comparable(seed002)


def test_the_seed_disclosure_tables_as_a_web_page_read_the_same(seed001, tmp_path):
    doc = extract_file(write_html(tmp_path / "年报.html", disclosure._blocks(seed001)))
    assert doc.kind == "disclosure_report"
    assert doc.disclosure.requests == seed001.disclosure.requests
    assert doc.disclosure.reviews == seed001.disclosure.reviews


def test_the_seed_work_goals_as_a_web_page_give_the_same_candidates(seed004, tmp_path):
    doc = extract_file(write_html(tmp_path / "要点.html", work_goals.paragraphs(seed("004"))))
    assert (doc.kind, doc.year, doc.organization.name) == (
        "work_goals",
        2021,
        "浙江省市场监督管理局",
    )
    assert work_goals.comparable(doc) == work_goals.comparable(seed004)


# ------------------------------------------------------------------ csv


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_gives_the_xlsx_rows_whatever_its_delimiter_and_encoding(
    tmp_path: Path, delimiter: str, encoding: str
):
    table = [[BLOCKS[0], LEFT, LEFT, LEFT], *MERGED]
    path = write_csv(tmp_path / "表.csv", table, delimiter=delimiter, encoding=encoding)
    lines = read_lines(path)
    xlsx = read_lines(write_xlsx(tmp_path / "表.xlsx", {"表": table}))
    assert texts(lines) == texts(xlsx) == [BLOCKS[0]]
    assert rows(lines) == rows(xlsx) == MERGED_ROWS


def test_csv_quoted_fields_keep_their_commas_and_line_breaks(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_text('指标,目标值,说明\n"满意度","≥90%","含, 逗号\n和换行"\n', encoding="utf-8")
    assert rows(read_lines(path)) == [
        ["指标", "目标值", "说明"],
        ["满意度", "≥90%", "含, 逗号\n和换行"],
    ]


def test_the_seed_indicator_table_as_csv_gives_the_same_indicators(seed000, tmp_path):
    table = [[seed000.title], *indicator_system.table_rows(seed000)]
    doc = extract_file(write_csv(tmp_path / "指标体系.csv", table, encoding="gb18030"))
    assert (doc.kind, doc.year) == ("indicator_system", 2022)
    assert indicator_system.comparable(doc) == indicator_system.comparable(seed000)


def test_the_seed_self_evaluation_form_as_csv_gives_the_same_document(seed002, tmp_path):
    table = [[seed002.title], *self_evaluation.form_table(seed002)]
    doc = extract_file(write_csv(tmp_path / "自评表.csv", table))
    assert self_evaluation.comparable(doc) == self_evaluation.comparable(seed002)


# ------------------------------------------------------------------ .xls


def test_a_real_xls_gives_the_xlsx_rows_merges_and_rendered_values():
    lines = read_lines(OLD / "merged.xls")
    assert texts(lines) == ["福建省市场监督管理局2022年度绩效自评表"]
    assert rows(lines) == [*MERGED_ROWS, ["12", "0.3", "95.54%", "2023-12-31"], ["合计", "30"]]
    assert [(line.source.sheet, line.source.cell) for line in lines.lines][-1] == ("附表", "A1")


def test_an_xls_that_is_really_a_web_page_or_an_xlsx_is_read_as_what_it_is(tmp_path: Path):
    page = write_html(tmp_path / "page.html", BLOCKS)
    exported = tmp_path / "导出.xls"
    exported.write_bytes(page.read_bytes())
    assert rows(read_lines(exported)) == MERGED_ROWS
    renamed = tmp_path / "另存.xls"
    renamed.write_bytes(write_xlsx(tmp_path / "a.xlsx", {"表": MERGED}).read_bytes())
    lines = read_lines(renamed)
    assert rows(lines) == MERGED_ROWS
    assert lines.lines[0].source.file == "另存.xls"


@needs_soffice
def test_the_seed_tables_as_xls_give_the_same_documents(seed000, seed002, tmp_path):
    indicators = [[seed000.title], *indicator_system.table_rows(seed000)]
    form = [[seed002.title], *self_evaluation.form_table(seed002)]
    paths = [
        write_xlsx(tmp_path / "指标体系.xlsx", {"Sheet1": indicators}),
        write_xlsx(tmp_path / "自评表.xlsx", {"自评表": form}),
    ]
    first, second = convert_with_soffice(paths, "xls", tmp_path)
    assert indicator_system.comparable(extract_file(first)) == indicator_system.comparable(seed000)
    doc = extract_file(second)
    assert self_evaluation.comparable(doc) == self_evaluation.comparable(seed002)


# ------------------------------------------------------------------ .doc .wps .et


@pytest.fixture(scope="module")
def old_files(tmp_path_factory, seed002) -> dict[str, Path]:
    """The seed form as .doc and .wps (Word 97 binary, as WPS writes .wps) and MERGED as .et."""
    folder = tmp_path_factory.mktemp("old")
    # Word always ends a document with a paragraph; python-docx leaves the table last, and
    # LibreOffice drops a table written that way, so the empty paragraph Word would write
    blocks = [seed002.title, self_evaluation.form_table(seed002), ""]
    form = write_docx(folder / "自评表.docx", blocks)
    merged = write_xlsx(folder / "表.xlsx", {"自评表": [[BLOCKS[0], LEFT, LEFT, LEFT], *MERGED]})
    (doc,) = convert_with_soffice([form], "doc", folder)
    (xls,) = convert_with_soffice([merged], "xls", folder)
    wps, et = folder / "自评表.wps", folder / "表.et"
    shutil.copyfile(doc, wps)
    shutil.copyfile(xls, et)
    return {".doc": doc, ".wps": wps, ".et": et}


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_and_wps_files_give_the_seed_form_s_document(old_files, seed002, suffix):
    doc = extract_file(old_files[suffix])
    assert doc.kind == "self_evaluation"
    assert doc.source.file == old_files[suffix].name
    assert self_evaluation.comparable(doc) == self_evaluation.comparable(seed002)


@needs_soffice
def test_a_wps_spreadsheet_gives_the_xlsx_rows(old_files):
    lines = read_lines(old_files[".et"])
    assert texts(lines) == [BLOCKS[0]]
    assert rows(lines) == MERGED_ROWS
    assert {line.source.file for line in lines.lines} == {"表.et"}


@pytest.mark.parametrize(
    ("suffix", "save_as"), [(".doc", ".docx"), (".wps", ".docx"), (".et", ".xlsx")]
)
def test_without_libreoffice_old_files_say_how_to_convert_them(
    tmp_path: Path, monkeypatch, suffix: str, save_as: str
):
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without LibreOffice
    path = tmp_path / f"自评报告{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(IngestError) as error:
        read_lines(path)
    message = str(error.value)
    assert path.name in message and f"另存为 {save_as}" in message and "LibreOffice" in message


def test_a_docx_saved_as_doc_is_read_without_libreoffice(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "报告.doc"
    path.write_bytes(write_docx(tmp_path / "a.docx", BLOCKS).read_bytes())
    lines = read_lines(path)
    assert rows(lines) == MERGED_ROWS
    assert texts(lines) == [BLOCKS[0], BLOCKS[2]]


@needs_soffice
def test_a_broken_old_file_is_a_clear_message(tmp_path: Path):
    path = tmp_path / "坏.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(IngestError, match=r"坏\.doc.*另存为 \.docx"):
        read_lines(path)


# ------------------------------------------------------------------ scanned PDFs


def _scanned_pdf(path: Path, pages: int, cover: str | None = None) -> Path:
    """A PDF of page images with printed page numbers, after an optional typed cover page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from tests.ingest.tables import _register_font

    font = _register_font()
    canvas = Canvas(str(path), pagesize=A4)
    if cover:
        canvas.setFont(font, 12)
        canvas.drawString(72, 760, cover)
        canvas.showPage()
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = ImageReader(Image.new("L", (120, 170), color=200))  # the scanned page
    for number in range(1, pages + 1):
        canvas.drawImage(image, 60, 80, 470, 680)
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 40, f"- {number} -")
        canvas.showPage()
    canvas.save()
    return path


def test_a_scan_with_page_numbers_and_a_typed_cover_is_named_a_scan(tmp_path: Path):
    path = _scanned_pdf(tmp_path / "scan.pdf", 4, cover="关于报送2023年度绩效自评报告的函")
    with pytest.raises(IngestError) as error:
        extract_file(path)
    message = str(error.value)
    assert "扫描件" in message and "5 页中 4 页是图片" in message
    assert "无法识别" not in message
