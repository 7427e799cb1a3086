"""Checks of the figures a document states in its sentences (read by ``ingest.narrative``).

A careful reader checks the prose as well as the tables: the counts it gives for each
办理结果 against table 三, the shares it prints against count ÷ total, its parts against the
total it states.

- ``disclosure.prose_result`` (error): a 办理结果 count in the prose (予以公开及部分公开 N 件)
  differs from the same result in table 三 (the 总计 column of its rows).
- ``disclosure.prose_share`` (warning): a printed share (占 Y%) is not count ÷ 答复总数 by
  any rounding. A share that one rounding other than 四舍五入 explains is ``rounding.slip``.
- ``disclosure.prose_sum`` (error): the prose's 办理结果 counts do not add up to the number
  of answered applications it states (答复 N 件); a warning when it leaves out 其他处理.
- ``narrative.enumeration`` (warning): a sentence lists k parts but says there are n
  (``包括：…等6个部分`` with four listed).
- ``narrative.breakdown_sum`` (error): ``共…X万元。其中：a万元用于…；b万元用于…`` where the
  parts do not add up to X.
- ``narrative.count_sum`` (warning): ``实施项目共15个`` where 年初 8 + 年中增加 8 is 16; projects
  may be counted in both (the text should say so), hence a warning.
- ``narrative.category_sum`` (warning): ``96条，其中A18条，B42条…`` where the listed categories
  add up to more than the count (an item counted twice or a wrong total); in a disclosure
  report also where two or more listed categories add up to less (the rest unaccounted for).
  Elsewhere a 其中 list may leave categories out, so less is no finding.
- ``disclosure.request_flow`` (warning): the applications received (受理 N 件) against those done
  and carried to next year (办结 + 结转), when one stretch states all three and the text names no
  application carried in from the year before.
- ``rounding.slip`` (note): a printed percentage that 截尾 or 进一 gives, where 四舍五入
  gives another: the figure is right, its last digit was rounded the wrong way.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.core.disclosure import RESULT_TOTAL, TOTAL, result_leaves
from jixiao.core.documents import Document, Figure
from jixiao.core.findings import Finding
from jixiao.core.money import HUNDRED, places_of, round_half_up
from jixiao.core.scoring.rules import fmt

from .places import Ratio, differs, printed_rate

ZERO = Decimal(0)
REQUESTS = "三、收到和处理申请"
# Each 办理结果 the prose names, and the groups of table 三 it covers.
RESULT_GROUPS: dict[str, tuple[str, ...]] = {
    "予以公开及部分公开": ("（一）予以公开", "（二）部分公开"),
    "予以公开": ("（一）予以公开",),
    "部分公开": ("（二）部分公开",),
    "不予公开": ("（三）不予公开",),
    "无法提供": ("（四）无法提供",),
    "不予处理": ("（五）不予处理",),
    "其他处理": ("（六）其他处理",),
}
ALL_GROUPS = ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）")


def check_narrative(doc: Document) -> list[Finding]:
    """Every narrative figure against the table or the total it repeats."""
    named = {f.name: f for f in doc.figures if f.value is not None}
    found = _enumeration(named) + _breakdowns(named) + _project_count(named)
    found += _categories(named, fewer=doc.kind == "disclosure_report")
    if doc.kind == "disclosure_report":
        requests = doc.disclosure.requests if doc.disclosure else {}
        results = {
            n.removeprefix("依申请:结果/"): f
            for n, f in named.items()
            if n.startswith("依申请:结果/")
        }
        found += _results_vs_table(results, requests)
        found += _shares(named, results, requests)
        found += _results_sum(named.get("依申请:答复"), results)
        found += _request_flow(named)
    return found


def _table_count(requests: dict[str, dict[str, Decimal]], name: str) -> tuple[Decimal, str] | None:
    """Table 三's 总计 for a result the prose names, and the rows it adds, if printed."""
    groups = RESULT_GROUPS[name]
    rows = [k for k in result_leaves(requests) if k.split("/")[0] in groups]
    values = [requests[k].get(TOTAL) for k in rows]
    if not rows or any(v is None for v in values):
        return None
    summed = sum((v for v in values if v is not None), ZERO)
    parts = "＋".join(
        f"{k.split('/')[-1]}{fmt(v)}" for k, v in zip(rows, values, strict=True) if v
    )
    return summed, parts or "0"


