"""The table stage: tables rebuilt from any text rendering, columns known by their meaning.

Readers of real tables (.docx .xlsx .pdf ruled tables, .html) give grid rows. Text gives a
table in many renderings: one row a line (tabs, pipes, spaces), one cell a line (a web page
copied, with or without blank lines between cells), the whole table on one line, a cell per
``|`` line. Whatever the rendering, the cells come in reading order; only the row breaks are
lost. This stage puts them back by *meaning*, never by one file's positions:

- each kind declares its table's columns once (:data:`SCHEMAS`): a name, the header words that
  name it, and the type of its cells (a level label, a name, a target expression, a unit, a
  score, free text …);
- the printed header says which columns this table has and in which order;
- the body's cells are fitted to those columns by a small dynamic-programming alignment
  (:func:`align`): every cell scores how well it fits each column type, a column left out of a
  row (a merged label printed once, an empty cell dropped) costs a little, and the best
  scoring split of the whole stream into rows wins. Linear in the number of cells.

Rebuilt tables are handed on as grid rows (``Line.table`` set) under a header row of the
columns' names, so a kind's layout reads them exactly like a .docx table.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial

from jixiao.core.disclosure import COLUMN_PATTERNS
from jixiao.core.documents import Source
from jixiao.ingest import fixed_width
from jixiao.ingest.cells import (
    PAGE_NUMBER,
    compact,
    is_blank_mark,
    is_page_chrome,
    place,
    to_number,
    unbalanced,
)
from jixiao.ingest.lines import Line, Lines

# Cell types: what a column's cells look like.
LEVEL, NAME, NATURE, DIRECTION, TARGET, UNIT, SCORE, TEXT, SEQ = (
    "level",
    "name",
    "nature",
    "direction",
    "target",
    "unit",
    "score",
    "text",
    "seq",
)
FUND, MONEY, RATE, COUNT, ROW = "fund", "money", "rate", "count", "row"
FIGURE = "figure"  # a count or an amount with its sign and unit (增 1, 42 项, 13989.54 万元)
MARK = "mark"  # a form's fill-in column: left blank, a slash, an example's number (①)
GOAL, TASK, DEPARTMENT, PERSON, BASIS = "goal", "task", "department", "person", "basis"
# A level label left inside the rows of a header that names no level column (see
# :func:`_unprinted_levels`): only the levels' own words fit it.
INNER_LEVEL = "inner_level"
TABLE_NUMBER = 900  # rebuilt tables are numbered from here, apart from the reader's own
# The most body cells one rebuilt table may hold (about 1,000 rows; real indicator tables have
# under 200). The alignment is linear, about 0.5 ms a cell; past this the rest stays text, with
# a warning.
MAX_CELLS = 8_000
HEAD_PART = re.compile(r"^[\u4e00-\u9fff]{1,4}$")  # a header label's first line (年度, 年初)
NOTE = re.compile(r"^[（(][^（()）]{1,8}[)）]$")  # a header label's note alone: (万元), (%)
UNCLOSED = 3.0  # what a cell loses that leaves a bracket open, or opens with a comma
CONTINUES = re.compile(r"^[、，,。；;：:）)》」”]")
MAX_SPAN = 4  # the most text pieces one cell may have been split into (space-separated text)
# A form's template left in: an unfilled row's placeholder (指标2, ……) and the numbering the
# template glues onto a filled name (指标1工程完工率). A placeholder is an empty cell.
TEMPLATE_MARK = re.compile(r"^(指标\d{1,2}[:：]?|[…]+|\.{3,}|。{3,}|等)$")
TEMPLATE_NUMBER = re.compile(r"^指标\d{1,2}[:：、.．]?(?=[\u4e00-\u9fff])")


@dataclass(frozen=True)
class Column:
    """A column of a kind's table: its name, the header words naming it, its cell type.

    ``skip`` is what it costs a row to leave the column out: small for a merged label printed
    once per group, larger for a value every row should have.
    """

    name: str
    synonyms: str
    type: str
    skip: float = 1.5
    signed: bool = False  # the value a sign printed before it (=, ≥) compares: the target


@dataclass(frozen=True)
class Schema:
    """The columns of one kind of table; ``key`` is the column every row must fill."""

    kind: str
    columns: tuple[Column, ...]
    key: str
    stops: str = r"^$"
    # The key column when its header cell is not printed (table 三's row labels sit under a
    # counting note); a header then needs three named columns.
    implied: bool = False
    # Columns in the schema's order, whatever order the header prints them in: a header of two
    # rows (申请人情况 / 自然人 法人或其他组织 总计 / 商业企业 …) loses its order as text.
    ordered: bool = False
    groups: str = r"^$"  # header words over a group of columns (法人或其他组织), not columns
    # Whether rows the reader gave as cells (tabs, pipes) are rebuilt too; a table whose
    # layout reads such rows itself (by their labels, by tab-opened cells) keeps them.
    celled: bool = True
    # The columns of the table printed without its header, its levels glued to the first
    # name (the end of a form copied as one line); empty: never read without a header.
    bare: tuple[str, ...] = ()
    least: int = 3  # the fewest columns a printed header names (table 二's blocks have two)
    # Columns a header must name to be this table's (the weighted-levels form: 一级权重).
    needs: tuple[str, ...] = ()
    # Whether a header word names the first such column after the one before it in the
    # schema's order: the same word names two columns (分值 of a 二级, 分值 of a 三级).
    sequence: bool = False

    @lru_cache(maxsize=65536)  # noqa: B019 - schemas are a few module constants
    def named(self, text: str, after: Column | None = None) -> Column | None:
        """The column a header cell names (its words alone, notes in brackets aside), or None.

        In a ``sequence`` schema, the first column naming it after ``after`` (the header's
        column before it).
        """
        bare = bare_label(text)
        if not bare or len(bare) > 12 or to_number(bare) is not None:
            return None
        start = self.columns.index(after) + 1 if self.sequence and after in self.columns else 0
        for column in self.columns[start:]:
            match = re.search(column.synonyms, bare)
            if match and len(match.group(0)) * 2 >= len(bare):
                return column
        return None


def bare_label(text: str) -> str:
    """A header label's words without its notes in brackets (项目资金（万元） → 项目资金)."""
    return re.sub(r"[（(][^）)]*[）)]?", "", compact(text))


DIRECTION_WORD = re.compile(
    r"^((大于|小于|等于|不等于|高于|低于|不低于|不高于|或|及|且)+|[≥≤=<>＞＜＝]{1,2}|正向|反向|"
    r"正向指标|反向指标)$"
)
LEVEL_WORD = re.compile(r"^\S{1,12}指标(?:[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）])?$")
# The national second levels that are never an indicator's own name (满意度 and 成本 can be).
EFFECT_LEVEL = re.compile(r"^(经济效益|社会效益|生态效益|可持续影响)$")
# A unit: a short word (家, 批次), a sign, or a word with its note (县（市、区）, 家（次）).
UNIT_WORD = re.compile(r"^[^\d\s]{1,4}$|^[%％‰]$|^[^\d\s（(]{1,3}[（(][^\d\s（()）]{1,5}[)）]$")
TARGET_WORD = re.compile(
    r"\d|不少于|不低于|不超过|不高于|以上|以内|以下|达到|力争|至少|完成|提升|提高|降低|减少|"
    r"明显|有效|良好|满意|合格|及时|是|否|[≥≤=<>＞＜]"
)

