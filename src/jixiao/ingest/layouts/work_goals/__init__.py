"""Layout of annual work goals in prose (工作目标, 工作要点) → candidate indicators.

The article is read once even when printed twice (:mod:`.prose`), cut into its sections
``(一)…`` (or ``一、…``) and their items ``一是…二是…``, and every clause that commits to a
number (:mod:`.commitments`) becomes a candidate Indicator:

- ``id`` its position (1, 2, …), ``name`` the clause as written (an outline marker such as
  ``一是`` or ``1.`` at its start left out), ``path`` the section heading
  and the item heading (``["(二)深化“放管服”改革,不断优化营商环境", "三是加快完善新型监管机制"]``);
- ``targets`` read from the clause by ``core.targets`` (years, ordinals and anniversaries
  dropped); the same clause printed again is not repeated;
- numbers that report the past (a 工作回顾 section, a run opened by ``2021年，``) are context,
  not candidates (:mod:`.context`), as government work reports and plans print them; one that
  reports the same measure as a target becomes its ``history`` for the year before
  (:mod:`.last_year`).

``organization`` comes from the 来源/发布机构 line (``省市场监管局`` completed with the province
the text names most, in the full form ``浙江省市场监督管理局``), else from the title; ``year``
from the title (``2021年工作目标``), else the publication date.
"""

from __future__ import annotations

import re
from collections import Counter

from jixiao.core.documents import Document, Indicator, Organization, Source, Target
from jixiao.ingest.layouts.indicator_system import read_organization as title_organization
from jixiao.ingest.layouts.indicator_system.targets import find_goal_targets
from jixiao.ingest.layouts.work_goals.commitments import is_commitment, parallel, split_clauses
from jixiao.ingest.layouts.work_goals.context import (
    in_spans,
    is_review,
    past_clauses,
    review_spans,
    strip_goal_lead,
)
from jixiao.ingest.layouts.work_goals.last_year import attach, past_figures
from jixiao.ingest.layouts.work_goals.prose import Copy, Prose, metadata_value, read_prose
from jixiao.ingest.layouts.work_goals.sections import Part, split_parts
from jixiao.ingest.lines import Lines

KIND = "work_goals"
PROVINCES = (
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
)
MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}是|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)
CONTEXT_UNITS = ("年", "月", "日", "届", "周年", "号")


def parse(lines: Lines) -> Document:
    """Read work-goal prose (any format, as Lines) into a Document of candidate indicators."""
    doc = Document(kind=KIND, source=Source(file=lines.name))
    prose = read_prose(lines)
    doc.title = read_title(prose)
    doc.year = read_year(doc.title, prose)
    doc.organization = Organization(name=read_organization(prose))
    seen: set[str] = set()
    reported: list[str] = []
    for copy in prose.copies:
        past = past_clauses(copy.text, doc.year) | in_spans(copy.text, review_spans(copy.text))
        for part in split_parts(copy.text):
            if not is_review(part.path):
                doc.indicators += _candidates(part, copy, (seen, past), doc.warnings)
            reported += _past_text(part, past)
    attach(doc.indicators, past_figures(reported), doc.year)
    for number, indicator in enumerate(doc.indicators, start=1):
        indicator.id = str(number)
    if not doc.indicators:
        doc.warnings.append(f"{lines.name}: 未找到带数字的工作目标（如“新增…500家”“达到100%”）")
    return doc


def _candidates(
    part: Part, copy: Copy, skip: tuple[set[str], set[int]], warnings: list[str]
) -> list[Indicator]:
    """The commitments of one item, skipping those already read under the same headings.

    The same clause under the same headings is the page printed again; under other headings
    it is another commitment. ``skip`` is (those keys, the offsets of clauses about the past).
    """
    seen, past = skip
    found = []
    for offset, clause in split_clauses(part.text):
        if not is_commitment(clause) or part.start + offset in past:
            continue
        name = strip_goal_lead(_without_heading(MARKER.sub("", clause).strip(), part.path))
        for inner, side in parallel(clause):
            key = re.sub(r"\W", "", "/".join([*part.path, side]))
            if key in seen:
                continue
            seen.add(key)
            indicator = _candidate(strip_goal_lead(side), name, part, warnings)
            indicator.source = copy.source_at(part.start + offset + inner)
            found.append(indicator)
    return found


