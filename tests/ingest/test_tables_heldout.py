"""The table stage on layouts the held-out documents showed (#14), each on a built table.

Header labels wrapped over two printed lines, a form's unfilled template rows, a stray 0 in
the free-text column, a level name wrapped apart from its 指标.
"""

from __future__ import annotations

from jixiao.core.documents import Source
from jixiao.ingest.lines import Line, Lines
from jixiao.ingest.tables import (
    SELF_EVALUATION_BUDGET,
    SELF_EVALUATION_INDICATORS,
    rebuild,
    unglued,
)

PROJECT_HEADER = [
    *("一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值"),
    *("分值", "得分", "偏差原因分析及改进措施"),
]


def _lines(texts: list[str]) -> Lines:
    return Lines(
        name="t.txt",
        lines=[Line([t], Source(file="t.txt", line=n)) for n, t in enumerate(texts, start=1)],
    )


def _rows(texts: list[str], kind: str = "self_evaluation") -> list[list[str]]:
    return [line.cells for line in rebuild(_lines(texts), kind).lines if line.table is not None]


def test_a_header_label_wrapped_over_two_lines_names_one_column():
    rows = _rows([*PROJECT_HEADER, "产出指标", "数量指标", "抽检批次", "4500", "4600", "10", "10"])
    assert rows[0] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "目标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因",
    ]
    assert rows[1][:7] == ["产出指标", "数量指标", "抽检批次", "4500", "4600", "10", "10"]


def test_a_part_that_names_a_column_alone_still_joins_when_the_whole_names_another():
    """年初 + 预算数 is 年初预算, though 预算数 alone would be 全年预算."""
    columns = {c.name for c in SELF_EVALUATION_BUDGET.columns}
    assert SELF_EVALUATION_BUDGET.named("年初") is None
    assert SELF_EVALUATION_BUDGET.named("预算数").name == "全年预算"
    assert SELF_EVALUATION_BUDGET.named("年初预算数").name == "年初预算"
    assert {"年初预算", "全年预算"} <= columns


def test_unfilled_template_rows_are_dropped_and_template_numbers_come_off_names():
    body = [
        *("产出指标", "数量指标", "指标1抽检批次", "4500", "4600", "10", "10"),
        *("指标2", "……"),  # the template's unfilled rows: a label only, no value
        *("质量指标", "指标1抽检合格率", "97", "98", "10", "10"),
        *("指标2", "……"),
    ]
    rows = _rows([*PROJECT_HEADER, *body])
    assert [r[2] for r in rows[1:]] == ["抽检批次", "抽检合格率"]
    assert [r[6] for r in rows[1:]] == ["10", "10"]


def test_a_stray_zero_in_the_free_text_column_is_not_the_score():
    body = [
        *("效益指标", "社会效益指标", "群众满意度", "100", "100", "10", "9", "0"),
        *("满意度指标", "服务对象满意度指标", "学生满意度", "100", "100", "10", "10", "0"),
    ]
    rows = _rows([*PROJECT_HEADER, *body])
    assert [(r[2], r[3], r[5], r[6], r[7]) for r in rows[1:]] == [
        ("群众满意度", "100", "10", "9", "0"),
        ("学生满意度", "100", "10", "10", "0"),
    ]


def test_a_level_wrapped_apart_from_its_word_is_no_indicator():
    body = [
        *("效益指标", "社会效益", "指标", "群众满意度", "100", "100", "10", "9"),
        *("生态效益", "指标", "指标1", "指标2", "……"),  # an unfilled group of the template
        *("可持续影响", "指标", "长期使用性", "100", "100", "10", "10"),
    ]
    rows = _rows([*PROJECT_HEADER, *body])
    assert [(r[1], r[2]) for r in rows[1:]] == [
        ("社会效益指标", "群众满意度"),
        ("可持续影响指标", "长期使用性"),
    ]


def test_the_schema_keeps_the_columns_by_name():
    assert SELF_EVALUATION_INDICATORS.named("偏差原因分析及改进措施").name == "偏差原因"


def test_a_body_cell_before_a_repeated_header_is_not_joined_into_it():
    body = [*("产出指标", "数量指标", "抽检批次", "4500", "4600", "10", "良好")]
    rows = _rows([*PROJECT_HEADER, *body, *PROJECT_HEADER, "质量指标", "抽检合格率", "97", "98"])
    assert [r[2] for r in rows[1:]] == ["抽检批次", "抽检合格率"]


def test_level_words_glued_to_a_name_and_a_target_glued_to_it_are_cut_apart():
    assert unglued("产出指标数量指标抽检批次≥4500批次") == [
        "产出指标",
        "数量指标",
        "抽检批次",
        "≥4500批次",
    ]
    assert unglued("社会效益指标群众满意度=90%") == ["社会效益指标", "群众满意度", "=90%"]
    assert unglued("抽检合格率") == ["抽检合格率"]


def test_a_one_line_table_without_its_header_is_read_by_its_glued_levels():
    line = (
        "产出指标数量指标抽检批次≥4500批次 20 抽检合格率≥97% 20 时效指标完成时间≤12月 20 "
        "效益指标社会效益指标群众满意度≥90% 30 合计100 评价结论:良好"
    )
    rows = _rows(["某项目绩效自评表", line])
    assert rows == [
        ["一级指标", "二级指标", "三级指标", "目标值", "分值"],
        ["产出指标", "数量指标", "抽检批次", "≥4500批次", "20"],
        ["", "", "抽检合格率", "≥97%", "20"],
        ["", "时效指标", "完成时间", "≤12月", "20"],
        ["效益指标", "社会效益指标", "群众满意度", "≥90%", "30"],
    ]


def test_a_heading_that_only_names_a_level_starts_no_headerless_table():
    lines = _lines(["产出指标", "本年度完成抽检4600批次。", "效益指标", "群众满意度92%。"])
    assert rebuild(lines, "self_evaluation") is lines
    lines = _lines(["产出指标分值50分，得分48分。", "效益指标分值30分，得分30分。"])
    assert rebuild(lines, "self_evaluation") is lines


def test_a_note_on_how_an_indicator_is_computed_is_its_basis_not_its_name(tmp_path):
    from jixiao.ingest import extract_file

    header = "一级指标\t二级指标\t三级指标\t目标值\t分值\t得分"
    rows = [
        "产出指标\t数量指标\t结余率(计算方法为:结余数/预算数)\t≤5%\t20\t20",
        "\t\t抽检合格率(%)\t≥97%\t20\t20",
    ]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(["某项目绩效自评表", header, *rows]), encoding="utf-8")
    doc = extract_file(path, kind="self_evaluation")
    assert [(i.name, i.basis) for i in doc.indicators] == [
        ("结余率", "计算方法为:结余数/预算数"),
        ("抽检合格率(%)", ""),
    ]
