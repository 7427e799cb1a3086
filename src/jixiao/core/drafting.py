"""A drafted 绩效自评报告, written from the data the system already holds.

Every incumbent system asks the unit to upload its narrative self-evaluation report. The
report is, however, mostly the self-evaluation table in sentences: 项目概况 with the money,
目标完成情况 with each level's points, the indicators that fell short with target, result and
points, their 偏差原因, the problems and the measures. Drafting it from the data means the
figures in the prose are the figures in the table, and the unit edits words, not numbers.

A draft is plain text with the bureaus' numbered headings (``一、`` and ``（一）``), so that it
can be edited in any text box and read back (:func:`parse_draft`) into the same sections.
Where a figure is unknown the sentence says so; nothing prints a blank where a number belongs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.documents import BudgetRow, Document, Indicator
from jixiao.core.findings import Finding
from jixiao.core.money import execution_rate, quantize
from jixiao.core.scoring.budget import total_row
from jixiao.core.scoring.scores import ScoreSheet

NUMERALS = "一二三四五六七八九十"
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S")
MAX_DRAFT_CHARS = 60_000
MAX_LISTED = 20  # indicators listed one by one; the rest are counted


@dataclass
class Section:
    """A heading (``一、…`` at level 1, ``（一）…`` at level 2) and its paragraphs."""

    title: str
    level: int = 1
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """The report: a title and its sections, in order."""

    title: str
    sections: list[Section] = field(default_factory=list)

    def to_text(self) -> str:
        """The draft as the editable text: title, then each heading and its paragraphs."""
        lines = [self.title, ""]
        for section in self.sections:
            lines.append(section.title)
            lines.extend(section.paragraphs)
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


class DraftError(ValueError):
    """An edited draft that cannot be issued; the message says why in Chinese."""


def parse_draft(text: str) -> Draft:
    """Read an edited draft back: first line the title, numbered lines headings."""
    if len(text) > MAX_DRAFT_CHARS:
        raise DraftError(f"报告过长（{len(text)} 字），不能超过 {MAX_DRAFT_CHARS} 字")
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise DraftError("报告是空的")
    draft = Draft(title=lines[0])
    for line in lines[1:]:
        match = HEADING.match(line)
        if match:
            level = 1 if match.group(1).endswith("、") else 2
            draft.sections.append(Section(line, level))
        elif draft.sections:
            draft.sections[-1].paragraphs.append(line)
        else:
            draft.sections.append(Section("", 1, [line]))
    return draft


def draft_report(doc: Document, sheet: ScoreSheet, findings: list[Finding]) -> Draft:
    """The 绩效自评报告 of a self-evaluation (or any document with scored indicators)."""
    org = doc.organization.name or "本单位"
    subject = subject_of(doc, org)
    year = f"{doc.year}年度" if doc.year else ""
    draft = Draft(title=f"{org}{year}{subject}绩效自评报告")
    numbered = _numbered()
    short = shortfalls(sheet)
    draft.sections = [
        Section(next(numbered) + "基本情况", 1),
        Section("（一）项目概况", 2, [overview(doc, org, year, subject)]),
        Section("（二）绩效目标", 2, [goals(doc)]),
        Section(next(numbered) + "绩效目标完成情况", 1, results(sheet, short)),
        Section(next(numbered) + "偏差原因分析", 1, reasons(short)),
        Section(next(numbered) + "存在的问题", 1, problems(doc, short, findings)),
        Section(next(numbered) + "整改措施", 1, measures(doc, short, findings)),
    ]
    return draft


def _numbered() -> Iterator[str]:
    return iter(f"{n}、" for n in NUMERALS)


def subject_of(doc: Document, org: str) -> str:
    """What the report is about, from the title without the unit, year and form name."""
    title = doc.title.replace(org, "")
    title = re.sub(r"\d{4}年度?", "", title)
    title = re.sub(r"\s*(部门)?(绩效)?(自评|评价)(表|报告)$|绩效目标(表|申报表)?$", "", title)
    title = title.strip(" ：:")
    return title or "部门整体支出"


def figure(value: Decimal | None, unit: str = "") -> str:
    """A number as prose prints it: two places at most, no trailing zeros."""
    assert value is not None
    text = format(quantize(value).normalize(), "f")
    return f"{text}{unit}"


def overview(doc: Document, org: str, year: str, subject: str) -> str:
    """Who, which year, and the money: budget, spending and the execution rate."""
    head = f"{org}{year}{subject}"
    total = budget_total(doc)
    if total is None:
        return head + "的预算资金情况自评表未填报。"
    head += "："
    unit = doc.budget.unit_of_money if doc.budget else "万元"
    parts = []
    if total.initial is not None:
        parts.append(f"年初预算{figure(total.initial, unit)}")
    available = total.adjusted if total.adjusted is not None else total.initial
    if total.adjusted is not None:
        parts.append(f"全年预算{figure(total.adjusted, unit)}")
    parts.append(
        f"全年执行{figure(total.spent, unit)}" if total.spent is not None else "全年执行数未填报"
    )
    rate = execution_rate(total.spent, available)
    if rate is not None:
        parts.append(f"预算执行率{figure(rate, '%')}")
    return head + "，".join(parts) + "。"


def budget_total(doc: Document) -> BudgetRow | None:
    """The fund block's total row (合计/年度资金总额), or its only row: the scoring's own."""
    return total_row(doc.budget) if doc.budget is not None else None


def goals(doc: Document) -> str:
    """How many indicators, by first level, and how many are quantified."""
    if not doc.indicators:
        return "未设定绩效指标。"
    counts: dict[str, int] = {}
    for ind in doc.indicators:
        level = ind.path[0] if ind.path else "其他指标"
        counts[level] = counts.get(level, 0) + 1
    by_level = "、".join(f"{name}{n}个" for name, n in counts.items())
    quantified = sum(1 for i in doc.indicators if any(t.value is not None for t in i.targets))
    return f"本年度设定绩效指标{len(doc.indicators)}个，其中{by_level}；定量指标{quantified}个。"


def shortfalls(sheet: ScoreSheet) -> list[tuple[Indicator, Decimal | None]]:
    """Indicators that earned less than their points, with the points earned."""
    short = []
    for row in sheet.rows:
        ind, points = row.indicator, row.recomputed
        if (
            row.applicable
            and ind.weight is not None
            and points is not None
            and points < ind.weight
        ):
            short.append((ind, points))
    return short


def results(sheet: ScoreSheet, short: list[tuple[Indicator, Decimal | None]]) -> list[str]:
    """The total and grade, each level's points, and each indicator that fell short."""
    lines = []
    if sheet.recomputed_total is not None:
        grade = f"，评价等级为“{sheet.grade}”" if sheet.grade else ""
        lines.append(f"经自评，总得分{figure(sheet.recomputed_total, '分')}{grade}。")
    else:
        lines.append("自评表未给出可复核的得分，总得分待评定。")
    levels = [
        f"{level.name}分值{figure(level.weight, '分')}，得分{figure(level.recomputed, '分')}"
        for level in sheet.levels
        if level.weight is not None and level.recomputed is not None
    ]
    if levels:
        lines.append("其中" + "；".join(levels) + "。")
    scored = [r for r in sheet.rows if r.applicable]
    lines.append(
        f"{len(scored)}个指标中，{len(scored) - len(short)}个达到年度目标，{len(short)}个未完全达到。"
    )
    lines.extend(_shortfall_line(ind, points) for ind, points in short[:MAX_LISTED])
    if len(short) > MAX_LISTED:
        lines.append(f"另有{len(short) - MAX_LISTED}个指标未完全达到目标，见自评表。")
    return lines