SELF_EVALUATION_INDICATORS = Schema(
    kind="self_evaluation",
    key="三级指标",
    columns=(
        Column("序号", r"序号|编号", SEQ, 0.5),
        Column("一级指标", r"一级指标", LEVEL, 0.2),
        Column("二级指标", r"二级指标", LEVEL, 0.6),
        Column("三级指标", r"三级指标|指标名称|指标内容", NAME, 8.0),
        Column("指标性质", r"指标性质", NATURE, 1.5),
        Column("指标方向", r"指标方向|计算符号", DIRECTION, 1.5),
        Column(
            "实际完成值", r"全年实际值|实际完成值|实际完成|实际值|完成值|实施进度", TARGET, 3.0
        ),
        Column(
            "目标值", r"年度指标值|年初目标值|预期目标值|目标值|指标值", TARGET, 3.0, signed=True
        ),
        Column("计量单位", r"计量单位|度量单位|单位", UNIT, 1.2),
        Column("分值", r"分值|权重", SCORE, 2.5),
        Column("得分", r"得分", SCORE, 2.4),  # one number in a row is its 分值
        Column(
            "偏差原因",
            r"偏差原因分析及改进措施|偏差原因及改进措施|偏差原因分析|偏差原因|原因分析|改进措施|原因",
            TEXT,
            0.8,
        ),
    ),
    bare=("一级指标", "二级指标", "三级指标", "目标值", "分值"),
    stops=(
        r"^([（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]\S{12,}|\S{80,}|"
        r"注\d?[:：]|说明[:：]|填表人|填报人|联系人|联系电话|单位负责人|财务负责人|审核人|"
        r"总分|合计|总计|自评得分|综合得分|自评总分|总得分|得分合计)"
    ),
)
# A fund block row's label: a funding source (其中：财政拨款 → 财政拨款) or a total.
FUND_LABEL = re.compile(
    r"^(其中[:：]?)?\s*(年度资金总额|资金总额|当年财政拨款|财政拨款|上年结转资金|"
    r"上年结转|其他资金|合计|总计|小计)[:：]?"
)
SELF_EVALUATION_BUDGET = Schema(
    kind="self_evaluation",
    key="项目资金",
    columns=(
        # Leaving every value out costs less than dropping a known label: a source with no
        # money (其他资金 and blanks) is still a row, as in a real table.
        Column("项目资金", r"项目资金|资金来源|资金情况|预算资金|资金", FUND, 8.0),
        Column("年初预算", r"年初预算", MONEY, 1.0),
        Column("全年预算", r"全年预算|调整后的?预算|(?<![年度初])预算数", MONEY, 1.0),
        Column("全年执行", r"全年执行|执行数|实际支出", MONEY, 1.0),
        Column("执行率", r"执行率", RATE, 1.0),
        Column("分值", r"分值|权重", SCORE, 0.5),
        Column("得分", r"得分", SCORE, 0.5),
    ),
    stops=(
        r"^(绩效指标|一级指标|三级指标|年度绩效指标|年度总体目标|总体目标|预期目标|目标实际完成情况|"
        r"年度主要任务|注\d?[:：]|说明[:：]|填表人|\S{30,})"
    ),
)
DISCLOSURE_REQUESTS = Schema(
    kind="disclosure_report",
    key="项目",
    columns=(
        Column("项目", r"^$", ROW, 8.0),
        *(Column(name, pattern, COUNT, 1.5) for name, pattern in COLUMN_PATTERNS.items()),
    ),
    implied=True,
    ordered=True,
    groups=r"^(申请人情况|法人或其他组织|法人或者其他组织|法人或其他组织情况)$",
    celled=False,
    stops=r"^([四五六]、\S{0,8}行政复议|行政复议|行政诉讼|[五六]、|存在的主要问题|其他需要报告)",
)
# A figure of table 二: an increase or decrease (增 1, 减 1), a count, an amount with its unit.
FIGURE_TEXT = re.compile(r"^(增|减|\+|-)?(\d+(?:\.\d+)?)([^\d]*)$")
BLOCK_MARK = r"第[一二三四五六七八九十]+条第[（(][一二三四五六七八九十]+[)）]项"


def _proactive_columns() -> tuple[Column, ...]:
    """Table 二's columns: 信息内容, then every column of the 2021 and 2019 formats' blocks.

    A column's name is the format's own header (本年收费金额（单位：万元）); it is known by its
    words without the note, so a header printed with another note or none names it too.
    """
    from jixiao.core.disclosure import PROACTIVE_2019, PROACTIVE_2021

    names = dict.fromkeys(c for b in (*PROACTIVE_2021, *PROACTIVE_2019) for c in b.columns)
    figures = (Column(name, rf"^{re.escape(bare_label(name))}$", FIGURE) for name in names)
    return (Column("信息内容", r"^信息内容$", ROW, 8.0), *figures)


