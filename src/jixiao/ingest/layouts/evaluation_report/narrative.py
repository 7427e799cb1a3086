"""The report's prose → figures, read by wording (never by position).

Figure names made here (values in 万元, % or 分, as printed):
- ``合计:专项资金`` — the fund's total (``共计33,085.00万元``);
- ``分项:<label>`` and ``占比:<label>`` — every ``<label> X万元，占比Y%`` (省直机关安排, 市场监管补助 …);
  the figure's ``text`` is the whole sentence, so the parts of one breakdown can be grouped;
- ``到位:合计`` / ``到位:专项资金`` / ``到位:业务工作经费`` and ``到位率``; ``支出:合计`` /
  ``支出:专项资金`` / ``支出:业务工作经费`` and ``执行率`` — from the 到位和执行 sentence;
- ``抽查:项目总数``, ``抽查:抽取项目数``, ``抽查:资金``, ``抽查:项目数占比``, ``抽查:资金占比``;
- ``分值:<level>`` / ``得分:<level>`` (``项目决策分值22分，评价得分20.1分`` → 决策) and
  ``扣分原因:<level>`` (text); ``得分:总分`` and ``等级`` come with the totals;
- ``问题:<heading>`` and ``建议:<heading>`` (text): the sections 存在的问题 and 有关建议, one per
  sub-heading (``（一）专项资金政策方面``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.documents import Figure, Project, Source
from jixiao.ingest.lines import Line

from .cells import clean

NUM = r"(\d[\d,，]*(?:\.\d+)?)"
#: ``<label> X万元，占比Y%``. The label is read from the start of its run of Chinese, possessively
#: (a digit ends it anyway), so a long run is scanned once, not once per character.
_LABEL = "\u4e00-\u9fff（）()"
SHARE = re.compile(
    rf"(?<![{_LABEL}])([{_LABEL}]++)\s*{NUM}\s*万元\s*[，,]?\s*占比\s*{NUM}\s*%"
)
TOTAL = re.compile(rf"共计\s*{NUM}\s*万元")
LEVEL = re.compile(
    rf"([\u4e00-\u9fff]{{1,8}}?)分值\s*{NUM}\s*分\s*[，,]\s*(?:评价)?得分\s*{NUM}\s*分"
    r"(?:\s*[，,]\s*主要扣分原因[为是]?(.*?))?[；;。]"
)
SCORE = re.compile(rf"(?:得分|评分|分数)\s*(?:合计|结果)?\s*(?:为|是|[:：])?\s*{NUM}\s*分")
FINAL = re.compile(r"(?:最终|综合|总|评价|自评|绩效评价)(?:得分|评分)|评分结果|总分")
GRADE = re.compile(
    r"(?:(?:结果|等级|结论|评定|评价|评级)\s*(?:为|是|[:：])\s*|(?:结果|等级)\s*(?=[“\"「『]))"
    r"[“\"「『]?(优秀|良好|中等|较差|[优良中差](?![\u4e00-\u9fff]))"
)
GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}
SECTION = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(.+)$")
SUB = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*(.+)$")


def dec(text: str) -> Decimal:
    """A printed number with thousands separators as Decimal."""
    return Decimal(text.replace(",", "").replace("，", ""))


def _label(text: str) -> str:
    text = re.split(r"[：:，,；;。]|其中", text)[-1]
    return text.strip()


def share_figures(text: str, source: Source | None) -> list[Figure]:
    """``合计:专项资金`` and every ``<label> X万元，占比Y%`` of the text, sentence by sentence."""
    figures = []
    for sentence in re.split(r"。", text):
        total = TOTAL.search(sentence)
        if total:
            figures.append(Figure("合计:专项资金", dec(total.group(1)), "万元", sentence, source))
        for match in SHARE.finditer(sentence):
            label = _label(match.group(1))
            figures.append(Figure(f"分项:{label}", dec(match.group(2)), "万元", sentence, source))
            figures.append(Figure(f"占比:{label}", dec(match.group(3)), "%", sentence, source))
    return figures


def _side(clause: str, prefix: str, source: Source | None) -> list[Figure]:
    """One side (到位 or 支出): the total before 其中, then 专项资金 and 业务工作经费."""
    figures = []
    head, _, parts = clause.partition("其中")
    total = re.search(rf"{NUM}\s*万元", head)
    if total:
        figures.append(Figure(f"{prefix}:合计", dec(total.group(1)), "万元", clause, source))
    for word in ("专项资金", "业务工作经费"):
        found = re.search(rf"{word}\s*{NUM}\s*万元", parts)
        if found:
            figures.append(Figure(f"{prefix}:{word}", dec(found.group(1)), "万元", clause, source))
    for word in ("到位率", "执行率"):
        found = re.search(rf"{word}\s*(?:为|达到?)?\s*{NUM}\s*%", clause)
        if found:
            figures.append(Figure(word, dec(found.group(1)), "%", clause, source))
    return figures


def money_figures(text: str, source: Source | None) -> list[Figure]:
    """到位 and 支出 amounts and rates, from the sentence that states the 到位率."""
    for sentence in text.split("。"):
        if "到位率" not in sentence:
            continue
        figures = []
        for clause in re.split(r"[；;]", sentence):
            spent = re.search(r"已使用|已支出|支出资金|实际支出", clause)
            figures += _side(clause, "支出" if spent else "到位", source)
        return figures
    return []


SAMPLE = (
    ("抽查:项目总数", rf"共\s*{NUM}\s*个子?项目", "个"),
    ("抽查:抽取项目数", rf"抽取了?\s*{NUM}\s*个", "个"),
    ("抽查:资金", rf"涉及资金\s*{NUM}\s*万元", "万元"),
    ("抽查:项目数占比", rf"项目数占[^%。]*?{NUM}\s*%", "%"),
    ("抽查:资金占比", rf"资金占[^%。]*?{NUM}\s*%", "%"),
)


def sample_figures(text: str, source: Source | None) -> list[Figure]:
    """The on-site sample: how many sub-projects and how much money, and their shares."""
    for sentence in text.split("。"):
        if "抽取" not in sentence:
            continue
        figures = []
        for name, pattern, unit in SAMPLE:
            found = re.search(pattern, sentence)
            if found:
                figures.append(Figure(name, dec(found.group(1)), unit, sentence, source))
        return figures
    return []


def level_figures(text: str, source: Source | None) -> list[Figure]:
    """``项目决策分值22分，评价得分20.1分，主要扣分原因…`` → 分值/得分/扣分原因 of 决策."""
    figures = []
    for match in LEVEL.finditer(text):
        level = match.group(1).removeprefix("其中").removeprefix("项目")
        figures.append(Figure(f"分值:{level}", dec(match.group(2)), "分", match.group(0), source))
        figures.append(Figure(f"得分:{level}", dec(match.group(3)), "分", match.group(0), source))
        if match.group(4):
            reason = match.group(4).strip()
            figures.append(Figure(f"扣分原因:{level}", None, None, reason, source))
    return figures


def score_and_grade(text: str) -> tuple[Decimal | None, str | None]:
    """The report's final score and grade, from the conclusion's wording.

    The score is the first ``得分/评分 X分`` of a sentence that names it final (综合评分,
    总得分, 评价得分 …), else of any sentence without a 分值 (a level's weight and score);
    grades printed as 优秀/良好/中等/较差 are read as 优/良/中/差.
    """
    sentences = [s for s in re.split(r"[。；;\n]", text) if "分值" not in s]
    score = None
    for wanted in (True, False):
        for sentence in sentences:
            found = SCORE.search(sentence)
            if found and (not wanted or FINAL.search(sentence[: found.end()])):
                score = dec(found.group(1))
                break
        if score is not None:
            break
    grade = next((m.group(1) for m in map(GRADE.search, text.split("。")) if m), None)
    return score, GRADE_WORDS.get(grade or "", grade)


def section_texts(lines: list[Line], keyword: str, prefix: str) -> list[Figure]:
    """The sub-sections of the section whose heading holds ``keyword`` → text figures."""
    figures: list[Figure] = []
    inside = False
    for line in lines:
        text = clean(line.text)
        heading = SECTION.match(text)
        if heading:
            inside = keyword in heading.group(1)
            continue
        if not inside or not text:
            continue
        sub = SUB.match(text)
        if sub:
            figures.append(Figure(f"{prefix}:{sub.group(1)}", None, None, "", line.source))
        elif figures:
            figures[-1].text += text
    return figures


#: A money list in prose: ``项目支出包括委员活动经费36.3万元，扫黑除恶工作经费1万元，…`` (spent) or
#: ``…55.4万元，其中，拨付市局8.4万元，拨付市食药中心47万元`` (allocated). Two items at least;
#: each item a name of 2–24 characters and an amount in 万元.
MONEY_ITEM = rf"[{_LABEL}]{{2,24}}?\d+(?:\.\d+)?万元"
#: Under 其中 only allocations count (拨付市局8.4万元): a 其中 of income or expense types
#: (其中：人员经费支出434.89万元) is not a list of projects.
ALLOCATED = rf"(?:拨付|下达|分配){MONEY_ITEM}"
MONEY_LIST = re.compile(
    rf"(项目支出包括)((?:{MONEY_ITEM}[，,、；;]){{1,19}}{MONEY_ITEM})"
    rf"|(其中)[，,:：]?((?:{ALLOCATED}[，,、；;]){{1,19}}{ALLOCATED})"
)
MONEY_NAME = re.compile(rf"(?:拨付|下达|分配)?([{_LABEL}]{{2,24}}?)(\d+(?:\.\d+)?)万元")


def prose_projects(text: str, source: Source | None) -> list[Project]:
    """The projects a report without a fund table lists in a sentence, with their money.

    ``项目支出包括`` lists what was spent; a ``其中`` after a sum lists how it was allocated.
    """
    projects = []
    for match in MONEY_LIST.finditer(text):
        side = "spent" if match.group(1) else "available"
        for item in MONEY_NAME.finditer(match.group(2) or match.group(4)):
            project = Project(name=item.group(1), source=source)
            getattr(project, side)["正文"] = dec(item.group(2))
            projects.append(project)
    return projects
