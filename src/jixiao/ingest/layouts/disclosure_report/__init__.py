"""Layout of the 政府信息公开工作年度报告 (disclosure annual report) → Document.

The report is cut into its parts by their headings (:mod:`.sections`); tables 二, 三 and 四
become ``Document.disclosure`` (:mod:`.proactive`, :mod:`.requests`), with the labels and keys
of :mod:`jixiao.core.disclosure`; the prose gives the title, organisation, year and figures
(:mod:`.prose`). Both the 2019 (试行) and the 2021 formats are read, from .txt, .docx, .xlsx
and .pdf alike.

Figures this layout makes (value and unit, the sentence in ``text``):
- ``主动公开:政府信息`` — 全年主动公开政府信息 N 条;
- ``依申请:受理`` — 共受理（收到）政府信息公开申请 N 件 (compared with 一、本年新收 总计);
- ``依申请:渠道/<渠道>`` — 其中网络申请 N 件、信函受理 N 件 … (their sum with 受理);
- ``依申请:结转下年度`` — 结转下年度继续办理 N 件 (compared with 四、结转下年度 总计);
- ``信息处理费`` — 收取信息处理费 N 元.
"""

from __future__ import annotations

from jixiao.core.documents import Disclosure, Document, Source
from jixiao.ingest.layouts.disclosure_report.proactive import read_proactive
from jixiao.ingest.layouts.disclosure_report.prose import read_figures, read_head
from jixiao.ingest.layouts.disclosure_report.requests import (
    TABLE,
    read_requests,
    read_reviews,
)
from jixiao.ingest.layouts.disclosure_report.sections import Parts, split_parts
from jixiao.ingest.lines import Lines

KIND = "disclosure_report"


def parse(lines: Lines) -> Document:
    """Read a disclosure annual report (any format, as Lines) into a Document."""
    doc = Document(kind=KIND, source=Source(file=lines.name))
    doc.title, doc.organization, doc.year = read_head(lines.lines)
    parts = split_parts(lines.lines)
    if "requests" not in parts.found:
        # No heading (a bare table pasted into a sheet): look for table 三 rows everywhere
        # but in table 二, whose item rows are not requests.
        proactive = {id(line) for line in parts.proactive}
        parts.requests = [line for line in lines.lines if id(line) not in proactive]
    disclosure = Disclosure()
    disclosure.proactive = read_proactive(parts.proactive, doc.warnings)
    disclosure.requests, _ = read_requests(parts.requests, doc.warnings)
    disclosure.reviews = read_reviews(parts.reviews, doc.warnings)
    doc.disclosure = disclosure
    doc.figures = read_figures(parts.prose)
    _warn_absent(doc, parts, lines.name)
    return doc


def _warn_absent(doc: Document, parts: Parts, name: str) -> None:
    """Say which of the report's tables and head items could not be found."""
    disclosure = doc.disclosure or Disclosure()
    if not disclosure.requests:
        doc.warnings.append(f"{name}: 未找到{TABLE}")
    if "proactive" in parts.found and not disclosure.proactive:
        doc.warnings.append(f"{name}: 表二（主动公开政府信息情况）中没有读到数据行")
    if "reviews" not in parts.found:
        doc.warnings.append(f"{name}: 未找到表四（行政复议、行政诉讼情况）")
    if doc.year is None:
        doc.warnings.append(f"{name}: 标题中未找到报告年度")
    if doc.organization.name is None:
        doc.warnings.append(f"{name}: 标题中未找到报告机关名称")
