"""Read ``.txt`` files: text pulled out of PDFs, tabs and broken lines included.

Text copied from a web page whose cells are marked with ``|`` is read by :mod:`.pipes`.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.core.documents import Source
from jixiao.ingest.lines import Line, Lines
from jixiao.ingest.readers.pipes import pipe_rows

ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


class TextDecodeError(ValueError):
    """The file is not text in any encoding the bureaus use."""


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8, else GB18030 (Windows Chinese), else UTF-16."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TextDecodeError("不是文本文件（含有二进制数据）")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TextDecodeError(
        "无法识别文本编码（不是 UTF-8、GB18030 或 UTF-16），请另存为 UTF-8 后再导入"
    )


def read_txt(path: Path) -> Lines:
    """Read a text file into Lines, one per line, cells split on tabs."""
    text = decode(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n")  # pdftotext marks page breaks with a form feed
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    raws = text.split("\n")
    rows = pipe_rows(raws) or [(n, raw.split("\t"), None) for n, raw in enumerate(raws, start=1)]
    lines = [
        Line(cells=cells, source=Source(file=path.name, line=n), table=table)
        for n, cells, table in rows
    ]
    return Lines(name=path.name, lines=lines)
