"""Checks of an evaluation report (评价报告): the narrative's figures against its tables.

Every figure the report states twice is recomputed (figure names: see
``jixiao.ingest.layouts.evaluation_report``); each finding says where, as the report names
it (``附件1 · 合计行 · 办公费``), what was printed and what it should be. Codes:

- ``report.breakdown_sum`` (error): the parts of a breakdown (``X万元，占比Y%``) do not add up
  to the fund's total (共计…万元).
- ``report.share`` (error): a printed share is not part ÷ total; ``report.shares_total``
  (error): a breakdown's shares do not add up to 100%.
- ``report.money_sum`` (error): 到位 or 支出 总额 is not 专项资金 + 业务工作经费.
- ``report.rate`` (error): a printed 执行率, 抽查 share or 附件1 合计行 资金使用率 is not its
  recomputation.
- ``report.narrative_table`` (error): the narrative's 到位/支出/执行率 differ from 附件1's 合计行.
- ``report.fund_total`` (error): 附件1's 合计行 is not the sum of the projects (到位, 支出);
  ``report.expense_total`` (warning): the same for one spending category — only a warning,
  because text pulled out of a PDF can shift a category cell within its row.
- ``report.allocation_total`` (error): 附件2's 小计 or 合计 row is not the sum of its rows.
- ``report.level_score`` (error): a level's score or weight in the narrative is not the sum
  of the score sheet's rows under that level.
- ``report.sheet_total`` (error): a sheet's 合计 row is not the sum of its rows (plus the fund
  block's weight and score for 附件4).
- ``report.total_score`` (error): the final score is not the sum of the levels' scores.
- ``report.grade`` (error): the grade is not the band of the final score (优 ≥ 90 …).

Comparisons are made at the printed precision: a sum of n figures printed to two decimals
may differ by n half-cents, and a weight printed as 0.27 for 20/74 is understood.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.core.documents import Allocation, Document, Figure, Indicator
from jixiao.core.findings import Finding
from jixiao.core.money import CENT
from jixiao.core.scoring.grades import grade_for
from jixiao.core.scoring.rules import fmt

from .places import Ratio, printed_rate

ZERO = Decimal(0)
HALF_CENT = CENT / 2
SIDES = (("到位", "资金到位情况"), ("支出", "支出情况"))
PARTS = (("专项资金", "省级市场监管专项资金"), ("业务工作经费", "业务工作经费"), ("合计", "合计"))


def _slack(count: int) -> Decimal:
    """Half a cent per printed addend, and at least a cent."""
    return max(CENT, HALF_CENT * count)


def _figure(doc: Document, name: str) -> Decimal | None:
    return next((f.value for f in doc.figures if f.name == name and f.value is not None), None)


def _sum_finding(
    rule: str,
    where: str,
    what: str,
    printed: Decimal,
    parts: Iterable[Decimal],
    severity: str = "error",
) -> list[Finding]:
    values = list(parts)
    summed = sum(values, ZERO)
    if abs(printed - summed) <= _slack(len(values)):
        return []
    message = f"{what}印为{fmt(printed)}，{len(values)}项相加应为{fmt(summed)}"
    return [Finding(rule, severity, where, message, summed, printed)]


def _rate_finding(
    rule: str, where: str, printed: Decimal, part: Decimal | None, whole: Decimal | None, why: str
) -> list[Finding]:
    said = f"{fmt(part)}÷{fmt(whole)}"
    finding = printed_rate(
        rule, "error", where, why, printed, Ratio(part, whole, said, money=True)
    )
    return [finding] if finding else []


def _breakdowns(doc: Document) -> dict[str, list[Figure]]:
    """The 分项/占比 figures grouped by the sentence that states them."""
    groups: dict[str, list[Figure]] = {}
    for fig in doc.figures:
        if fig.name.startswith(("分项:", "占比:")) and fig.value is not None:
            groups.setdefault(fig.text, []).append(fig)
    return groups


def check_breakdowns(doc: Document) -> list[Finding]:
    """Parts add up to the total, each share is part ÷ total, shares add up to 100%."""
    total = _figure(doc, "合计:专项资金")
    found: list[Finding] = []
    for n, figs in enumerate(_breakdowns(doc).values(), 1):
        parts = {f.name[3:]: f.value for f in figs if f.name.startswith("分项:")}
        shares = {f.name[3:]: f.value for f in figs if f.name.startswith("占比:")}
        where = f"正文 · 资金构成{n}"
        if total is not None and parts:
            found += _sum_finding(
                "report.breakdown_sum", where, "专项资金总额", total, parts.values()
            )
        if shares:
            found += _sum_finding(
                "report.shares_total", where, "占比合计", Decimal(100), shares.values()
            )
        for label, share in shares.items():
            found += _rate_finding(
                "report.share", f"{where} · {label}", share, parts.get(label), total, "占比"
            )
    return found


def check_money(doc: Document) -> list[Finding]:
    """到位/支出 totals = parts; 执行率 = 支出 ÷ 到位; the narrative agrees with 附件1's 合计行."""
    found: list[Finding] = []
    for side, group in SIDES:
        total = _figure(doc, f"{side}:合计")
        parts = [
            v
            for p in ("专项资金", "业务工作经费")
            if (v := _figure(doc, f"{side}:{p}")) is not None
        ]
        if total is not None and parts:
            found += _sum_finding(
                "report.money_sum", f"正文 · {side}资金", f"{side}资金总额", total, parts
            )
        for short, column in PARTS:
            said, table = _figure(doc, f"{side}:{short}"), _figure(doc, f"合计:{group}/{column}")
            if said is not None and table is not None and abs(said - table) > CENT:
                message = f"正文{side}{short}为{fmt(said)}万元，附件1合计行为{fmt(table)}万元"
                found.append(
                    Finding(
                        "report.narrative_table",
                        "error",
                        f"正文 · {side} · {short}",
                        message,
                        table,
                        said,
                    )
                )
    executed = _figure(doc, "执行率")
    if executed is not None:
        found += _rate_finding(
            "report.rate",
            "正文 · 资金执行率",
            executed,
            _figure(doc, "支出:合计"),
            _figure(doc, "到位:合计"),
            "资金执行率",
        )
    return found


