"""One table, every layout: the same extraction (issue 14's invariance test).

The seeds' self-evaluation indicator table, and tables built here, are rendered into every
text layout bureaus' documents carry (tabs, Markdown, a cell a line, the table on one line,
fixed-width columns, the header repeated mid-table, labels wrapped …) and into .docx, .xlsx, .pdf
and .html with merged cells; each must give the same indicators, paths, targets, weights and
scores. Hypothesis picks rows and a text layout (a small, fixed budget).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.documents import Document
from jixiao.ingest import extract_file
from jixiao.ingest.layouts.self_evaluation import parse
from jixiao.ingest.readers.txt import read_txt
from tests.ingest.renderings import ALL_TEXT_LAYOUTS, FILE_LAYOUTS, tabs_wrapped, write_layout
from tests.ingest.tables import UP
from tests.support import seed

TITLE = "某市市场监督管理局2023年度项目支出绩效自评表"
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
LAYOUTS = [*ALL_TEXT_LAYOUTS, *FILE_LAYOUTS]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def seed_table(doc: Document) -> list[list]:
    """The seed's indicator rows as a table with its level labels merged down."""
    rows: list[list] = [HEADER]
    previous: list[str] = ["", ""]
    for i in doc.indicators:
        target = "，".join(dict.fromkeys(t.raw for t in i.targets))
        levels = [UP if i.path[: n + 1] == previous[: n + 1] else i.path[n] for n in range(2)]
        previous = list(i.path[:2])
        actual = i.actual.raw if i.actual else target
        rows.append([*levels, i.name, target, actual, _text(i.weight), _text(i.score)])
    return rows


def extraction(doc: Document) -> list[tuple]:
    """What must not change with the layout: name, path, target text, weight, score."""
    return [
        (
            "".join(i.name.split()),
            tuple(i.path),
            tuple("".join(t.raw.split()) for t in i.targets),
            i.weight,
            i.score,
        )
        for i in doc.indicators
    ]


@pytest.fixture(scope="module")
def seed_rows() -> list[list]:
    return seed_table(parse(read_txt(seed("002"))))


BUILT = [
    HEADER,
    ["产出指标", "数量指标", "食品安全监督抽检", "≥4500批次", "4620批次", "10", "10"],
    [UP, UP, "快检任务", "不少于19.44万批次", "20万批次", "10", "9"],
    [UP, "质量指标", "抽检合格率", "≥97%", "98.2%", "10", "10"],
    [UP, "时效指标", "完成时间", "2023年12月31日前", "按时完成", "10", "10"],
    ["效益指标", "社会效益指标", "食品安全事故发生数", "0起", "0起", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "10", "8"],
]


def _read(tmp_path, layout: str, table) -> Document:
    return extract_file(write_layout(tmp_path, layout, TITLE, table), kind="self_evaluation")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_built_table_reads_the_same_in_every_layout(tmp_path, layout):
    expected = extraction(_read(tmp_path, ".docx", BUILT))
    assert len(expected) == 6
    assert extraction(_read(tmp_path, layout, BUILT)) == expected


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_seed_indicator_table_reads_the_same_in_every_layout(tmp_path, seed_rows, layout):
    expected = extraction(_read(tmp_path, ".docx", seed_rows))
    assert len(expected) == 44
    assert extraction(_read(tmp_path, layout, seed_rows)) == expected


def _full(rows: list[list]) -> list[list]:
    """Rows with every merged label written out (so any subset can be merged again)."""
    out: list[list] = []
    for row in rows:
        out.append([out[-1][c] if cell is UP else cell for c, cell in enumerate(row)])
    return out


def _merged(rows: list[list]) -> list[list]:
    """Level labels equal to the row above's merged into it (printed once per group)."""
    out = rows[:2]
    for n in range(2, len(rows)):
        row, previous = rows[n], rows[n - 1]
        same = [row[: c + 1] == previous[: c + 1] for c in range(2)]
        out.append([UP if c < 2 and same[c] else cell for c, cell in enumerate(row)])
    return out


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    layout=st.sampled_from(list(ALL_TEXT_LAYOUTS)),
    picked=st.lists(
        st.integers(min_value=1, max_value=len(BUILT) - 1), min_size=2, max_size=6, unique=True
    ),
)
def test_any_text_layout_of_any_rows_reads_as_the_docx(tmp_path_factory, layout, picked):
    full = _full(BUILT)
    table = _merged([HEADER, *(full[r] for r in sorted(picked))])
    folder = tmp_path_factory.mktemp("layout")
    assert extraction(_read(folder, layout, table)) == extraction(_read(folder, ".docx", table))


@pytest.mark.parametrize("quoted", [False, True])
@pytest.mark.parametrize("built", [False, True])
def test_tab_rows_whose_cells_keep_their_line_breaks_read_the_same(
    tmp_path, seed_rows, built, quoted
):
    """A Word table copied as text (or Excel's, quoted): a cell's line breaks carry its row."""
    table = BUILT if built else seed_rows
    path = tmp_path / "wrapped.txt"
    path.write_text(tabs_wrapped(TITLE, table, quoted=quoted), encoding="utf-8")
    assert "\n业受惠企业数量" in path.read_text("utf-8") or built
    expected = extraction(_read(tmp_path, ".docx", table))
    assert len(expected) == (6 if built else 44)
    assert extraction(extract_file(path, kind="self_evaluation")) == expected