def _results_vs_table(
    results: dict[str, Figure], requests: dict[str, dict[str, Decimal]]
) -> list[Finding]:
    found = []
    for name, figure in results.items():
        table = _table_count(requests, name)
        if table is None or figure.value is None or table[0] == figure.value:
            continue
        summed, parts = table
        groups = "＋".join(RESULT_GROUPS[name])
        message = (
            f"正文称{name}{fmt(figure.value)}件（“{figure.text}”），"
            f"表三{groups}总计为{fmt(summed)}件：{parts}"
        )
        where = f"正文 · {name}；{REQUESTS} · {groups} · {TOTAL}"
        found.append(
            Finding("disclosure.prose_result", "error", where, message, summed, figure.value)
        )
    return found


def _denominator(
    named: dict[str, Figure], requests: dict[str, dict[str, Decimal]]
) -> tuple[Decimal, str] | None:
    answered = named.get("依申请:答复")
    if answered is not None and answered.value:
        return answered.value, f"正文答复{fmt(answered.value)}件"
    total = requests.get(RESULT_TOTAL, {}).get(TOTAL)
    return (total, f"表三办理结果总计{fmt(total)}件") if total else None


def _shares(
    named: dict[str, Figure],
    results: dict[str, Figure],
    requests: dict[str, dict[str, Decimal]],
) -> list[Finding]:
    base = _denominator(named, requests)
    if base is None:
        return []
    whole, said = base
    found = []
    for name, count in results.items():
        share = named.get(f"依申请:占比/{name}")
        if share is None or share.value is None or count.value is None:
            continue
        part = f"{name}{fmt(count.value)}件"
        finding = share_finding(f"正文 · {name}占比", part, count.value, whole, said, share.value)
        if finding is not None:
            found.append(_with_table(finding, _table_count(requests, name), count.value, whole))
    return found


def _with_table(
    finding: Finding, table: tuple[Decimal, str] | None, count: Decimal, whole: Decimal
) -> Finding:
    """Add the table's reading to a share warning when table 三 gives another count."""
    if finding.rule == "rounding.slip" or table is None or table[0] == count:
        return finding
    assert isinstance(finding.found, Decimal)
    share = round_half_up(table[0] / whole * HUNDRED, places_of(finding.found))
    extra = f"（按表三{fmt(table[0])}件为{share:f}%）"
    return replace(finding, message=finding.message + extra)


def share_finding(
    where: str, part_said: str, part: Decimal, whole: Decimal, whole_said: str, printed: Decimal
) -> Finding | None:
    """A printed share against part ÷ whole: nothing, a rounding slip (note) or a warning."""
    said = f"{part_said}÷{whole_said}"
    return printed_rate(
        "disclosure.prose_share", "warning", where, "占比", printed, Ratio(part, whole, said)
    )


def _results_sum(answered: Figure | None, results: dict[str, Figure]) -> list[Finding]:
    """The prose's results against the answered total it states, when it names every group."""
    if answered is None or answered.value is None:
        return []
    covered = {g[:3] for name in results for g in RESULT_GROUPS[name]}
    exclusive = [
        f
        for n, f in results.items()
        if not (n in ("予以公开", "部分公开") and "予以公开及部分公开" in results)
    ]
    if not set(ALL_GROUPS[:5]) <= covered:
        return []
    summed = sum((f.value for f in exclusive if f.value is not None), ZERO)
    if summed == answered.value:
        return []
    parts = "＋".join(
        f"{n}{fmt(f.value)}" for n, f in results.items() if f in exclusive and f.value is not None
    )
    message = f"正文列出的办理结果{parts}＝{fmt(summed)}件，与其所称“{answered.text}”不符"
    severity = "error" if "（六）" in covered else "warning"
    if severity == "warning":
        message += "（正文未提其他处理，差额可能在其中）"
    return [
        Finding(
            "disclosure.prose_sum",
            severity,
            "正文 · 依申请公开办理结果",
            message,
            summed,
            answered.value,
        )
    ]