DISCLOSURE_PROACTIVE = Schema(
    kind="disclosure_report",
    key="信息内容",
    columns=_proactive_columns(),
    least=2,
    celled=False,  # rows the reader gave as cells are read by position, words kept
    stops=rf"^({BLOCK_MARK}|[三四五六]、|收到和处理政府信息公开申请|存在的主要问题|其他需要报告)",
)
# An indicator system's goal (一、… or （一）…) and numbered indicator (1.1 …, 2．3、…).
GOAL_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])"
)
INDICATOR_MARK = re.compile(
    r"^(\d{1,2}[.．]\d{1,2})(?![\d%万亿.．])\s*[、.．]?\s*(.*)$", re.DOTALL
)
INDICATOR_SYSTEM = Schema(
    kind="indicator_system",
    key="年度工作目标",
    columns=(
        Column("序号", r"^(序号|编号)$", SEQ, 0.5),
        Column("一级指标", r"^(一级指标|一级目标|目标类别|工作目标类别)$", GOAL, 0.2),
        Column(
            "年度工作目标",
            r"^((年度)?(工作)?目标(任务)?|二级指标|指标(内容|名称)?|考核内容)$",
            TASK,
            8.0,
        ),
        Column("目标制定依据", r"^((目标)?(制定|设定)?依据(及说明)?|说明)$", BASIS, 1.0),
        Column("责任处室", r"^(责任(处室|处|单位|科室|部门)|牵头(处室|单位))$", DEPARTMENT, 1.5),
        Column("责任人", r"^(责任人|负责人|分管领导)$", PERSON, 1.5),
        Column("分值", r"^(分值|权重|分数)$", SCORE, 1.0),
    ),
    celled=False,
    stops=r"^(注\d?[:：]|说明[:：]|备注[:：]|附件\d*$)",
)
# The 评价表 that weights every level (出入境检验检疫 project forms): 一级 with its 权重, 二级
# with its 分值, then per 三级 its 计量单位, 目标值(标准) and 分值; the 采集数据项 columns
# (数据项1, 数据项2 or 理由 under them) are the form's to fill in.
WEIGHTED_LEVELS = Schema(
    kind="indicator_system",
    key="三级指标",
    columns=(
        Column("一级指标", r"^一级指标$", LEVEL, 0.2),
        Column("一级权重", r"^(一级权重|权重|分值)$", SCORE, 0.3),
        Column("二级指标", r"^二级指标$", LEVEL, 0.6),
        Column("二级分值", r"^(二级分值|分值|权重)$", SCORE, 0.5),
        Column("三级指标", r"^三级指标$", NAME, 8.0),
        Column("计量单位", r"^计量单位$", UNIT, 1.2),
        Column("目标值", r"^目标值$", TARGET, 3.0),
        Column("分值", r"^(分值|权重)$", SCORE, 2.5),
        Column("采集数据项", r"^采集数据项$", MARK, 0.3),
        Column("指标值", r"^指标值$", MARK, 0.3),
    ),
    needs=("一级权重", "二级分值"),
    sequence=True,
    groups=r"^(数据项\d*|理由)$",
    celled=False,
    stops=r"^(总分|合计|填表说明|注\d?[:：])",
)
SCHEMAS: dict[str, tuple[Schema, ...]] = {
    "self_evaluation": (SELF_EVALUATION_INDICATORS, SELF_EVALUATION_BUDGET),
    "disclosure_report": (DISCLOSURE_PROACTIVE, DISCLOSURE_REQUESTS),
    "indicator_system": (WEIGHTED_LEVELS, INDICATOR_SYSTEM),
}


@lru_cache(maxsize=65536)
def fit(column: Column, text: str) -> float:
    """How well a cell's text fits a column's type: positive fits, negative does not."""
    cell = compact(text)
    if not cell:
        return 0.3 if column.type in (LEVEL, TEXT, UNIT) else 0.0
    number = to_number(cell) is not None
    scorer = FITS.get(column.type, _fit_text)
    # A cell does not end inside brackets or a book title (《市场监管总局 国家发展改革委 …》):
    # the piece after it is still this cell's.
    # Nor does one begin with the punctuation that goes on a sentence (、，。）).
    cut = unbalanced(cell) or CONTINUES.match(cell) is not None
    return scorer(cell, number) - (UNCLOSED if cut else 0.0)


def _fit_level(cell: str, number: bool) -> float:
    from jixiao.ingest.levels import LEVEL1, LEVEL2, split_weight

    name = split_weight(cell).name
    if LEVEL_WORD.match(cell) and name != "指标":
        return 3.0
    if LEVEL1.match(name) or LEVEL2.match(name):
        return 2.0  # the national vocabulary without 指标 (社会效益, 可持续影响)
    if number or name == "指标" or is_blank_mark(cell) or len(cell) > 8 or re.search(r"\d", cell):
        return -4.0
    return 0.2  # a short label in the bureau's own words (项目决策, 项目效益)


def _fit_inner_level(cell: str, number: bool) -> float:
    """Only the national levels' words: a bureau's own label inside a row is a name."""
    from jixiao.ingest.levels import LEVEL1, LEVEL2, split_weight

    name = split_weight(cell).name
    if not (LEVEL1.match(name) or LEVEL2.match(name)):
        return -6.0
    return 3.0 if name.endswith("指标") else 1.0  # 社会效益 / 指标 is one label wrapped


def _fit_name(cell: str, number: bool) -> float:
    if number or is_blank_mark(cell) or cell == "指标":  # 指标 alone: a wrapped level's tail
        return -4.0
    if DIRECTION_WORD.match(cell) or cell in ("定量", "定性"):
        return -3.0
    if re.match(r"[\d.]+[^\d.:：]", cell):
        return -0.5  # a quantity (10万元) is a value, not a name
    if EFFECT_LEVEL.match(cell):
        return -1.0  # 生态效益 printed apart from its 指标 is the level, wrapped
    return 1.0 + min(len(cell), 20) / 20 - (2.5 if LEVEL_WORD.match(cell) else 0.0)


def _fit_nature(cell: str, number: bool) -> float:
    if cell in ("定量", "定性"):
        return 3.0
    return 2.0 if DIRECTION_WORD.match(cell) else -6.0  # forms that print = or ≥ there


def _fit_direction(cell: str, number: bool) -> float:
    return 3.0 if DIRECTION_WORD.match(cell) else -6.0


def _fit_target(cell: str, number: bool) -> float:
    if LEVEL_WORD.match(cell) or cell in ("定量", "定性", "指标") or DIRECTION_WORD.match(cell):
        return -3.0
    if is_blank_mark(cell):
        return 0.2
    if number:
        return 1.0  # a bare number is more often a score; a target usually has its unit
    if UNIT_WORD.match(cell) and len(cell) <= 2 and cell not in ("完成", "是", "否", "良好"):
        return -1.0  # a lone unit (%, 家) is the unit column's
    return 2.0 if TARGET_WORD.search(cell) else (0.3 if len(cell) <= 30 else -0.5)


def _fit_unit(cell: str, number: bool) -> float:
    return 1.5 if UNIT_WORD.match(cell) and cell not in ("定量", "定性", "无") else -3.0


def _fit_score(cell: str, number: bool) -> float:
    return 2.5 if number else (0.2 if is_blank_mark(cell) else -6.0)


def _fit_text(cell: str, number: bool) -> float:
    if is_blank_mark(cell) or cell in ("无", "无偏差"):
        return 1.5
    if cell == "0":
        return 0.5  # "no deviation" written as 0: a note, which the row's scores lie before
    return -1.0 if number or LEVEL_WORD.match(cell) else 0.5


def _fit_seq(cell: str, number: bool) -> float:
    return 2.0 if re.fullmatch(r"\d{1,3}", cell) else -5.0


def _fit_fund(cell: str, number: bool) -> float:
    if FUND_LABEL.match(cell):
        return 4.0
    if number or is_blank_mark(cell) or re.search(r"\d", cell):
        return -6.0
    return 0.5 if len(cell) <= 12 else -2.0  # a source in the bureau's own words (专项资金)


def _fit_money(cell: str, number: bool) -> float:
    if number:
        return 2.5  # as well as a score: the columns' order decides, not a guess
    return 0.5 if is_blank_mark(cell) else -6.0


