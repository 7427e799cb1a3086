"""Documents built by hand (as the web system builds them) export without failing.

The web system's documents come from its database, not from a bureau's file: levels may be
missing, numbers may be None, a kind may have no tables yet. Each export must still be a
readable file of that kind.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.documents import (
    KINDS,
    Budget,
    BudgetRow,
    Disclosure,
    Document,
    Indicator,
    Organization,
    Project,
    Target,
)
from jixiao.ingest import extract_file
from jixiao.reports import export_document


def sparse(kind: str) -> Document:
    """A small document of ``kind`` with gaps a database row may have."""
    return Document(
        kind=kind,
        title="测试单位2024年度绩效文件",
        organization=Organization("测试县市场监督管理局", None),
        year=2024,
        indicators=[
            Indicator(
                "1",
                "监督抽检批次",
                ["产出指标", "数量指标"],
                weight=Decimal(10),
                score=Decimal("9.5"),
                targets=[Target("≥100批次", ">=", Decimal(100), unit="批次")],
            ),
            Indicator("2", "群众满意度", [], weight=None, score=None),
        ],
        projects=[Project("食品抽检", "食品处", {"total": Decimal(5)}, {"total": None})],
        budget=Budget([BudgetRow("合计", Decimal(1), None, Decimal("0.5"), Decimal(50))]),
        disclosure=Disclosure() if kind == "disclosure_report" else None,
    )


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_sparse_document_exports_to_a_readable_file(kind: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"doc.{fmt}"
    export_document(sparse(kind), fmt, out)
    assert out.stat().st_size > 1000
    if kind in ("indicator_system", "self_evaluation"):
        again = extract_file(out, kind=kind)
        assert [i.name for i in again.indicators][:1] == ["监督抽检批次"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_document_still_exports(kind: str, tmp_path: Path) -> None:
    out = tmp_path / "empty.docx"
    export_document(Document(kind=kind), "docx", out)
    assert out.stat().st_size > 1000
