"""Work-goal prose as one text per printed copy, with where each character came from.

Web pages saved as PDF print the article, its metadata (索引号, 发布机构, 来源, 发布日期, 字体…)
and sometimes the article again. The lines are cut into copies at the metadata, metadata
lines are set aside (the 来源 names the publishing body), and each copy's lines are kept as one
text with its line breaks (a heading starts a line; clauses close wrapped lines up). Each copy keeps a map from
text offsets to the Source of the line they came from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from jixiao.core.documents import Source
from jixiao.ingest.lines import Lines

METADATA = re.compile(
    r"^(?:索引号|主题分类|发布机构|公开日期|成文日期|发文字号|来源|发布日期|发布时间|字体|浏览次数|"
    r"分享到|打印|关闭|【打印】|信息来源|文号)\s*[:：\[【]?|^字体\s*[:：]?\s*[\[【]|^[\]】]$"
)


@dataclass
class Copy:
    """One printed copy of the article: its text and the sources of its lines."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def add(self, line: str, source: Source) -> None:
        """Append a line; the newline stays (headings start lines), clauses close it up."""
        self.starts.append(len(self.text))
        self.sources.append(source)
        self.text += line + "\n"

    def source_at(self, offset: int) -> Source | None:
        """The Source of the line holding ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        return self.sources[index] if index >= 0 else None


@dataclass
class Prose:
    """The article's copies and its metadata lines."""

    copies: list[Copy] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)


def read_prose(lines: Lines) -> Prose:
    """Cut the lines into copies at metadata lines, closing up wrapped lines."""
    prose = Prose(copies=[Copy()])
    in_metadata = False
    for line in lines.lines:
        text = re.sub(r"[ \u3000\xa0\t]+", " ", line.text).strip()
        if not text:
            continue
        if METADATA.search(text):
            prose.metadata.append(text)
            in_metadata = True
            continue
        if in_metadata and prose.copies[-1].text:
            prose.copies.append(Copy())
        in_metadata = False
        prose.copies[-1].add(text, line.source)
    prose.copies = [copy for copy in prose.copies if copy.text]
    return prose


def metadata_value(prose: Prose, label: str) -> str | None:
    """The value after ``label:`` in the metadata lines (up to the next label)."""
    for line in prose.metadata:
        match = re.search(rf"{label}\s*[:：]\s*(.*?)(?:\s+\S+\s*[:：]|$)", line)
        if match and match.group(1).strip():
            return match.group(1).strip()
    return None
