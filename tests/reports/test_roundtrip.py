"""The main report test: extract(export(extract(seed))) == extract(seed), for each format."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from jixiao.core.documents import Document
from jixiao.ingest import IngestError, extract_file
from jixiao.reports import export_document
from tests.reports.roundtrip import document_key
from tests.support import sample, seed

DOCUMENTS = {
    "000": lambda: seed("000"),
    "001": lambda: seed("001"),
    "002": lambda: seed("002"),
    "003": lambda: seed("003"),
    "004": lambda: seed("004"),
    "hongze": lambda: sample("hongze"),
}


@cache
def original(name: str) -> Document:
    """The document as extracted from the bureau's own file (read once per session)."""
    try:
        return extract_file(DOCUMENTS[name]())
    except (IngestError, AttributeError, NotImplementedError) as exc:
        pytest.skip(f"{name}: 该类文件的读取模块尚不可用（{type(exc).__name__}: {exc}）")


CASES = [(name, fmt) for name in DOCUMENTS for fmt in ("xlsx", "docx", "pdf")]


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_export_reads_back_into_the_same_document(name: str, fmt: str, tmp_path: Path) -> None:
    doc = original(name)
    if any(ind.actual is not None and not ind.targets for ind in doc.indicators):
        pytest.xfail(
            "目标值未读出：读取时 core.targets 尚未就绪，附件4的年度指标值（≥2次…）没有保存在 "
            "Indicator.targets 中，导出只能留空；空单元格使该行按“从行尾读”错位"
        )
    out = tmp_path / f"{name}.{fmt}"
    export_document(doc, fmt, out)
    again = extract_file(out)
    expected, found = document_key(doc), document_key(again)
    assert again.kind == doc.kind
    for field, value in expected.items():
        assert found[field] == value, field