def _shortfall_line(ind: Indicator, points: Decimal | None) -> str:
    """Target, result and points; a figure the table does not give is left out."""
    parts = []
    if ind.targets:
        parts.append("目标值" + "；".join(t.raw for t in ind.targets))
    if ind.actual and ind.actual.raw.strip():
        parts.append(f"实际完成{ind.actual.raw.strip()}")
    parts.append(f"分值{figure(ind.weight, '分')}")
    parts.append(f"得{figure(points, '分')}" if points is not None else "未评分")
    return f"“{ind.name}”：" + "，".join(parts) + "。"


MEASURE = re.compile(r"[。；;，,\s]*(下一步)?(改进|整改)措施[:：]")


def split_deviation(text: str | None) -> tuple[str, str]:
    """A 偏差原因 cell often carries its 改进措施 too: (reason, measure), either may be ""."""
    text = (text or "").strip()
    match = MEASURE.search(text)
    if not match:
        return text, ""
    return text[: match.start()].strip(), text[match.end() :].strip()


def reasons(short: list[tuple[Indicator, Decimal | None]]) -> list[str]:
    """Each shortfall's 偏差原因 as the unit wrote it, or a plain request to add it."""
    if not short:
        return ["各项指标均达到年度目标，无偏差。"]
    lines = []
    for ind, _ in short[:MAX_LISTED]:
        reason = split_deviation(ind.deviation)[0]
        reason = reason.rstrip("，,；;") + ("" if reason[-1:] in "。！？" else "。")
        lines.append(
            f"“{ind.name}”：{reason if len(reason) > 1 else '自评表未说明偏差原因，请补充。'}"
        )
    return lines


def problems(
    doc: Document, short: list[tuple[Indicator, Decimal | None]], findings: list[Finding]
) -> list[str]:
    """What the data shows: shortfalls, unspent money and figures that do not add up."""
    lines = []
    if short:
        names = "、".join(f"“{ind.name}”" for ind, _ in short[:5])
        more = f"等{len(short)}个指标" if len(short) > 5 else ""
        lines.append(f"{names}{more}未完全达到年度目标。")
    unspent = _unspent(doc)
    if unspent:
        lines.append(unspent)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        listed = "；".join(f"{f.where}：{f.message}" for f in errors[:3])
        lines.append(f"自评表有{len(errors)}处数字经复核不一致：{listed}。")
    return lines or ["未发现指标未完成、资金未执行或数字不一致的问题。"]


def _unspent(doc: Document) -> str | None:
    total = budget_total(doc)
    if total is None or total.spent is None:
        return None
    available = total.adjusted if total.adjusted is not None else total.initial
    if available is None or total.spent >= available:
        return None
    unit = doc.budget.unit_of_money if doc.budget else "万元"
    rate = execution_rate(total.spent, available)
    return f"预算执行率{figure(rate, '%')}，尚有{figure(available - total.spent, unit)}未执行。"


def measures(
    doc: Document, short: list[tuple[Indicator, Decimal | None]], findings: list[Finding]
) -> list[str]:
    """One measure per problem found, in the words bureaus use; to be edited by the unit."""
    lines = []
    for ind, _ in short[:MAX_LISTED]:
        measure = split_deviation(ind.deviation)[1]
        generic = f"针对“{ind.name}”未达目标，分析原因，调整工作安排，确保下一年度完成。"
        lines.append(f"“{ind.name}”：{measure}" if measure else generic)
    if _unspent(doc):
        lines.append("加快预算执行进度，按月跟踪资金支出，年末前完成结转资金的清理。")
    if any(f.severity == "error" for f in findings):
        lines.append("逐项核对自评表的分值、得分和资金数字，更正后重新报送。")
    return lines or ["继续保持，按年度绩效目标做好下一年度工作。"]
