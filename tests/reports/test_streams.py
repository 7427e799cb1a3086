"""Report writers take a stream: what goes to memory is the file that goes to a path."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jixiao.ingest import extract_file
from jixiao.reports import export_document
from tests.support import seed


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_an_export_to_a_stream_reads_back_like_one_to_a_path(fmt: str, tmp_path: Path) -> None:
    doc = extract_file(seed("002"))
    on_disk = tmp_path / f"path.{fmt}"
    export_document(doc, fmt, on_disk)
    stream = io.BytesIO()
    export_document(doc, fmt, stream)
    assert not list(tmp_path.glob("tmp*"))  # nothing written beside the path's own file
    in_memory = tmp_path / f"stream.{fmt}"
    in_memory.write_bytes(stream.getvalue())
    again, before = extract_file(in_memory), extract_file(on_disk)
    assert [(i.name, i.weight, i.score) for i in again.indicators] == [
        (i.name, i.weight, i.score) for i in before.indicators
    ]
    assert len(again.indicators) == len(doc.indicators)
