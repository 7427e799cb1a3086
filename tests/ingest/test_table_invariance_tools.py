"""Seed 002 as real tools give its text: pdftotext, LibreOffice, a browser's copy (issue 14).

The seed's fund block and indicator table are written as .pdf, .docx and a saved web page
(.html with rowspan/colspan and the page's chrome), then turned into text the way people
get text out of such files: ``pdftotext -layout`` (columns by offset, a long cell wrapped
over the lines above and below its row, offsets changing from page to page), LibreOffice's
"save as text" of the .docx, and Chromium's ``innerText`` of the page (a cell a paragraph,
the navigation and footer around the table). Each must give the seed's own 44 weighted
indicators, targets, scores and fund rows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.core.documents import Document
from jixiao.ingest import extract_file
from tests.ingest.renderings import browser_text, office_text, pdf_text, write_blocks
from tests.ingest.test_table_invariance import extraction
from tests.ingest.test_table_invariance_blocks import _seed_blocks, budget_of
from tests.support import seed

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def seed002() -> Document:
    return extract_file(seed("002"))


def _assert_reads_as_the_seed(folder: Path, text: str, expected: Document) -> None:
    path = folder / "copied.txt"
    path.write_text(text, encoding="utf-8")
    doc = extract_file(path)
    assert doc.kind == "self_evaluation"
    assert sum(i.weight is not None for i in doc.indicators) == 44
    assert extraction(doc) == extraction(expected)
    assert budget_of(doc) == budget_of(expected)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is absent")
def test_pdftotext_layout_of_the_seed_pdf_reads_as_the_seed(tmp_path, seed002):
    pdf = write_blocks(tmp_path, ".pdf", _seed_blocks(seed002, ".pdf"))
    text = pdf_text(pdf, layout=True)
    assert "\n                      业受惠企业数量\n" in text  # a name wrapped under its row
    _assert_reads_as_the_seed(tmp_path, text, seed002)


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is absent"
)
def test_libreoffice_text_of_the_seed_docx_reads_as_the_seed(tmp_path, seed002):
    docx = write_blocks(tmp_path, ".docx", _seed_blocks(seed002, ".docx"))
    _assert_reads_as_the_seed(tmp_path, office_text(docx, tmp_path), seed002)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_a_browser_copy_of_the_seed_web_page_reads_as_the_seed(tmp_path, seed002):
    html = write_blocks(tmp_path, ".html", _seed_blocks(seed002, ".html"))
    text = browser_text(html)
    assert "上一篇" in text  # the page's chrome comes with the copy
    _assert_reads_as_the_seed(tmp_path, text, seed002)
