"""Every .xlsx export printed through LibreOffice (standing in for WPS): pages, sizes, no cut label.

Each seed's export and the province workbook are converted with ``soffice --headless
--convert-to pdf``. On the PDF: every page is A4, a sheet too wide for portrait prints
landscape, the text is not shrunk below a readable size, the page count is that of the
content (not one shrunken page), and no character sits across a cell border — a label cut by
a too-narrow column or a too-low row is drawn across the border below it (#18: "1.属于国家秘密"
in table 三). The only text allowed to overflow is a cell longer than Excel's tallest row can
show (409 pt); it must then be one of those cells' text. Skipped, saying why, without soffice
(scripts/test.sh installs it).
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from jixiao.ingest import extract_file
from jixiao.reports import export_document
from jixiao.reports.province import province_workbook
from jixiao.reports.sheet_sizes import LINE, MAX_HEIGHT, lines_in
from tests.support import SEEDS, seed

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; scripts/test.sh installs it"
)
A4 = {(595, 842), (842, 595)}
SMALLEST_FONT = 4.5  # points: fit-to-width stops shrinking at half size (sheet_sizes)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Printed]]:
    """Each export's .xlsx and the PDF LibreOffice prints from it, converted in one run."""
    folder = tmp_path_factory.mktemp("print")
    books = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = extract_file(path)
        books[doc.kind] = folder / f"{doc.kind}.xlsx"
        export_document(doc, "xlsx", books[doc.kind])
    books["province"] = folder / "province.xlsx"
    books["province"].write_bytes(province_workbook([extract_file(seed("002"))], "汇总"))
    profile = folder / "profile"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, books.values()),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {name: (book, read_pdf(book.with_suffix(".pdf"))) for name, book in books.items()}


@dataclass
class Printed:
    """What the test reads from a printed PDF, in one pass over its pages."""

    sizes: list[tuple[int, int]]
    fonts: list[float]
    text: str
    cut: list[str]


def read_pdf(pdf: Path) -> Printed:
    """Page sizes, font sizes, the text and the cut characters of ``pdf``."""
    with pdfplumber.open(pdf) as document:
        pages = document.pages
        return Printed(
            [(round(p.width), round(p.height)) for p in pages],
            [c["size"] for p in pages for c in p.chars if c["text"].strip()],
            "".join(c["text"] for p in pages for c in p.chars),
            list(cut_characters(pages)),
        )


def cut_characters(pages: list) -> Iterator[str]:
    """The characters drawn across a table border: text that did not fit its cell."""
    for page in pages:
        across = Edges([e for e in page.edges if e["orientation"] == "h"], "top", "x0", "x1")
        down = Edges([e for e in page.edges if e["orientation"] == "v"], "x0", "top", "bottom")
        for ch in page.chars:
            if not ch["text"].strip():
                continue
            dy, dx = (ch["bottom"] - ch["top"]) / 4, (ch["x1"] - ch["x0"]) / 4
            box = (ch["top"] + dy, ch["bottom"] - dy, ch["x0"] + dx, ch["x1"] - dx)
            if across.cross(*box) or down.cross(box[2], box[3], box[0], box[1]):
                yield ch["text"]


class Edges:
    """A page's borders of one direction, sorted by position for a quick crossing test."""

    def __init__(self, edges: list[dict], at: str, start: str, end: str) -> None:
        self.edges = sorted((e[at], e[start], e[end]) for e in edges)
        self.keys = [e[0] for e in self.edges]

    def cross(self, low: float, high: float, start: float, end: float) -> bool:
        """True when a border lies strictly between ``low`` and ``high`` over start–end."""
        first = bisect.bisect_right(self.keys, low)
        last = bisect.bisect_left(self.keys, high)
        return any(s < end and e > start for _, s, e in self.edges[first:last])


def oversize_text(book: Path) -> str:
    """The cells no row can show whole (taller than 409 pt at their column width), joined."""
    found = []
    for sheet in load_workbook(book).worksheets:
        widths = {k: v.width or 8.43 for k, v in sheet.column_dimensions.items()}
        spans = {r.start_cell.coordinate: r for r in sheet.merged_cells.ranges}
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                merged = spans.get(cell.coordinate)
                columns = range(merged.min_col, merged.max_col + 1) if merged else [cell.column]
                width = sum(widths.get(get_column_letter(c), 8.43) for c in columns)
                if LINE * lines_in(cell.value, width) > MAX_HEIGHT:
                    found.append(cell.value)
    return "".join(found)


@pytest.mark.parametrize(
    "name",
    [
        "indicator_system",
        "disclosure_report",
        "self_evaluation",
        "evaluation_report",
        "work_goals",
        "province",
    ],
)
def test_an_export_prints_on_a4_readably_with_no_label_cut(
    printed: dict[str, tuple[Path, Printed]], name: str
) -> None:
    book, pdf = printed[name]
    sheets = load_workbook(book).worksheets
    assert set(pdf.sizes) <= A4
    rows = sum(s.max_row for s in sheets)
    assert len(sheets) <= len(pdf.sizes) <= rows, (len(pdf.sizes), rows)
    assert min(pdf.fonts) >= SMALLEST_FONT, min(pdf.fonts)
    orientations = {s.page_setup.orientation == "landscape" for s in sheets}
    assert {width > height for width, height in pdf.sizes} == orientations
    cut = iter(oversize_text(book))
    assert all(ch in cut for ch in pdf.cut), f"{name}: a label is cut"


def test_the_wide_disclosure_tables_print_landscape_over_more_than_one_page(
    printed: dict[str, tuple[Path, Printed]],
) -> None:
    book, pdf = printed["disclosure_report"]
    sheet = load_workbook(book).worksheets[0]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["J"].width
    assert len(pdf.sizes) >= 2
    assert "1.属于国家秘密" in pdf.text and "5.要求行政机关确认或重新出具已获取信息" in pdf.text