def check_sample(doc: Document) -> list[Finding]:
    """The on-site sample's shares, and its money against 附件2's 合计 row."""
    found: list[Finding] = []
    count_share, money_share = _figure(doc, "抽查:项目数占比"), _figure(doc, "抽查:资金占比")
    if count_share is not None:
        found += _rate_finding(
            "report.rate",
            "正文 · 抽查项目数占比",
            count_share,
            _figure(doc, "抽查:抽取项目数"),
            _figure(doc, "抽查:项目总数"),
            "项目数占比",
        )
    if money_share is not None:
        found += _rate_finding(
            "report.rate",
            "正文 · 抽查资金占比",
            money_share,
            _figure(doc, "抽查:资金"),
            _figure(doc, "合计:专项资金"),
            "抽查资金占比",
        )
    sampled = _figure(doc, "抽查:资金")
    total = next(
        (a.total for a in doc.allocations if a.unit == "合计" and a.total is not None), None
    )
    if sampled is not None and total is not None and abs(sampled - total) > CENT:
        message = f"正文抽查资金为{fmt(sampled)}万元，附件2合计为{fmt(total)}万元"
        found.append(
            Finding("report.narrative_table", "error", "正文 · 抽查资金", message, total, sampled)
        )
    return found


def _money_key(column: str) -> str:
    """The Project key of a printed money column (省级市场监管专项资金 → special)."""
    if "专项" in column:
        return "special"
    return "business" if "业务" in column else "total"


def check_fund_table(doc: Document) -> list[Finding]:
    """附件1's 合计行 against the sum of its projects, column by column."""
    found: list[Finding] = []
    for fig in doc.figures:
        if not fig.name.startswith("合计:") or "/" not in fig.name or fig.value is None:
            continue
        group, column = fig.name[3:].split("/", 1)
        where = f"附件1 · 合计行 · {group} · {column}"
        if group == "支出明细":
            values = [v for p in doc.projects if (v := p.expenses.get(column)) is not None]
            severity = "warning"
        elif group in ("资金到位情况", "支出情况"):
            side, key = "available" if group == "资金到位情况" else "spent", _money_key(column)
            values = [v for p in doc.projects if (v := getattr(p, side).get(key)) is not None]
            severity = "error"
        else:
            continue
        if values:
            found += _sum_finding(
                "report.expense_total" if severity == "warning" else "report.fund_total",
                where,
                "合计",
                fig.value,
                values,
                severity,
            )
    return found


