"""The evaluation report on a special fund (绩效评价报告), as seed 003 prints it.

The narrative follows the seed's sections 一 to 六, and every number in it is filled from the
document (never typed): 一 the money arranged with its breakdowns and shares (``合计:专项资金``,
``分项:``/``占比:`` figures), arrival and execution (``到位:``, ``到位率``, ``支出:``, ``执行率``);
二 the on-site sample (``抽查:`` figures); 三 the total score, the grade and per level its weight,
score and the reasons for deductions (``分值:``/``得分:``/``扣分原因:``); 五 the problems and 六 the
suggestions (``问题:``/``建议:`` texts under their headings). Charts show the score per level and
the spending per project. Attachments 1–4 are in :mod:`.evaluation_tables`.
"""

from __future__ import annotations

from itertools import groupby

from jixiao.core.documents import Document, Figure
from jixiao.reports.blocks import Block, Chart, Heading, PageBreak, Paragraph, Report
from jixiao.reports.layouts import evaluation_tables as tables
from jixiao.reports.layouts.common import figure, issuer_line, plain_title
from jixiao.reports.numbers import money, plain, points

ATTACHMENTS = (
    "资金使用结构明细表",
    "现场评价明细表",
    "绩效评价指标评分表",
    "绩效目标完成情况汇总表",
)


def build(doc: Document) -> Report:
    """The report: narrative 一–六, the list of attachments, then attachments 1–4."""
    title = plain_title(doc, "绩效评价报告")
    blocks: list[Block] = []
    blocks += issuer_line(doc, title)
    blocks += [Heading(title, 0), *_funds(doc), *_work(doc), *_conclusion(doc)]
    blocks += _charts(doc)
    blocks += _texts(doc, "五、存在的问题及原因分析", "问题:")
    blocks += _texts(doc, "六、有关建议", "建议:")
    blocks.append(
        Paragraph("附件：" + "\n".join(f"{i}. {n}" for i, n in enumerate(ATTACHMENTS, 1)))
    )
    blocks += _attachments(doc)
    return Report(title=title, blocks=blocks)


def _value(doc: Document, name: str) -> str:
    stated = figure(doc, name)
    return "" if stated is None or stated.value is None else plain(stated.value)


def _money(doc: Document, name: str) -> str:
    stated = figure(doc, name)
    return "" if stated is None or stated.value is None else money(stated.value)


def _breakdowns(doc: Document) -> list[str]:
    """``<label>X万元，占比Y%`` clauses, one list per sentence the figures came from."""
    parts = [f for f in doc.figures if f.name.startswith("分项:") and f.value is not None]
    sentences = []
    for _text, group in groupby(parts, key=lambda f: f.text):
        clauses = []
        for part in group:
            label = part.name.split(":", 1)[1]
            clause = f"{label}{money(part.value)}万元"
            share = _value(doc, f"占比:{label}")
            clauses.append(f"{clause}，占比{share}%" if share else clause)
        sentences.append("；".join(clauses))
    return sentences


def _clauses(*parts: tuple[str, str, str]) -> list[str]:
    """``label + value + unit`` for each part whose value is known; unknown ones are left out.

    A report with a blank where a number belongs cannot be filed (#18: "共计万元"), so a
    clause without its figure is dropped rather than printed empty.
    """
    return [f"{label}{value}{unit}" for label, value, unit in parts if value]


def _funds(doc: Document) -> list[Block]:
    year = f"{doc.year}年度，" if doc.year else ""
    blocks: list[Block] = [Heading("一、专项资金基本情况"), Heading("（一）专项资金安排情况", 2)]
    sentences = _breakdowns(doc)
    total = _money(doc, "合计:专项资金")
    if total:
        text = f"{year}省财政共安排专项资金共计{total}万元"
        text += f"，其中：{sentences[0]}。" if sentences else "。"
    elif sentences:
        text = f"{year}省财政安排专项资金（总额未列明），其中：{sentences[0]}。"
    else:
        text = f"{year}专项资金安排总额未列明。"
    for more in sentences[1:]:
        text += f"按照支出方向，其中：{more}。"
    blocks += [
        Paragraph(text),
        Heading("（二）专项资金到位和执行情况", 2),
        Paragraph(_arrival(doc)),
    ]
    return blocks


def _arrival(doc: Document) -> str:
    """The arrival and execution sentence, with only the figures the document states."""
    arrived = _clauses(
        ("实际用于专项的资金", _money(doc, "到位:合计"), "万元"),
        ("资金到位率", _value(doc, "到位率"), "%"),
        ("其中专项资金", _money(doc, "到位:专项资金"), "万元"),
        ("混合使用的业务工作经费", _money(doc, "到位:业务工作经费"), "万元"),
    )
    spent = _clauses(
        ("已使用资金", _money(doc, "支出:合计"), "万元"),
        ("其中专项资金", _money(doc, "支出:专项资金"), "万元"),
        ("混合使用的业务工作经费", _money(doc, "支出:业务工作经费"), "万元"),
        ("资金执行率", _value(doc, "执行率"), "%"),
    )
    when = f"截至{doc.year}年12月31日，" if doc.year else ""
    parts = ["，".join(p) for p in (arrived, spent) if p]
    if not parts:
        return f"{when}资金到位和执行金额未列明（详见附件1）。"
    return f"{when}{'；'.join(parts)}（详见附件1）。"