def _enumeration(named: dict[str, Figure]) -> list[Finding]:
    stated, listed = named.get("列举:部分/所称"), named.get("列举:部分/列出")
    if stated is None or listed is None or stated.value == listed.value:
        return []
    assert stated.value is not None and listed.value is not None
    message = f"“{stated.text}”：列举了{fmt(listed.value)}个部分，却称共{fmt(stated.value)}个部分"
    return [
        Finding(
            "narrative.enumeration",
            "warning",
            "正文 · 报告组成部分",
            message,
            listed.value,
            stated.value,
        )
    ]


def _breakdowns(named: dict[str, Figure]) -> list[Finding]:
    found = []
    for name, total in named.items():
        if not (name.startswith("资金构成:") and name.endswith("/合计")) or total.value is None:
            continue
        prefix = name.removesuffix("合计")
        parts = [
            f.value
            for n, f in named.items()
            if n.startswith(prefix) and n != name and f.value is not None
        ]
        summed = sum(parts, ZERO)
        if not parts or not differs(total.value, summed, ZERO):
            continue
        added = "＋".join(fmt(p) for p in parts)
        message = (
            f"“{total.text}”：其中各项{added}＝{fmt(summed)}万元，与所称{fmt(total.value)}万元不符"
        )
        found.append(
            Finding(
                "narrative.breakdown_sum", "error", "正文 · 资金构成", message, summed, total.value
            )
        )
    return found


def _project_count(named: dict[str, Figure]) -> list[Finding]:
    total, opening, added = (named.get(f"项目数:{n}") for n in ("共", "年初", "年中增加"))
    if total is None or opening is None or added is None:
        return []
    assert total.value is not None and opening.value is not None and added.value is not None
    summed = opening.value + added.value
    if summed == total.value:
        return []
    message = (
        f"年初{fmt(opening.value)}个项目＋年中增加{fmt(added.value)}个项目＝{fmt(summed)}个，"
        f"正文称实施项目共{fmt(total.value)}个；若有项目重复计算，应予说明"
    )
    return [
        Finding("narrative.count_sum", "warning", "正文 · 项目个数", message, summed, total.value)
    ]


def _categories(named: dict[str, Figure], fewer: bool) -> list[Finding]:
    """A count's ``其中`` categories against it: more is a warning in any document.

    Fewer is one in a disclosure report that lists two categories or more (``信息312条。其中，
    网站动态84条，公告公示31条…`` adding up to 204 leaves 108 of its 主动公开 unaccounted for):
    there the list is the report's account of what it published.
    """
    found = []
    for name, total in named.items():
        if not (name.startswith("其中:") and name.endswith("/合计")) or total.value is None:
            continue
        prefix = name.removesuffix("合计")
        parts = [f.value for n, f in named.items() if n.startswith(prefix) and n != name]
        parts = [p for p in parts if p is not None]
        summed = sum(parts, ZERO)
        short = fewer and len(parts) >= 2 and summed < total.value
        if summed <= total.value and not short:
            continue
        unit = total.unit or ""
        added = "＋".join(fmt(p) for p in parts)
        head = f"“{total.text[:60]}”：其中所列各项{added}＝{fmt(summed)}{unit}，"
        if short:
            gap = fmt(total.value - summed)
            tail = f"少于所称{fmt(total.value)}{unit}，另{gap}{unit}未说明类别，请列出"
        else:
            tail = f"超过所称{fmt(total.value)}{unit}；若同一信息计入多项，请说明"
        found.append(
            Finding(
                "narrative.category_sum",
                "warning",
                "正文 · 分项",
                head + tail,
                summed,
                total.value,
            )
        )
    return found


def _request_flow(named: dict[str, Figure]) -> list[Finding]:
    received, done, carried = (named.get(f"依申请:流程/{n}") for n in ("受理", "办结", "结转"))
    if received is None or done is None or carried is None:
        return []
    assert received.value is not None and done.value is not None and carried.value is not None
    summed = done.value + carried.value
    if summed == received.value:
        return []
    message = (
        f"正文称受理申请{fmt(received.value)}件，办结{fmt(done.value)}件＋结转下年度"
        f"{fmt(carried.value)}件＝{fmt(summed)}件，相差{fmt(received.value - summed)}件未说明去向"
        "（本年新收＋上年结转应等于办理结果＋结转下年度）"
    )
    return [
        Finding(
            "disclosure.request_flow",
            "warning",
            "正文 · 依申请公开",
            message,
            summed,
            received.value,
        )
    ]
