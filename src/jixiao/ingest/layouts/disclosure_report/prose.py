"""The report's title, organisation and year, and the figures its prose states.

The prose repeats the tables' figures in words (共受理依申请公开29件，其中网络申请20件 …); these
become named :class:`~jixiao.core.documents.Figure` s so the checks can compare them with table 三.
Lines are joined before searching because PDF text breaks sentences (and numbers' units)
across lines.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.documents import Figure, Organization
from jixiao.ingest.lines import Line
from jixiao.ingest.narrative import joined, source_at

TITLE = re.compile(r"^(.*?)(\d{4})年度?(?:政府信息公开|政务公开)工作年度报告")
TITLE_YEAR_FIRST = re.compile(r"^(\d{4})年度?(.+?)(?:政府信息公开|政务公开)工作年度报告")
TITLE_WORDS = "工作年度报告"
HEAD_LINES = 20

PROSE_FIGURES = (
    ("主动公开:政府信息", r"主动公开(?:政府信息|信息)?[^。；，\d]{0,8}?(\d+)条", "条"),
    (
        "依申请:受理",
        r"(?:受理|收到|新收)[^。；，\d]{0,12}?申请[^。；，\d]{0,6}?(\d+)件",
        "件",
    ),
    ("依申请:结转下年度", r"结转(?:到|至)?下(?:一)?年度?(?:继续办理)?(\d+)件", "件"),
    ("信息处理费", r"信息处理费(?:共计|合计)?(\d+(?:\.\d+)?)元", "元"),
)
CHANNELS = re.compile(
    r"(网络申请|网上申请|在线申请|信函(?:受理|申请)?|当面(?:申请|提交)|现场申请|"
    r"传真(?:申请)?|电子邮件(?:申请)?|电话申请)(\d+)件"
)


def read_head(lines: list[Line]) -> tuple[str, Organization, int | None]:
    """Title, organisation and year from the title line(s) at the top.

    The organisation is what precedes the year in the title; when the title is printed over
    two lines (洪泽区人民政府 / 2023年政府信息公开工作年度报告) it is the line above.
    """
    texts = [re.sub(r"\s+", "", line.text) for line in lines[:HEAD_LINES]]
    for index, text in enumerate(texts):
        match = TITLE.search(text)
        if match:
            name = _body_name(match.group(1)) or _line_above(texts, index)
            title = name + match.group(0)[len(match.group(1)) :]
            return title, Organization(name=name or None), int(match.group(2))
        match = TITLE_YEAR_FIRST.search(text)
        if match:  # 2022年某某局政府信息公开工作年度报告
            return match.group(0), Organization(name=match.group(2)), int(match.group(1))
    title = next((t for t in texts if TITLE_WORDS in t), "")
    return title, Organization(), None


SENTENCE_BEFORE = re.compile(r"[，,。；;：:）)》]|公布|发布|现将|编制|印发")


def _body_name(before: str) -> str:
    """The body named before the year: the words after any sentence that leads to the title.

    A report whose page title was lost opens with ``……要求,现公布开阳县市场监督管理局2020年
    政府信息公开工作年度报告``: the body is what follows the last clause break or verb.
    """
    return re.sub(r"关于$", "", SENTENCE_BEFORE.split(before)[-1])


def _line_above(texts: list[str], index: int) -> str:
    above = [t for t in texts[:index] if t]
    return above[-1] if above else ""


def read_figures(lines: list[Line]) -> list[Figure]:
    """The prose's figures: 主动公开 条数, 依申请 受理/渠道/结转, 信息处理费."""
    text, starts = joined(lines)
    figures = []
    for name, pattern, unit in PROSE_FIGURES:
        match = re.search(pattern, text)
        if match:
            figures.append(_figure(name, match, unit, lines, starts))
    for match in CHANNELS.finditer(text):
        name = f"依申请:渠道/{match.group(1)}"
        figures.append(_figure(name, match, "件", lines, starts, group=2))
    return figures


def _figure(
    name: str,
    match: re.Match[str],
    unit: str,
    lines: list[Line],
    starts: list[int],
    group: int = 1,
) -> Figure:
    source = source_at(lines, starts, match.start())
    return Figure(name, Decimal(match.group(group)), unit, match.group(0), source)