def _work(doc: Document) -> list[Block]:
    heading = Heading("二、绩效评价工作情况")
    total = _value(doc, "抽查:项目总数")
    if not total:
        return [heading]
    sample = _clauses(
        ("现场评价小组本次共抽取了", _value(doc, "抽查:抽取项目数"), "个子项目"),
        ("涉及资金", _money(doc, "抽查:资金"), "万元"),
        ("项目数占项目总数的", _value(doc, "抽查:项目数占比"), "%"),
        ("抽查资金占专项资金总额的", _value(doc, "抽查:资金占比"), "%"),
    )
    year = f"{doc.year}年" if doc.year else ""
    text = f"{year}专项资金共{total}个子项目"
    text += "，" + "，".join(sample) if sample else ""
    return [heading, Paragraph(text + "，详见现场评价明细表（附件2）。")]


def _levels(doc: Document) -> list[str]:
    """Level names that have both a stated weight and a stated score in the narrative."""
    names = [
        f.name[3:]
        for f in doc.figures
        if f.name.startswith("分值:")
        and "/" not in f.name
        and _value(doc, f.name)
        and _value(doc, "得分:" + f.name[3:])
    ]
    return list(dict.fromkeys(names))


def _conclusion(doc: Document) -> list[Block]:
    total, grade = doc.totals.get("reported_score"), doc.totals.get("grade")
    text = "评价小组根据评价指标体系及评价标准进行评价分析，"
    if total is not None:
        text += f"得出评价结论：本项目绩效评价最终得分为{points(total)}分"
        text += f"，绩效评价结果为“{grade}”。" if grade else "。"
    else:
        text += "最终得分和评价结论未列明。"
    clauses = []
    for level in _levels(doc):
        clause = f"项目{level}分值{_value(doc, '分值:' + level)}分，评价得分{_value(doc, '得分:' + level)}分"
        reason = figure(doc, "扣分原因:" + level)
        clauses.append(
            clause + (f"，主要扣分原因是{reason.text}" if reason and reason.text else "")
        )
    if clauses:
        text += "其中：" + "；".join(clauses) + "；详见指标评分表（附件3）。"
    return [
        Heading("三、综合评价结论及指标分析"),
        Paragraph(text),
        Heading("四、专项资金的绩效情况"),
        Paragraph("各项目绩效目标完成情况详见附件4。"),
    ]


def _texts(doc: Document, heading: str, prefix: str) -> list[Block]:
    found: list[Figure] = [f for f in doc.figures if f.name.startswith(prefix)]
    if not found:
        return []
    numerals = "一二三四五六七八九十"
    blocks: list[Block] = [Heading(heading)]
    for i, stated in enumerate(found):
        name = stated.name[len(prefix) :]
        blocks += [Heading(f"（{numerals[i % 10]}）{name}", 2), Paragraph(stated.text)]
    return blocks


def _charts(doc: Document) -> list[Block]:
    charts: list[Block] = []
    levels = _levels(doc)
    if levels:
        weights = [figure(doc, "分值:" + name).value for name in levels]  # type: ignore[union-attr]
        scores = [figure(doc, "得分:" + name).value for name in levels]  # type: ignore[union-attr]
        charts.append(
            Chart("各一级指标分值与得分", levels, {"分值": weights, "得分": scores}, "分")
        )
    spent = [
        (p.name, p.spent.get("total")) for p in doc.projects if p.spent.get("total") is not None
    ]
    if spent:
        top = sorted(spent, key=lambda item: item[1], reverse=True)[:12]  # type: ignore[arg-type,return-value]
        charts.append(
            Chart("支出最多的项目", [n for n, _ in top], {"支出": [v for _, v in top]}, "万元")
        )  # type: ignore[misc]
    return charts


def _attachments(doc: Document) -> list[Block]:
    blocks: list[Block] = []
    year = f"{doc.year}年度" if doc.year else ""
    if doc.projects:
        blocks += [
            PageBreak(),
            Paragraph("附件 1"),
            Heading(f"{year}专项资金使用结构明细表", 1),
            Paragraph("单位：万元"),
            tables.funds_table(doc),
        ]
    if doc.allocations:
        blocks += [
            PageBreak(),
            Paragraph("附件 2"),
            Heading(f"{year}专项资金现场评价明细表", 1),
            Paragraph("单位：万元"),
            tables.allocations_table(doc),
        ]
    scored, targeted = tables.split_sheets(doc)
    if scored:
        sheet = _sheet_name(doc)
        blocks += [
            PageBreak(),
            Paragraph("附件 3"),
            Heading(f"专项资金绩效评价指标评分表（{sheet}）", 1),
            tables.scores_table(doc, scored, sheet),
        ]
    if targeted or doc.budget is not None:
        blocks += [
            PageBreak(),
            Paragraph("附件 4"),
            Heading(f"{year}专项资金绩效目标完成情况汇总表", 1),
            tables.targets_table(doc, targeted),
        ]
    return blocks


def _sheet_name(doc: Document) -> str:
    for f in doc.figures:
        if f.name.startswith("合计:") and f.name.endswith("/分值") and "绩效目标" not in f.name:
            return f.name[3:-3]
    return "共性指标"
