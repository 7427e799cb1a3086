"""The province-wide workbook: a summary sheet, then every unit's self-evaluation table."""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.core.checks import run_checks
from jixiao.core.documents import Document
from jixiao.core.scoring import score_document
from jixiao.ingest import extract_file
from jixiao.reports import ExportError, export_document
from jixiao.reports.province import budget_total, province_workbook
from tests.support import seed


@pytest.fixture(scope="module")
def unit() -> Document:
    return extract_file(seed("002"))


def units(base: Document, count: int) -> list[Document]:
    docs = []
    for n in range(count):
        doc = copy.deepcopy(base)
        doc.organization.name = f"第{n + 1}县市场监督管理局"
        docs.append(doc)
    return docs


def test_workbook_has_the_summary_first_then_one_sheet_per_unit(unit: Document) -> None:
    book = load_workbook(io.BytesIO(province_workbook(units(unit, 3), "全省汇总")))
    assert book.sheetnames == ["汇总", *(f"第{n}县市场监督管理局" for n in (1, 2, 3))]
    assert book["汇总"]["A1"].value == "全省汇总"


def test_each_unit_sheet_is_the_single_export_cell_for_cell(
    unit: Document, tmp_path: Path
) -> None:
    export_document(unit, "xlsx", tmp_path / "one.xlsx")
    single = load_workbook(tmp_path / "one.xlsx").worksheets[0]
    sheet = load_workbook(io.BytesIO(province_workbook([unit]))).worksheets[1]
    cells = [[(c.value, c.number_format, c.style) for c in row] for row in single.iter_rows()]
    streamed = [[(c.value, c.number_format, c.style) for c in row] for row in sheet.iter_rows()]
    assert streamed[: len(cells)] == cells
    assert sorted(map(str, sheet.merged_cells.ranges)) == sorted(
        map(str, single.merged_cells.ranges)
    )
    assert (sheet.freeze_panes, sheet.print_title_rows) == (
        single.freeze_panes,
        single.print_title_rows,
    )
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4


def test_summary_line_holds_the_cores_score_money_and_errors(unit: Document) -> None:
    summary = load_workbook(io.BytesIO(province_workbook([unit]))).worksheets[0]
    header = [c.value for c in summary[2]]
    line = dict(zip(header, (c.value for c in summary[3]), strict=True))
    sheet = score_document(unit)
    total = budget_total(unit.budget)
    assert total is not None
    assert line["单位"] == unit.organization.name
    assert line["复核得分"] == pytest.approx(float(sheet.recomputed_total))
    assert line["自评得分"] == pytest.approx(float(sheet.reported_total))
    assert line["等级"] == sheet.grade
    assert line["全年预算（万元）"] == pytest.approx(float(total.adjusted))
    assert line["校验错误"] == sum(1 for f in run_checks(unit) if f.severity == "error")


def test_summary_totals_add_up_every_unit(unit: Document) -> None:
    summary = load_workbook(io.BytesIO(province_workbook(units(unit, 4)))).worksheets[0]
    rows = list(summary.iter_rows(values_only=True))
    totals = next(r for r in rows if r[0] == "合计")
    lines = [r for r in rows[2:] if isinstance(r[0], int)]
    assert len(lines) == 4
    assert totals[8] == pytest.approx(sum(r[8] for r in lines))
    assert totals[12] == sum(r[12] for r in lines)


def test_documents_may_come_from_a_generator(unit: Document) -> None:
    def lazily() -> Iterator[Document]:
        yield from units(unit, 2)

    assert len(load_workbook(io.BytesIO(province_workbook(lazily()))).sheetnames) == 3


def test_units_with_the_same_name_get_distinct_sheets(unit: Document) -> None:
    book = load_workbook(io.BytesIO(province_workbook([unit, copy.deepcopy(unit)])))
    assert len(set(book.sheetnames)) == 3


def test_no_document_is_refused_with_a_chinese_message() -> None:
    with pytest.raises(ExportError, match="没有可导出的自评表"):
        province_workbook([])


def test_streamed_text_keeps_spaces_and_drops_control_characters() -> None:
    from jixiao.reports.blocks import Report, Table
    from jixiao.reports.xlsx_stream import StyleCache, new_workbook, plan_sheet, write_plan

    book = new_workbook()
    table = Table([["名称", "数值"], ["  前后有空格\x01 ", "12.50"]])
    write_plan(book, "表", plan_sheet(Report("表", [table])), StyleCache())
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(out).worksheets[0]
    assert sheet["A2"].value == "  前后有空格 "
    assert (sheet["B2"].value, sheet["B2"].number_format) == (12.5, "0.00")


def test_a_unit_name_with_control_characters_still_makes_a_workbook(unit: Document) -> None:
    odd = copy.deepcopy(unit)
    odd.organization.name = "甲县\x01市场监督管理局"
    assert (
        load_workbook(io.BytesIO(province_workbook([odd]))).sheetnames[1] == "甲县市场监督管理局"
    )