def _fit_rate(cell: str, number: bool) -> float:
    if cell.endswith(("%", "％")) and to_number(cell.rstrip("%％")) is not None:
        return 3.0
    if number:
        return 1.0
    return 0.5 if is_blank_mark(cell) else -6.0


def _fit_count(cell: str, number: bool) -> float:
    if number and re.fullmatch(r"\d+", cell):
        return 2.0
    return 0.5 if is_blank_mark(cell) else -6.0


def _fit_figure(cell: str, number: bool) -> float:
    if FIGURE_TEXT.match(cell):
        return 2.0
    if is_blank_mark(cell):
        return 0.5
    return -1.0 if len(cell) <= 4 else -6.0  # a word in place of a figure (不详) is kept


def _fit_mark(cell: str, number: bool) -> float:
    return 1.5 if is_blank_mark(cell) or re.fullmatch(r"[①-⑳]", cell) else -3.0


def _fit_row(cell: str, number: bool) -> float:
    if number or is_blank_mark(cell) or re.search(r"\d$", cell):
        return -6.0  # a label never ends in a count: the count is the next cell
    return 1.0 if len(cell) > 1 else 0.0


def _fit_goal(cell: str, number: bool) -> float:
    if GOAL_MARK.match(cell):
        return 3.0
    if number or is_blank_mark(cell) or INDICATOR_MARK.match(cell):
        return -6.0
    return 0.2 if len(cell) <= 30 else -1.0  # a goal named without its number


def _fit_task(cell: str, number: bool) -> float:
    if INDICATOR_MARK.match(cell) and not number:
        return 3.0
    if number or is_blank_mark(cell) or GOAL_MARK.match(cell):
        return -6.0
    # An indicator sentence without its number: a row still, but never in place of joining
    # a basis's words back together.
    return -1.0 if len(cell) > 6 else -2.0


def _fit_basis(cell: str, number: bool) -> float:
    if is_blank_mark(cell):
        return 1.0
    if number or re.match(r"[\d.]+[^\d.:：]", cell):
        return -1.0  # a quantity ends the indicator's sentence; a basis opens with words
    return 0.5 + min(len(cell), 40) / 40


DEPARTMENT_END = re.compile(r"(处|局|室|科|中心|办公室|办|队|所|院|部|站|委|组)$")
PERSON_NAMES = re.compile(r"^[\u4e00-\u9fff·]{2,5}(?:[、，,/][\u4e00-\u9fff·]{2,5})*$")


def _fit_department(cell: str, number: bool) -> float:
    if DEPARTMENT_END.search(cell) and len(cell) <= 40 and not re.search(r"\d", cell):
        return 2.5
    return 0.2 if is_blank_mark(cell) else -3.0


def _fit_person(cell: str, number: bool) -> float:
    if PERSON_NAMES.match(cell) and not DEPARTMENT_END.search(cell):
        return 2.0
    return 0.2 if is_blank_mark(cell) else -3.0


FITS: dict[str, Callable[[str, bool], float]] = {
    GOAL: _fit_goal,
    BASIS: _fit_basis,
    TASK: _fit_task,
    DEPARTMENT: _fit_department,
    PERSON: _fit_person,
    COUNT: _fit_count,
    FIGURE: _fit_figure,
    MARK: _fit_mark,
    ROW: _fit_row,
    FUND: _fit_fund,
    MONEY: _fit_money,
    RATE: _fit_rate,
    LEVEL: _fit_level,
    INNER_LEVEL: _fit_inner_level,
    NAME: _fit_name,
    NATURE: _fit_nature,
    DIRECTION: _fit_direction,
    TARGET: _fit_target,
    UNIT: _fit_unit,
    SCORE: _fit_score,
    TEXT: _fit_text,
    SEQ: _fit_seq,
}
SPANNING = (
    FIGURE,
    LEVEL,
    INNER_LEVEL,
    NAME,
    TARGET,
    TEXT,
    ROW,
    GOAL,
    TASK,
    DEPARTMENT,
    PERSON,
    BASIS,
)  # types whose cell may have been split at spaces
SPLIT_COST = 1.2  # per extra piece joined into one cell
# A basis is prose citing documents by their issuers' names, which are printed apart by
# spaces (《市场监管总局 国家发展改革委 教育部关于…》): its pieces join more readily.
PROSE_SPLIT_COST = 0.5
# A unit is one word, broken only inside its note (县（市、 / 区）): joining costs more.
SPLIT_COSTS = {BASIS: PROSE_SPLIT_COST, UNIT: 2.0}
ROW_COST = 0.5  # per row: fewer, fuller rows are preferred to many thin ones
DROP_COST = 3.0  # a piece no row can take (a page number, a stray mark)
# A value printed right after a sign (指标性质 ``=``, ``≥``) is what the sign compares: the
# target, even when the row stops there (an excerpt cut mid-row) and a bare number would
# otherwise read as the more common 分值.
AFTER_SIGN = 2.0


Back = tuple[str, int, int, int]  # how (start, fill, skip), from cell, from column, cells taken
NEG = float("-inf")


def align(
    cells: list[str], columns: tuple[Column, ...], key: str, whole: list[bool] | None = None
) -> list[dict[str, str]]:
    """Split a stream of cells into rows of ``columns`` (dicts name → text), best fit first.

    States: ``start[i]`` (a row begins at cell i) and ``inside[i][j]`` (cells before i taken,
    the row's next column is j). From a state a column is filled with one cell (or, for text
    types, a few pieces joined) or left out at its ``skip`` cost; a row ends when every
    column was passed and its ``key`` column is filled; a piece no row can take is dropped
    at a cost. The best path is read back. Time and memory grow with cells × columns.
    ``whole[i]`` says cell i is known to be a whole cell (never joined to the next).
    """
    return _Alignment(cells, columns, key, whole or [False] * len(cells)).rows()