def check_fund_rates(doc: Document) -> list[Finding]:
    """附件1's 合计行 资金使用率 = its 支出 ÷ its 到位, column by column."""
    found: list[Finding] = []
    for fig in doc.figures:
        if not fig.name.startswith("合计:资金使用率/") or fig.value is None:
            continue
        column = fig.name.split("/", 1)[1]
        spent = _figure(doc, f"合计:支出情况/{column}")
        available = _figure(doc, f"合计:资金到位情况/{column}")
        where = f"附件1 · 合计行 · 资金使用率 · {column}"
        found += _rate_finding("report.rate", where, fig.value, spent, available, "资金使用率")
    return found


def _units(rows: list[Allocation]) -> list[Allocation]:
    return [a for a in rows if not a.is_subtotal and a.total is not None]


def check_allocations(doc: Document) -> list[Finding]:
    """附件2: each 小计 = its counties, the 合计 = every unit's row."""
    found: list[Finding] = []
    for row in doc.allocations:
        if not row.is_subtotal or row.total is None:
            continue
        if row.unit == "合计":
            children = _units(doc.allocations)
        else:
            children = [a for a in _units(doc.allocations) if a.parent == row.parent]
        if children:
            found += _sum_finding(
                "report.allocation_total",
                f"附件2 · {row.unit}",
                f"{row.unit}",
                row.total,
                [a.total for a in children if a.total is not None],
            )
    return found


def _sheet(doc: Document, name: str) -> list[Indicator]:
    """The rows of one sheet: 附件4 (绩效目标) rows have no criteria, the score sheet's do."""
    scored = name != "合计:绩效目标"
    return [i for i in doc.indicators if bool(i.criteria or i.basis) == scored]


def check_levels(doc: Document) -> list[Finding]:
    """The narrative's score and weight per level = the score sheet's rows under it."""
    found: list[Finding] = []
    for fig in doc.figures:
        if (
            not fig.name.startswith(("得分:", "分值:"))
            or "/" in fig.name
            or fig.value is None
            or not fig.text.startswith("项目")
        ):
            continue
        kind, level = fig.name.split(":", 1)
        rows = [i for i in doc.indicators if i.path and i.path[0] == level]
        values = [v for i in rows if (v := (i.score if kind == "得分" else i.weight)) is not None]
        if values:
            found += _sum_finding(
                "report.level_score", f"正文 · {level}", f"{level}{kind}", fig.value, values
            )
    return found


def check_sheets(doc: Document) -> list[Finding]:
    """Each sheet's 合计 row = its rows (附件4 adds the fund block's 分值 and 得分)."""
    totals = [
        f
        for f in doc.figures
        if f.name.startswith("合计:") and f.name.endswith(("/分值", "/得分"))
    ]
    names = list(dict.fromkeys(f.name.rsplit("/", 1)[0] for f in totals))
    found: list[Finding] = []
    for name in names:
        sheet = _sheet(doc, name)
        for fig in (f for f in totals if f.name.startswith(name + "/")):
            score = fig.name.endswith("得分")
            values = [v for i in sheet if (v := i.score if score else i.weight) is not None]
            if name == "合计:绩效目标" and doc.budget is not None:
                extra = doc.budget.score if score else doc.budget.weight
                values += [extra] if extra is not None else []
            where = f"{name[3:]} · 合计行 · {fig.name.rsplit('/', 1)[1]}"
            found += _sum_finding("report.sheet_total", where, "合计", fig.value, values)
    return found


def check_total(doc: Document) -> list[Finding]:
    """Final score = the levels' scores; the grade is the score's band."""
    found: list[Finding] = []
    score = doc.totals.get("reported_score")
    levels = [
        f.value
        for f in doc.figures
        if f.name.startswith("得分:")
        and "/" not in f.name
        and f.value is not None
        and f.text.startswith("项目")
    ]
    if score is not None and levels:
        found += _sum_finding(
            "report.total_score", "正文 · 最终得分", "最终得分", Decimal(str(score)), levels
        )
    grade, band = (
        doc.totals.get("grade"),
        grade_for(Decimal(str(score)) if score is not None else None),
    )
    if grade and band and grade != band:
        message = f"评价结果印为“{grade}”，{fmt(Decimal(str(score)))}分应为“{band}”"
        found.append(Finding("report.grade", "error", "正文 · 评价结果", message, band, grade))
    return found


def check_evaluation_report(doc: Document) -> list[Finding]:
    """Every cross-check of an evaluation report (nothing for other kinds)."""
    if doc.kind != "evaluation_report":
        return []
    checks = (
        check_breakdowns,
        check_money,
        check_sample,
        check_fund_table,
        check_fund_rates,
        check_allocations,
        check_levels,
        check_sheets,
        check_total,
    )
    return [finding for check in checks for finding in check(doc)]
