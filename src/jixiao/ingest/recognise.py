"""Which kind of performance document is this? Decided from its language and structure.

File names say nothing reliable (bureaus send ``附件1.docx``), so each kind is recognised by
the terms its form prints and the structure it has. Each signal found adds its weight to its
kind; a signal in the document's head (its title area) counts double, because the title names
the form (``…绩效自评表``, ``…评价报告``, ``…政府信息公开工作年度报告``) while the body of one
kind often quotes another (an evaluation report attaches self-evaluation tables). The best
kind wins if it reaches :data:`MINIMUM`; otherwise the text is not a performance document and
the answer is ``None`` (the CLI then exits 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.ingest.lines import Lines

MINIMUM = 5
HEAD_CHARS = 300


@dataclass(frozen=True)
class Signal:
    """A pattern that speaks for a kind, with its weight."""

    kind: str
    pattern: str
    weight: int
    min_count: int = 1
    # The signal speaks only where the text has (True) or lacks (False) indicator rows
    # (:func:`has_indicator_rows`); None: either way.
    with_rows: bool | None = None


SIGNALS = (
    Signal("indicator_system", r"指标体系", 3),
    Signal("indicator_system", r"一级指标", 1),
    Signal("indicator_system", r"年度工作目标", 3),
    Signal("indicator_system", r"目标制定依据", 4),
    Signal("indicator_system", r"责任处室|责任科室|责任单位", 3),
    Signal("indicator_system", r"责任人", 2),
    # a 评价表 template that weights its levels themselves: 一级指标 权重 二级指标 分值 三级指标
    Signal(
        "indicator_system", r"一级指标\s*(?:权重|分值)\s*二级指标\s*(?:权重|分值)\s*三级指标", 6
    ),
    Signal("indicator_system", r"(?m)^[\t ]*\d{1,2}\.\d{1,2}(?!\d)[ \t]*[\u4e00-\u9fff]", 3, 3),
    # a score sheet that prints each indicator's points in its name: 相关性(5分), many times
    Signal("indicator_system", r"[\u4e00-\u9fff][(（]\d{1,2}分[)）]", 6, 8),
    Signal("self_evaluation", r"绩效自评表|自评表", 4),
    Signal("self_evaluation", r"绩效目标(?:申报|完成情况)?表", 3),
    Signal("self_evaluation", r"一级指标[\s|]*二级指标[\s|]*三级指标", 2),
    Signal("self_evaluation", r"年初预算(?:数)?", 2),
    Signal("self_evaluation", r"全年预算(?:数)?", 2),
    Signal("self_evaluation", r"全年执行(?:数)?", 2),
    Signal("self_evaluation", r"三级指标", 2),
    Signal("self_evaluation", r"指标方向", 2),
    Signal("self_evaluation", r"年度指标值|年度目标值", 2),
    Signal("self_evaluation", r"实际完成值", 1),
    # A 自评报告 with indicator rows (a table, or 目标值…完成值 sentences) is the self-evaluation
    # itself; one in prose only (money, organisation, a score) is a report on it.
    Signal("self_evaluation", r"自评报告", 4, with_rows=True),
    Signal("evaluation_report", r"自评报告", 4, with_rows=False),
    # the level names every indicator table prints, and the sign-off of Sichuan's 自评表
    Signal("self_evaluation", r"(?:数量|质量|时效|成本)指标", 2, 2),
    Signal("self_evaluation", r"项目负责人[:：]\s*财务负责人", 3),
    # a prose report's indicator sentence: 目标值X，完成值Y，分值Z (any wording of the fields)
    Signal(
        "self_evaluation",
        r"(?:目标值|指标值)[^。；\n]{0,30}?(?:完成值|实际完成|实际值)[^。；\n]{0,30}?(?:分值|权重)",
        3,
        2,
    ),
    Signal("evaluation_report", r"评价报告|考评报告", 4),
    # the cover of a commissioned evaluation names who evaluates: 评价机构 / 考评机构：中介机构
    Signal("evaluation_report", r"(?:评价|考评)(?:机构|方式|类型)", 2),
    Signal("evaluation_report", r"评价结论|评价结果", 2),
    Signal("evaluation_report", r"资金使用结构明细表", 3),
    Signal("evaluation_report", r"绩效评价指标评分表|评分表", 3),
    Signal("evaluation_report", r"附件\d", 1),
    Signal("evaluation_report", r"到位率", 1),
    Signal("evaluation_report", r"(?:专项|项目)资金", 1),
    Signal("evaluation_report", r"存在的问题|主要问题", 1),
    Signal("evaluation_report", r"综合评分|综合得分|评价得分|评价等级", 2),
    Signal("disclosure_report", r"政府信息公开工作年度报告|政务公开工作年度报告", 6),
    Signal("disclosure_report", r"收到和处理政府信息公开申请情况", 4),
    # every annual report opens on the regulation it is made under
    Signal("disclosure_report", r"政府信息公开条例", 3),
    Signal("disclosure_report", r"主动公开", 2),
    Signal("disclosure_report", r"依申请公开", 2),
    Signal("disclosure_report", r"行政复议", 1),
    Signal("disclosure_report", r"行政诉讼", 1),
    Signal("work_goals", r"工作目标|工作要点|工作计划|工作任务|工作总结", 3),
    Signal("work_goals", r"实施方案|行动方案|工作方案|行动计划", 2),
    Signal("work_goals", r"政府工作报告|国民经济和社会发展|规划纲要|五年规划", 4),
    # the opening every government work report is read with: 我代表市人民政府向大会报告工作
    Signal("work_goals", r"我代表[\u4e00-\u9fff]{0,12}人民政府[，,]?向大会报告", 5),
    Signal("work_goals", r"预期目标|主要目标", 3),
    # the year ahead's targets as news reports them: 明年食品安全抽检合格率要达到98%
    Signal(
        "work_goals",
        r"(?:明年|今年|新的一年)[^。；\n]{0,24}?(?:达到|实现|确保|力争|提高到|控制在)[^。；\n]{0,12}?\d",
        3,
    ),
    Signal("work_goals", r"(?:提出|确定|明确)[^。；\n]{0,16}?(?:新目标|目标任务|工作目标)", 2),
    Signal(
        "work_goals",
        r"(?:增长|控制在|保持在|涨幅|降低|下降)[^，。；]{0,12}?\d(?:左右|以上|以内|%左右|%以上|%以内)",
        2,
        2,
    ),
    Signal("work_goals", r"总体要求|主要目标|发展目标|主要任务|重点任务", 2),
    Signal("work_goals", r"(?:达到|提高到|压缩到|控制在|不低于|不少于)[^，。；,;]{0,12}?\d", 2, 3),
    Signal("work_goals", r"[（(][一二三四五六七八九十]{1,2}[)）]", 2, 2),
    Signal("work_goals", r"一是.{2,400}?二是", 2),
    Signal("work_goals", r"(?:^|\n)[一二三四五六七八九十]{1,2}、", 1, 2),
)

# Structure that rules a kind out: work goals are prose, not an indicator table.
TABLE_TERMS = re.compile(r"一级指标|三级指标|年度指标值|目标制定依据|责任处室|指标方向")
# Indicator rows: an indicator table's headings, or prose indicator sentences (目标值X，完成值Y,
# as a self-evaluation report prints each indicator).
ROW_TERMS = re.compile(TABLE_TERMS.pattern + r"|实际完成值")
PROSE_ROW = re.compile(r"(?:目标值|指标值)[^。；\n]{0,30}?(?:完成值|实际完成)")


def has_indicator_rows(body: str) -> bool:
    """Whether the text holds indicator rows, in a table or in sentences."""
    return bool(ROW_TERMS.search(body) or PROSE_ROW.search(body))


def normalise(text: str) -> str:
    """Drop spaces (PDF text spaces out CJK: ``年 度 报 告``) but keep line breaks."""
    text = text.replace("\t", "\n")
    return re.sub(r"[ \u3000\xa0]+", "", text)


def score_kinds(text: str) -> dict[str, int]:
    """The score of every kind for ``text`` (see the module docstring)."""
    body = normalise(text)
    head = body.lstrip()[:HEAD_CHARS]
    scores: dict[str, int] = {}
    rows = has_indicator_rows(body)
    for signal in SIGNALS:
        if signal.with_rows is not None and signal.with_rows != rows:
            continue
        count = len(re.findall(signal.pattern, body))
        if count < signal.min_count:
            continue
        bonus = signal.weight if re.search(signal.pattern, head) else 0
        scores[signal.kind] = scores.get(signal.kind, 0) + signal.weight + bonus
    if "work_goals" in scores and TABLE_TERMS.search(body):
        scores["work_goals"] -= 6
    return scores


def recognise_kind(lines: Lines) -> str | None:
    """The kind of document ``lines`` hold (one of ``KINDS``), or None when nothing fits."""
    scores = score_kinds(lines.text)
    if not scores:
        return None
    kind, best = max(scores.items(), key=lambda item: item[1])
    return kind if best >= MINIMUM else None