class _Alignment:
    """The dynamic-programming tables of :func:`align`."""

    def __init__(
        self, cells: list[str], columns: tuple[Column, ...], key: str, whole: list[bool]
    ) -> None:
        n, k = len(cells), len(columns)
        self.cells, self.columns, self.n, self.k = cells, columns, n, k
        self.whole = whole
        self.starts: list[int] = []  # each row's first cell, once read back
        self.key_at = next(j for j, c in enumerate(columns) if c.name == key)
        self.start = [NEG] * (n + 1)
        self.start_back: list[tuple[int, int] | None] = [None] * (n + 1)
        self.inside = [[NEG] * (k + 1) for _ in range(n + 1)]
        self.back: list[list[Back | None]] = [[None] * (k + 1) for _ in range(n + 1)]

    def rows(self) -> list[dict[str, str]]:
        """Fill the tables cell by cell, then read the best path back."""
        self.start[0] = 0.0
        for i in range(self.n + 1):
            if self.start[i] > NEG:
                self._from_start(i)
            for j in range(self.k):
                if self.inside[i][j] > NEG:
                    self._from_inside(i, j)
            ended = self.inside[i][self.k] - ROW_COST
            if ended > self.start[i]:
                self.start[i], self.start_back[i] = ended, (i, self.k)
                self._from_start(i)
        return self._read_back()

    def _set(self, i: int, j: int, score: float, back: Back) -> None:
        if score > self.inside[i][j]:
            self.inside[i][j], self.back[i][j] = score, back

    def _from_start(self, i: int) -> None:
        """A row begins at cell i: the columns before its first cell are left out."""
        if i < self.n and self.start[i] - DROP_COST > self.start[i + 1]:
            self.start[i + 1], self.start_back[i + 1] = self.start[i] - DROP_COST, (i, -1)
        skipped = 0.0
        for j, column in enumerate(self.columns[: self.key_at + 1]):
            self._fill(i, j, self.start[i] - skipped, "start")
            skipped += column.skip

    def _from_inside(self, i: int, j: int) -> None:
        """Inside a row at column j: fill it with the next cell(s) or leave it out."""
        column, score = self.columns[j], self.inside[i][j]
        if j != self.key_at:
            self._set(i, j + 1, score - column.skip, ("skip", i, j, 0))
        self._fill(i, j, score, "fill")

    def _fill(self, i: int, j: int, score: float, how: str) -> None:
        """Column j filled from cell i (one piece, or a few joined), scored from ``score``."""
        for m, gain in self._fills(i, self.columns[j]):
            self._set(i + m, j + 1, score + gain, (how, i, j, m))

    def _fills(self, i: int, column: Column) -> Iterator[tuple[int, float]]:
        """(pieces taken, gain) for filling ``column`` from cell i."""
        most = MAX_SPAN if column.type in SPANNING else 1
        signed = column.signed and self._after_sign(i)
        if column.type == UNIT and i < self.n and unbalanced(self.cells[i]):
            most = 2  # a unit broken inside its note (县（市、 / 区）)
        for m in range(1, min(most, self.n - i) + 1):
            if m > 1 and (self.whole[i + m - 2] or self._number_apart(i, m, column)):
                return
            text = "".join(self.cells[i : i + m])
            cost = SPLIT_COSTS.get(column.type, SPLIT_COST)
            yield m, fit(column, text) - cost * (m - 1) + (AFTER_SIGN if signed else 0.0)

    def _after_sign(self, i: int) -> bool:
        """Whether cell i is a lone value printed right after a sign (=, ≥, 等于).

        Such a value is what the sign compares, the target, when the row gives no second
        number after it; when one follows (``等于 2.5 2.5``), the target cell was left empty
        and the numbers are the 分值 and 得分, as the other columns' types already say.
        """
        if i == 0 or not DIRECTION_WORD.match(compact(self.cells[i - 1])):
            return False
        return i + 1 >= self.n or to_number(self.cells[i + 1]) is None

    def _number_apart(self, i: int, m: int, column: Column) -> bool:
        """Whether the m-th piece is a bare number that is a cell of its own, not this one's.

        In space-separated text a number after a name's or target's words is the next column
        (``服务外 包企业数量 3 3 10``), unless the words ask for it (``不低于 90%``, ``≥ 90``).
        """
        if column.type not in (NAME, TARGET) or to_number(self.cells[i + m - 1]) is None:
            return False
        before = compact("".join(self.cells[i : i + m - 1]))
        return not (TARGET_WORD.search(before) or DIRECTION_WORD.match(before))

    def _read_back(self) -> list[dict[str, str]]:
        """The rows of the best path, first to last."""
        rows: list[dict[str, str]] = []
        i = self.n
        while i > 0 and self.start_back[i] is not None:
            _, j = self.start_back[i]  # type: ignore[misc]
            if j == -1:  # a dropped piece
                i -= 1
                continue
            row: dict[str, str] = {}
            while True:
                how, pi, pj, m = self.back[i][j]  # type: ignore[misc]
                if how != "skip":
                    row[self.columns[pj].name] = "".join(self.cells[pi : pi + m])
                i, j = pi, pj
                if how == "start":
                    break
            rows.append(row)
            self.starts.append(i)
        rows.reverse()
        self.starts.reverse()
        return rows


# ----------------------------------------------------------------------------- text renderings


@dataclass
class Piece:
    """One cell of a text rendering and the line it was printed on."""

    text: str
    line: int
    celled: bool = False  # split at real cell marks (tabs, pipes, wide gaps), not at words
    tabbed: bool = False  # the reader gave its line as cells (tabs, a Markdown row)