def _candidate(text: str, name: str, part: Part, warnings: list[str]) -> Indicator:
    """One commitment: its targets read from ``text`` (the clause, or its side of a list).

    A commitment holds a figure with a unit or a comparator (:func:`is_commitment`), so a
    figure the cautious prose reader leaves as qualitative (``精准帮扶544户监测对象``) is read
    as a target cell (:func:`find_goal_targets`).
    """
    pairs, missing = find_goal_targets(text)
    if missing and missing not in warnings:
        warnings.append(missing)
    basis = part.text.replace("\n", "").strip()
    indicator = Indicator(id="", name=name, path=part.path, basis=basis)
    indicator.targets = [t for t, _c in pairs if not _is_context_target(t)]
    return indicator


def _past_text(part: Part, past: set[int]) -> list[str]:
    """The clauses of a part that report the past (a review section, a run opened by a year)."""
    review = is_review(part.path)
    return [
        clause
        for offset, clause in split_clauses(part.text)
        if review or part.start + offset in past
    ]


def _without_heading(name: str, path: list[str]) -> str:
    """A clause that runs on from a heading line without punctuation, without that heading."""
    heading = MARKER.sub("", path[-1]).strip() if path else ""
    if heading and name.startswith(heading) and len(name) > len(heading):
        return name[len(heading) :].lstrip("：: ")
    return name


def _is_context_target(target: Target) -> bool:
    """Targets a clause reader may still give for context: years, ordinals, anniversaries."""
    raw = target.raw.strip()
    return (target.unit or "") in CONTEXT_UNITS or raw.startswith("第") or raw.endswith("周年")


TITLE_LINE = re.compile(r"(?:方案|要点|目标|计划|规划|意见|安排|任务|通知)$")
ISSUER = re.compile(r"^(\S{2,30}?(?:人民政府|管理局|监管局|委员会|办公室|办公厅|厅|局))关于")
MAX_TITLE = 80


def _head(prose: Prose) -> str:
    """The text of the first copy before its first section."""
    if not prose.copies:
        return ""
    text = prose.copies[0].text
    parts = split_parts(text)
    return text[: parts[0].start] if parts and parts[0].start else text.split("\n")[0]


def read_title(prose: Prose) -> str:
    """The title: the head's own title line, else the head as one line.

    A notice that issues a plan (``…关于印发《…实施方案》的通知`` above ``…实施方案``) is titled
    by the plan it issues: the last head line shaped like a title that is not the notice.
    """
    head = _head(prose)
    lines = [x.strip() for x in head.split("\n") if x.strip()]
    titles = [x for x in lines if len(x) <= MAX_TITLE and TITLE_LINE.search(x)]
    own = [x for x in titles if not x.endswith("通知")]
    if own or titles:
        return (own or titles)[-1]
    return head.replace("\n", "").strip()[:100]


def read_year(title: str, prose: Prose) -> int | None:
    """The year of the title (``2021年工作目标``), else of the publication date.

    Else the date the head is signed on (a line ``2024年11月14日``), else its document number
    (``维政发〔2024〕60号``).
    """
    head = _head(prose)
    signed = re.search(r"(?m)^\s*(20\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$", head)
    for text in (
        title,
        metadata_value(prose, "发布日期") or "",
        metadata_value(prose, "公开日期") or "",
        signed.group(0) if signed else "",
    ):
        match = re.search(r"(20\d\d)\s*[年\-/.]", text)
        if match:
            return int(match.group(1))
    number = re.search(r"〔(20\d\d)〕", head)
    return int(number.group(1)) if number else None


def read_organization(prose: Prose) -> str | None:
    """The publishing body, completed with the province the text names when it says only 省."""
    name = metadata_value(prose, "来源") or metadata_value(prose, "发布机构")
    text = "".join(copy.text for copy in prose.copies)
    issuer = ISSUER.match(_head(prose).strip())
    if not name and issuer:
        return issuer.group(1)
    if not name:
        titled = title_organization(read_title(prose))
        match = re.search(r"[\u4e00-\u9fff]{1,8}?(?:省|市|区|县)市场监督管理局", text)
        return titled or (match.group(0) if match else None)
    name = re.sub(r"[（(].*?[)）]", "", name).strip()
    name = name.replace("市场监管局", "市场监督管理局")
    if name.startswith("省"):
        province = _province(text)
        name = f"{province}{name}" if province else name
    return name


def _province(text: str) -> str | None:
    counts = Counter({province: text.count(province) for province in PROVINCES})
    province, count = counts.most_common(1)[0]
    return province if count else None
