"""A file that cannot be read is refused in Chinese: no English exception names or details."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.ingest import IngestError, extract_file

ENGLISH = re.compile(r"[A-Za-z]+Error|[A-Za-z]{4,} [a-z]{3,}")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("报表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("旧表.xls", b"this is not a workbook at all"),
        ("登记.csv", ('指标,目标值\n"未闭合的引号,' + "x" * 200_000 + "\n").encode()),
    ],
)
def test_an_unreadable_file_is_refused_in_chinese(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as refused:
        extract_file(path)
    message = str(refused.value)
    assert message.startswith(name) and not ENGLISH.search(message.removeprefix(name)), message