@dataclass
class Found:
    """A table found in a text: where its header and body lie in the piece stream."""

    schema: Schema
    header: list[Column]
    first: int  # the header's first piece
    body: int  # the body's first piece
    end: int  # one past the body's last piece
    rows: list[dict[str, str]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # each row's first piece
    cut: bool = False  # the table was longer than MAX_CELLS


def pieces_of(line: Line) -> tuple[list[str], bool]:
    """A text line's cells: its tab cells, else columns apart by 2+ spaces, else its words.

    The flag says whether the line was split at real cell marks (tabs, ``|``, wide gaps).
    Empty cells at the end of a line say nothing (readers pad short rows) and are left out.
    """
    cells = [c.strip() for c in line.cells]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    if len(cells) > 1:
        return cells, True
    text = cells[0].strip("| ").strip() if cells else ""
    if not text:
        return [], False
    if "|" in text:
        return [c.strip() for c in text.split("|")], True
    if re.search(r"\S {2,}\S", text):
        return re.split(r" {2,}", text), True
    return text.split(), False


def rebuild(lines: Lines, kind: str) -> Lines:
    """``lines`` with every text table of ``kind``'s schemas rebuilt as grid rows (see above).

    A text whose tables already have one row a line is left to the layouts as it is; only
    renderings that lost the row breaks (a cell a line, a table on one line) are rebuilt.
    """
    schemas = SCHEMAS.get(kind, ())
    if not schemas or all(_is_grid(line) for line in lines.lines):
        return lines
    # Fixed-width rows wrapped over lines are joined, for tables whose rows the stage reads.
    celled = tuple(schema for schema in schemas if schema.celled)
    lines = fixed_width.unwrap(lines, partial(_names, celled), partial(_ends, celled))
    pieces = []
    for n, line in enumerate(lines.lines):
        if not _is_grid(line) and not PAGE_NUMBER.match(line.text):  # a page number: no cell
            texts, celled = pieces_of(line)
            tabbed = len(line.cells) > 1
            pieces += [Piece(text, n, celled and len(texts) > 1, tabbed) for text in texts]
    found = [f for schema in schemas for f in _tables(pieces, schema)]
    found = [f for f in found if f.rows]
    if not any(f.schema.bare for f in found):
        found += [f for schema in schemas if schema.bare for f in _headerless(pieces, schema)]
    if not found:
        return lines
    return _replace(lines, pieces, _apart(found))


def _apart(found: list[Found]) -> list[Found]:
    """The tables in order, each piece in one.

    Of two read from the same pieces the first schema's is kept: the weighted-levels form
    before the indicator system, whose header words it shares.
    """
    kept: list[Found] = []
    for table in sorted(found, key=lambda f: f.first):  # stable: the schemas' order on ties
        if not kept or table.first >= kept[-1].end:
            kept.append(table)
    return kept


def _names(schemas: tuple[Schema, ...], text: str) -> bool:
    """Whether a header cell names a column of one of the schemas."""
    return any(schema.named(text) is not None for schema in schemas)


def _ends(schemas: tuple[Schema, ...], text: str) -> bool:
    """Whether a text ends the tables of the schemas (their stops, a page's chrome)."""
    cell = compact(text)
    return is_page_chrome(text) or any(re.match(s.stops, cell) for s in schemas)


def _is_grid(line: Line) -> bool:
    """A real table row of a file (not text, nor rows the text reader put together from ``|``)."""
    if line.source.sheet is not None:
        return True
    from_text = line.source.line is not None and line.source.cell is None
    return line.table is not None and not from_text


def _header_at(pieces: list[Piece], i: int, schema: Schema) -> tuple[list[Column], int]:
    """The columns a header run starting at piece i names, and the pieces it takes.

    Empty unless a real header: three columns or more, the key column among them (unless the
    schema implies it). Group words (法人或其他组织) inside the run are passed over.
    """
    header: list[Column] = []
    start, groups = i, re.compile(schema.groups)
    while i < len(pieces):
        text = compact(pieces[i].text)
        if header and (groups.match(text) or NOTE.match(text)):
            i += 1  # a group's word, or a note wrapped under a label (项目资金 / (万元))
            continue
        column, taken = _header_cell(pieces, i, schema, header[-1] if header else None)
        if column is None or column in header:
            break
        header.append(column)
        i += taken + _header_tail(pieces, i, taken, column, schema)
    names = {c.name for c in header}
    if len(header) < schema.least or (schema.key not in names and not schema.implied):
        return [], 0
    if any(need not in names for need in schema.needs):
        return [], 0
    if schema.ordered or schema.implied:
        header = [c for c in schema.columns if c in header or c.name == schema.key]
    return header, i - start


def _header_cell(
    pieces: list[Piece], i: int, schema: Schema, after: Column | None = None
) -> tuple[Column | None, int]:
    """The column the header cell at piece i names, and how many pieces (1 or 2) it took.

    A narrow header cell wraps its label over two printed lines (年度/指标值, 年初/预算数,
    实际/完成值). The two pieces are one label when, joined, they name a column that the
    first piece alone does not: the joined name wins over the second part's own meaning
    (预算数 alone is 全年预算; 年初 + 预算数 is 年初预算).
    """
    first = compact(pieces[i].text)
    column = schema.named(first, after)
    if column is not None or i + 1 >= len(pieces) or not HEAD_PART.match(first):
        return column, 1
    second = compact(pieces[i + 1].text)
    joined = schema.named(first + second, after)
    if joined is None:
        return None, 1
    # A body cell before a repeated header (良好 / 一级指标) is not its part: the join must
    # change the second piece's meaning or the column's word must begin with the first piece.
    if joined == schema.named(second) and not re.match(joined.synonyms, first + second):
        return None, 1
    return joined, 2


def _header_tail(pieces: list[Piece], i: int, taken: int, column: Column, schema: Schema) -> int:
    """How many pieces after a header cell are the rest of its label, wrapped onto new lines.

    A long label breaks anywhere: inside its note (指标性质(注:定 / 量或者定性)) or before
    its last word (偏差原因分析及改进 / 措施). A piece is the label's rest when it closes the
    note the label left open, or when, joined on, the label still names the same column; a
    piece that names a column of its own never is.
    """
    label = "".join(compact(p.text) for p in pieces[i : i + taken])
    more = 0
    while i + taken + more < len(pieces) and more < 2:
        piece = compact(pieces[i + taken + more].text)
        if not piece or schema.named(piece) is not None:
            break
        if not unbalanced(label) and not _completes(column, label, piece, schema):
            break
        label += piece
        more += 1
    return more


def _completes(column: Column, label: str, piece: str, schema: Schema) -> bool:
    """Whether ``piece`` ends the label: joined on, the column's words reach into it."""
    if schema.named(label + piece) != column:
        return False
    match = re.search(column.synonyms, bare_label(label + piece))
    return match is not None and match.end() > len(bare_label(label))


def _unprinted_score(
    header: list[Column], pieces: list[Piece], body: int, schema: Schema
) -> list[Column]:
    """The header with a 得分 column whose heading is not printed, when a number stands in it.

    Some forms print the block's own score where the score column's heading should be
    (``… 实际完成指标值 50``): the rows then end in their score, and the number is no row's.
    """
    names = {c.name for c in header}
    score = next((c for c in schema.columns if c.type == SCORE and c.name == "得分"), None)
    if score is None or names & {"分值", "得分"} or body >= len(pieces):
        return header
    return [*header, score] if to_number(pieces[body].text) is not None else header


def _unprinted_levels(header: list[Column], schema: Schema) -> list[Column]:
    """The header with a level column before its key when it names none.

    A text layer can print a form's level labels away from their heading (``二级指标`` after
    the rows) while some levels' labels stay inside the rows (``社会效益 指标 企业把握…``):
    a column that only the levels' own words fit holds them instead of a name.
    """
    if not any(c.type == LEVEL for c in schema.columns) or any(c.type == LEVEL for c in header):
        return header
    at = next((n for n, c in enumerate(header) if c.name == schema.key), None)
    inner = Column("二级指标", r"二级指标", INNER_LEVEL, 0.1)
    return header if at is None else [*header[:at], inner, *header[at:]]


def _tables(pieces: list[Piece], schema: Schema) -> Iterator[Found]:
    """Every table of ``schema`` in the piece stream, its body aligned into rows."""
    i = 0
    while i < len(pieces):
        header, taken = _header_at(pieces, i, schema)
        if not header:
            i += 1
            continue
        body = i + taken
        printed = len(header)
        header = _unprinted_score(header, pieces, body, schema)
        body += len(header) - printed
        header = _unprinted_levels(header, schema)
        # The caption over the header (绩效指标) is printed again with it at a page break.
        caption = compact(pieces[i - 1].text) if i > 0 else None
        wrapped = _blank_apart(pieces[i:body])
        cells = _Body(pieces, schema, caption, wrapped, header).read(body, _cell_parts)
        _broken_rows(cells, len(header))
        found = Found(schema, header, i, body, cells.end, cut=cells.cut)
        if _lost_row_breaks(found, pieces):
            yield _aligned(found, cells)
        i = max(cells.end, i + 1)


@dataclass
class _Body:
    """A table body's cells read off the piece stream, up to its end, and where each lies.

    The body ends at the schema's stops, at a web page's chrome, or at :data:`MAX_CELLS`;
    the header printed again, or the caption over it, at a page break is passed over. When
    the table puts a blank line between its cells (``wrapped``), lines printed without one
    between them are one cell wrapped inside (pdftotext's 新增限上餐饮企 / 业受惠企业数量).
    """

    pieces: list[Piece]
    schema: Schema
    caption: str | None = None
    wrapped: bool = False
    header: list[Column] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    whole: list[bool] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    end: int = 0
    last: int = -1  # the last piece taken into a cell

    @property
    def cut(self) -> bool:
        return len(self.cells) >= MAX_CELLS

    def read(self, start: int, parts: Callable[[str], list[str]]) -> _Body:
        """Take the cells from piece ``start`` on, each piece cut into ``parts``."""
        stop, pieces, end = re.compile(self.schema.stops), self.pieces, start
        while end < len(pieces) and not self.cut:
            text = pieces[end].text
            again, repeated = _header_at(pieces, end, self.schema)
            if repeated and self.header and again != self.header:
                break  # another header: another table (table 二's next block)
            if repeated or compact(text) == self.caption or PAGE_NUMBER.match(text):
                end += repeated or 1  # a page's repeated head, or its number
                continue
            if stop.match(compact(text)) or is_page_chrome(text):
                break
            if self.wrapped and self._goes_on(end):
                self.cells[-1] += compact(text)
            else:
                for part in parts(text):
                    self.cells.append(part)
                    self.whole.append(pieces[end].celled)
                    self.positions.append(end)
            self.last = end
            end += 1
        self.end = end
        return self

    def _goes_on(self, n: int) -> bool:
        """Whether piece n goes on the cell before it: the next line, with no blank between."""
        before = self.pieces[n - 1]
        return bool(self.cells) and self.last == n - 1 and self.pieces[n].line == before.line + 1


def _broken_rows(body: _Body, width: int) -> None:
    """Put back together a cell broken by line breaks inside it, across its tab rows.

    Text copied from a Word or WPS table keeps a line break typed or wrapped inside a cell:
    the row goes on on the next line (``新增限上餐饮企`` / ``业受惠企业数量⇥不少于7家⇥…``).
    In a table of marked cells (tabs), a line of one unmarked piece goes on the cell before
    it; where two short rows meet, the last cell of one and the first of the next may be one
    cell, which the alignment decides.
    """
    pieces = body.pieces
    tabbed = sum(pieces[n].tabbed for n in body.positions)
    if not body.schema.celled or tabbed < 0.5 * len(body.positions):
        return  # rows the layout reads as marked, or no marked rows
    on_line = Counter(pieces[n].line for n in body.positions)
    cells, whole, positions = [], [], []
    quoted = False  # inside a cell Excel quoted for its line breaks ("新增限上餐饮企 / 业受惠…")
    for cell, n, mark in zip(body.cells, body.positions, body.whole, strict=True):
        piece = pieces[n]
        alone = not piece.tabbed and on_line[piece.line] == 1 and positions
        alone = alone and piece.line == pieces[positions[-1]].line + 1
        if quoted or alone:
            cells[-1] += compact(cell)  # the rest of the cell above, on a line of its own
            quoted = quoted and not cell.endswith('"')
            continue
        # Excel quotes a cell holding a line break: it opens with " and goes on to the next line.
        last = n + 1 >= len(pieces) or pieces[n + 1].line != piece.line
        quoted = cell.startswith('"') and cell.count('"') == 1 and last
        cells.append(cell)
        whole.append(mark)
        positions.append(n)
    cells = [c[1:-1] if len(c) > 1 and c[0] == c[-1] == '"' else c for c in cells]
    count = Counter(pieces[n].line for n in positions)
    for k in range(len(positions) - 1):
        here, there = pieces[positions[k]], pieces[positions[k + 1]]
        if there.line > here.line and count[here.line] < width and count[there.line] < width:
            whole[k] = False
    body.cells, body.whole, body.positions = cells, whole, positions


def _cell_parts(text: str) -> list[str]:
    return [untemplated(text)]


def _blank_apart(header: list[Piece]) -> bool:
    """Whether a header puts a blank line between its cells (so a body cell may wrap inside)."""
    gaps = [b.line - a.line for a, b in itertools.pairwise(header)]
    return len(gaps) >= 2 and sum(g >= 2 for g in gaps) >= 0.6 * len(gaps)


def _aligned(found: Found, body: _Body) -> Found:
    """``found`` with its body's cells aligned into rows; a row without its key is no row.

    A template row left unfilled (指标2 ……) has no key; neither has a piece the alignment
    could not place, nor header debris (:func:`_is_row_key`).
    """
    alignment = _Alignment(body.cells, tuple(found.header), found.schema.key, body.whole)
    rows = alignment.rows()
    starts = [body.positions[n] for n in alignment.starts if n < len(body.positions)]
    kept = [
        n
        for n, row in enumerate(rows)
        if _is_row_key(row.get(found.schema.key, "")) and not _holds_points(row)
    ]
    found.rows = [rows[n] for n in kept]
    found.starts = [starts[n] for n in kept]
    return found


HEADER_DEBRIS = re.compile(r"[一二三]级指标")
POINTS_NOTE = re.compile(r"^[（(]\d+(?:\.\d+)?分[)）]$")  # (80分): a label's points, apart


def _holds_points(row: dict[str, str]) -> bool:
    """Whether a cell of the row is a level label's points alone (``年度 绩效目标 (80分)``).

    No indicator prints its value as a bracketed points note; a row holding one is made of
    the pieces of level labels printed after the rows they head.
    """
    return any(POINTS_NOTE.match(compact(cell)) for cell in row.values())


def _is_row_key(text: str) -> bool:
    """Whether a row's key cell names a row: filled, and not header debris.

    A text layer that prints the level labels after the rows they head (``… 二级指标 数量指标
    年度 绩效 目标 (80 分)``) leaves pieces no real row holds: a key cell with a header word in
    it, or one that closes a bracket it never opened (``分)产出指标(60``), is such debris.
    """
    cell = compact(text)
    return bool(cell) and not HEADER_DEBRIS.search(cell) and not _broken_brackets(cell)


def _broken_brackets(cell: str) -> bool:
    """A bracket closed before one opened (``分)产出指标(60``: the tail of a label before it).

    A bracket left open is no sign: a real name can end inside one, cut by its own form;
    but a key that is nothing but an opened bracket (``(60``, its ``分)`` in the next cell) is
    a label's points note broken apart.
    """
    depth = 0
    for char in cell:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth < 0:
                return True
    return depth > 0 and cell[0] in "（("


def untemplated(text: str) -> str:
    """A cell without the form's template: a placeholder (指标2, ……) is empty, 指标1名称 is 名称."""
    cell = compact(text)
    if TEMPLATE_MARK.match(cell):
        return ""
    return TEMPLATE_NUMBER.sub("", text.strip())


def _glued_level() -> re.Pattern[str]:
    """A national level name (with its 指标) glued to the front of the text after it."""
    from jixiao.ingest.levels import LEVEL1, LEVEL2

    words = [p.pattern.removeprefix("^").removesuffix("(指标)?$") for p in (LEVEL1, LEVEL2)]
    return re.compile(rf"^(?:{words[0]}|{words[1]})指标(?=\S)")


GLUED_LEVEL = _glued_level()
# Where a name glued to its target ends: before the target's sign (足额保障率=100%).
GLUED_TARGET = re.compile(r"(?<=[\u4e00-\u9fff）)])(?=[=≤≥<>＜＞＝])")


def unglued(text: str) -> list[str]:
    """A piece cut into its cells: level names off the front, then name and target apart."""
    cells = []
    while match := GLUED_LEVEL.match(text):
        cells.append(match.group(0))
        text = text[match.end() :]
    return [*cells, *GLUED_TARGET.split(text, maxsplit=1)]


def _opens_flat_row(text: str) -> bool:
    """Whether a piece opens a headerless row: two levels glued to a name (产出指标数量指标…).

    One level glued to text is a sentence as often (产出指标分值50分，得分48分).
    """
    parts = unglued(compact(text))
    return len(parts) >= 3 and all(GLUED_LEVEL.match(p + "x") for p in parts[:2])


def _headerless(pieces: list[Piece], schema: Schema) -> Iterator[Found]:
    """A table without its header whose first piece glues its levels to the first name.

    Only levels glued to more text mark such a table (a lone 产出指标 is a heading); its
    cells are cut apart (:func:`unglued`) and aligned to the schema's ``bare`` columns.
    """
    header = [c for c in schema.columns if c.name in schema.bare]
    first = next((i for i, p in enumerate(pieces) if _opens_flat_row(p.text)), None)
    if first is None:
        return
    body = _Body(pieces, schema).read(first, lambda text: unglued(compact(text)))
    body.whole = [False] * len(body.cells)
    found = _aligned(Found(schema, header, first, first, body.end), body)
    if len(found.rows) >= 2:
        yield found


def _lost_row_breaks(found: Found, pieces: list[Piece]) -> bool:
    """Whether the stage should rebuild: the cells are marked, or the row breaks are lost.

    Rebuilt: a table whose header and first row share one line, rows whose cells are marked
    (tabs, ``|``, wide gaps), a cell a line, half as many cells again as the header has
    columns on each line (rows run together). A text with one row a line of words apart by
    single spaces (PDF text,
    where a cell's own spaces cannot be told from the gaps between cells) is left to the
    layouts' own reading.
    """
    body = pieces[found.body : found.end]
    if not body:
        return False
    lines = {p.line for p in body}
    head = pieces[found.first : found.body]
    if len(head) > 1 and len({p.line for p in head}) == len(head):
        return True  # the header a cell a line: the layout could not read its rows by it
    if not found.schema.celled and sum(p.tabbed for p in body) >= 0.3 * len(body):
        return False  # cells the reader marked (tabs, pipes): the layout reads them as they are
    if pieces[found.first].line == body[0].line and not found.schema.named(body[0].text):
        return True  # the first row goes on the header's own line: the table is one line
    celled = sum(p.celled for p in body) >= 0.8 * len(body)
    many = len(body) >= 1.5 * len(found.header) * len(lines)  # more than a row a line
    # A cell a line: no line holds more than two words (42 项), a row fills one line or more.
    narrow = max(Counter(p.line for p in body).values()) <= 2
    return celled or many or narrow or len(body) <= 1.5 * len(lines)


def _replace(lines: Lines, pieces: list[Piece], found: list[Found]) -> Lines:
    """The lines with each found table's lines replaced by its grid rows, in place.

    Tables printed on shared lines (table 二's blocks on one line) are emitted together,
    with the text between them (第二十条第（五）项) as a line of its own.
    """
    blocks: dict[int, list[Line]] = {}
    taken: set[int] = set()
    number = TABLE_NUMBER
    for group in _sharing_lines(pieces, found):
        first, last = _lines_of(pieces, group[0])[0], _lines_of(pieces, group[-1])[1]
        span = set(range(first, last + 1))
        if taken & span:
            continue
        taken |= span
        out = blocks[first] = []
        _text_line(out, lines, [p for p in pieces[: group[0].first] if p.line == first])
        for k, table in enumerate(group):
            if k:
                _text_line(out, lines, pieces[group[k - 1].end : table.first])
            _emit(out, lines, pieces, table, number)
            number += 1
        _text_line(out, lines, [p for p in pieces[group[-1].end :] if p.line == last])
    out_lines: list[Line] = []
    for n, line in enumerate(lines.lines):
        out_lines.extend(blocks.get(n, []))
        if n not in taken:
            out_lines.append(line)
    warnings = list(lines.warnings)
    for table in found:
        if table.cut:
            at = place(lines.lines[pieces[table.end].line].source)
            warnings.append(
                f"{lines.name}: 表格超过 {MAX_CELLS} 个单元格，只按表格还原了前 {MAX_CELLS} 个，"
                f"{at}起按文字读取"
            )
    return Lines(name=lines.name, lines=out_lines, warnings=warnings)


def _lines_of(pieces: list[Piece], table: Found) -> tuple[int, int]:
    """The first and last line a table's pieces are printed on."""
    return pieces[table.first].line, pieces[max(table.end - 1, table.first)].line


def _sharing_lines(pieces: list[Piece], found: list[Found]) -> list[list[Found]]:
    """The tables in order, those that begin on the line another ends on grouped together."""
    groups: list[list[Found]] = []
    for table in found:
        if groups and _lines_of(pieces, table)[0] <= _lines_of(pieces, groups[-1][-1])[1]:
            groups[-1].append(table)
        else:
            groups.append([table])
    return groups


def _text_line(out: list[Line], lines: Lines, text: list[Piece]) -> None:
    """The pieces of text around a table, as one text line where the first was printed."""
    if text:
        source = lines.lines[text[0].line].source
        out.append(Line([" ".join(p.text for p in text)], source))


def _emit(out: list[Line], lines: Lines, pieces: list[Piece], table: Found, number: int) -> None:
    """The grid rows of one table: its header (the columns' names), then its rows."""
    source = lines.lines[pieces[table.first].line].source
    names = [c.name for c in table.header]
    out.append(Line(list(names), source, table=number))
    for row, start in zip(table.rows, table.starts, strict=True):
        at = _row_source(lines, pieces, start)
        out.append(Line([row.get(name, "") for name in names], at, table=number))


def _row_source(lines: Lines, pieces: list[Piece], start: int) -> Source:
    """Where a row was printed: the line of its first cell."""
    return lines.lines[pieces[start].line].source
