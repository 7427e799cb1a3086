"""No report prints a blank where a number belongs (#18: "共计万元", "资金到位率%").

Each kind's layout is rendered from documents with figures missing: every seed with its stated
figures, totals and year taken away, a document built by hand with gaps, and an empty one.
Every paragraph, heading and table cell is searched for the shapes a missing number leaves.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument

from jixiao.core.documents import KINDS, Document
from jixiao.ingest import extract_file
from jixiao.reports import build_report, export_document
from jixiao.reports.blocks import Heading, Paragraph, Table
from tests.reports.test_sparse import sparse
from tests.support import SEEDS

# What a number left out leaves behind: a unit straight after a word ("共计万元", "到位率%"),
# a year with no digits ("截至年12月31日"), a count with none ("共个子项目"), points with none
# ("得分分"), a sentence that stops at its colon ("得出评价结论：").
BLANKS = (
    re.compile(r"[\u4e00-\u9fff，、](万元|亿元|%)"),
    re.compile(r"(?<![\d一二三四五六七八九十〇])年(\d{1,2}月|度，)"),
    re.compile(r"(共|了|计)个"),
    re.compile(r"(分值|得分|得分为|为)分"),
    re.compile(r"：$"),
    re.compile(r"：。|，，|，。|，；"),
)


def texts(doc: Document) -> list[str]:
    """Every piece of text the layout of ``doc`` puts on the page."""
    found: list[str] = []
    for block in build_report(doc).blocks:
        if isinstance(block, Heading | Paragraph):
            found += block.text.splitlines()
        elif isinstance(block, Table):
            found += [cell for row in block.rows for cell in row]
    return [t.strip() for t in found if t.strip()]


def blanks(lines: list[str]) -> list[str]:
    return [line for line in lines if any(p.search(line) for p in BLANKS)]


def stripped(doc: Document) -> Document:
    """``doc`` with every stated figure's number, its totals and its year unknown."""
    figures = [dataclasses.replace(f, value=None) for f in doc.figures]
    return dataclasses.replace(doc, figures=figures, totals={}, year=None)


def seed_docs() -> list[Document]:
    return [extract_file(path) for path in sorted(SEEDS.glob("*.txt"))]


@pytest.mark.parametrize("kind", KINDS)
def test_no_layout_prints_a_blank_for_a_missing_number(kind: str) -> None:
    docs = [sparse(kind), Document(kind=kind)]
    docs += [stripped(d) for d in seed_docs() if d.kind == kind]
    for doc in docs:
        assert blanks(texts(doc)) == [], doc.title


def test_the_seeds_as_they_stand_print_no_blank() -> None:
    for doc in seed_docs():
        assert blanks(texts(doc)) == [], doc.title


def test_an_evaluation_report_without_its_money_says_so_in_the_word_file(tmp_path: Path) -> None:
    (doc,) = [stripped(d) for d in seed_docs() if d.kind == "evaluation_report"]
    out = tmp_path / "report.docx"
    export_document(doc, "docx", out)
    lines = [p.text for p in WordDocument(str(out)).paragraphs if p.text.strip()]
    assert blanks(lines) == []
    assert any("未列明" in line for line in lines)
