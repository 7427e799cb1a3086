"""The head of a self-evaluation table: its title, the body it is about, and the year.

The forms print the body as a labelled row: ``部门名称及编码 韶关市市场监督管理局 141001``
(部门整体), or ``主管部门及代码 … 实施单位 …`` (项目). The year is rarely printed in the head;
when the title does not carry it, the year the document reports on is the year its own text
names most often (targets and tasks of that year), and only when that is clear.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from jixiao.core.documents import Figure, Organization
from jixiao.ingest.cells import compact, fragments
from jixiao.ingest.lines import Line

TITLE_WORDS = re.compile(r"(自评表|自评报告|绩效自评|绩效评价表)")
ORG_LABEL = re.compile(
    r"^(部门名称(及编码|及代码|及编号)?|单位名称(及编码|及代码)?|单位信息|预算单位|"
    r"主管部门(及编码|及代码)?|实施单位|项目名称|业务处室名称)(?:[（(][^）)]{0,6}[）)])?[:：]?"
)
ORG_PRIORITY = ("部门名称", "单位名称", "单位信息", "预算单位", "主管部门", "实施单位")
OTHER_LABEL = re.compile(
    r"^([\u4e00-\u9fff（）()%]{2,12}[:：]|(联系人|联系电话|联系人及电话|填报人|填表人|填报日期)[:：]?)$"
)
ANNOTATION = re.compile(r"^[（(][^）)]{1,6}[）)]$")
LEADING_CODE = re.compile(r"^(\d{3,})\s*[-－—_]\s*(\S.*)$")
CODE = re.compile(r"^[\[【（(]?(\d{3,})[\]】）)]?$")
TRAILING_CODE = re.compile(r"^(.*?)[\[【（(](\d{3,})[\]】）)]$")
YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年")
GRADE = re.compile(
    r"(?:自评等级|评价等级|绩效等级|等级评定|自评结论|评价结论|综合评价|评定等级|(?<=分[，,])等级)"
    r"(?:[:：]|为|是)?"
    r"(优秀|优|良好|良|中等|中|差|合格|不合格)(?=$|[。；;，,)）（(\s])"
)
YEAR_OF_REPORT = re.compile(r"(20\d\d)\s*年度")
YEAR_MENTION = re.compile(r"(?<![〔\[【\d])(20\d\d)\s*年")


def read_title(lines: list[Line]) -> str:
    """The title: the first head line naming the form, else the first non-empty line."""
    texts = [compact("".join(line.filled)) for line in lines if line.filled]
    for text in texts:
        if TITLE_WORDS.search(text) and len(text) <= 60:
            return text
    return texts[0] if texts else ""


def labelled_values(lines: list[Line]) -> dict[str, str]:
    """Read ``label value [label value …]`` rows of the head into {label: value}.

    Any other label (``项目经办人:``) ends the value before it. A label alone on its line
    (a table copied cell by cell) takes its value from the next line.
    """
    values: dict[str, list[str]] = {}
    label = None
    for line in lines:
        label = label if label is not None and not values[label] else None
        for part in (token for cell in fragments(line) for token in _tokens(cell)):
            if ANNOTATION.match(part):
                continue  # (盖章), （签字）: a note on the label, not its value
            match = ORG_LABEL.match(part)
            value = part
            if match:
                label = match.group(1)
                values.setdefault(label, [])
                value = part[match.end() :]
            elif OTHER_LABEL.match(part):
                label = None
            if label is not None and value:
                values[label].append(value)
    return {label: " ".join(parts) for label, parts in values.items()}


def _tokens(cell: str) -> list[str]:
    """A cell that holds several ``label: value`` pairs (``单位信息: … 项目名称:``) as its words."""
    words = cell.split()
    labelled = any(
        (ORG_LABEL.match(w) and w.endswith((":", "："))) or OTHER_LABEL.match(w) for w in words[1:]
    )
    return words if labelled else [cell]


def split_code(value: str) -> tuple[str | None, str | None]:
    """Split ``韶关市市场监督管理局 141001`` (or ``…（141001）``, ``141001-…``) into name and code.

    Budget systems print a unit as ``code-name`` (``324001-甘孜藏族自治州市场监督管理局机关``).
    """
    leading = LEADING_CODE.match(value.strip())
    if leading:
        return leading.group(2).strip() or None, leading.group(1)
    parts = value.split()
    code = None
    found = CODE.match(parts[-1]) if len(parts) > 1 else None
    if found:
        code, parts = found.group(1), parts[:-1]
    name = "".join(parts) or None
    match = TRAILING_CODE.match(name or "")
    if code is None and match:
        name, code = match.group(1), match.group(2)
    return name, code


def read_organization(values: dict[str, str]) -> Organization:
    """The body the table is about: the department, else the unit, else the supervisor."""
    for prefix in ORG_PRIORITY:
        for label, value in values.items():
            if label.startswith(prefix) and value:
                name, code = split_code(value)
                return Organization(name=name, code=code)
    return Organization()


def head_figures(values: dict[str, str]) -> list[Figure]:
    """Keep the other labelled head values (项目名称, 业务处室名称) as text figures."""
    return [
        Figure(name=label, value=None, text=value)
        for label, value in values.items()
        if label.startswith(("项目名称", "业务处室名称", "实施单位")) and value
    ]


BUDGET_WEIGHT = re.compile(
    r"(预算(?:资金)?执行率权重(?:[（(]%[）)])?)[:：]\s*(\d+(?:\.\d+)?)?\s*$"
)


def budget_weight_figure(lines: list[Line]) -> list[Figure]:
    """The head's ``预算执行率权重(%):`` cell as the figure ``预算执行率权重`` (None when blank).

    A 绩效目标表 prints the fund's weight in its head rather than in a fund block; a blank
    one is a required cell left empty, which the checks report (never fill in).
    """
    for line in lines:
        for part in fragments(line):
            match = BUDGET_WEIGHT.search(part.strip())
            if match:
                value = Decimal(match.group(2)) if match.group(2) else None
                return [Figure("预算执行率权重", value, "%", match.group(1), line.source)]
    return []


def read_year(title: str, head: str, text: str) -> int | None:
    """The year reported on, never a date such as 填报日期.

    From the title, else a ``20xx年度`` of the head, else the year the whole text names
    clearly most often.
    """
    match = YEAR_IN_TITLE.search(title) or YEAR_OF_REPORT.search(head)
    if match:
        return int(match.group(1))
    counts = Counter(int(y) for y in YEAR_MENTION.findall(text)).most_common(2)
    if not counts or counts[0][1] < 2:
        return None
    if len(counts) > 1 and counts[1][1] * 2 > counts[0][1]:
        return None
    return counts[0][0]


def read_grade(lines: list[Line]) -> str | None:
    """The grade the table states for itself (自评等级：优), 优秀/良好/中等 read as 优/良/中."""
    for line in lines:
        match = GRADE.search(compact("".join(line.filled)))
        if match:
            grade = match.group(1)
            return grade[0] if grade in ("优秀", "良好", "中等") else grade
    return None


HEAD_SCORE_LABEL = re.compile(r"^(?:自评得分|自评总分|自评总得分)[:：]?(\d{1,3}(?:\.\d+)?)?$")
BARE_SCORE = re.compile(r"^\d{1,3}(?:\.\d+)?$")


def head_score(lines: list[Line]) -> list[Figure]:
    """The score the head block states for the whole form (区域绩效目标自评表: 自评得分 100).

    Copied cell by cell, the value may come several cells after its label (the label's cell
    spans two rows, the second row's cells are printed first): it is the first bare number
    after the label in the head.
    """
    for n, line in enumerate(lines):
        label = HEAD_SCORE_LABEL.match(compact(line.text))
        if not label:
            continue
        if label.group(1):
            return [Figure("自评得分", Decimal(label.group(1)), "分", line.text, line.source)]
        for later in lines[n + 1 :]:
            if BARE_SCORE.match(compact(later.text)):
                value = Decimal(compact(later.text))
                return [Figure("自评得分", value, "分", later.text, later.source)]
        return []
    return []
