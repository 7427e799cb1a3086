"""The 实际完成值 cell of a self-evaluation is a result, read without the 指标方向.

A direction (``≥``, 大于等于, ``≤``) states what the target requires; the actual next to it is
what was done. ``320`` beside ``≥ 300`` is the value 320 (``=``), never a requirement
``>= 320`` — else the scoring rules would compare two requirements. The same table is read
from text and from a Word table, and the score sheet scores the actual as a value.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.compare import compare
from jixiao.core.documents import Document
from jixiao.core.scoring import score_document
from jixiao.ingest import extract_file
from tests.ingest.tables import write_docx

HEAD = [
    "项目支出绩效自评表",
    "（2023年度）",
    "主管部门及代码 某县市场监督管理局 [210]",
    "绩效指标",
]
TABLE = [
    [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标方向",
        "年度指标值",
        "实际完成值",
        "计量单位",
        "分值",
        "得分",
    ],
    ["产出指标", "数量指标", "培训人数", "≥", "300", "320", "人", "50", "50"],
    ["产出指标", "成本指标", "人均培训成本", "≤", "200", "180", "元", "30", "30"],
    ["效益指标", "社会效益指标", "抽检合格率", "大于等于", "98%", "97%", "", "20", "19.8"],
]


def _text(path: Path) -> Path:
    rows = ["\t".join(row) for row in TABLE]
    path.write_text("\n".join([*HEAD, *rows, "合计\t100\t99.8"]) + "\n", encoding="utf-8")
    return path


def _docx(path: Path) -> Path:
    return write_docx(path, [*HEAD, TABLE])


@pytest.fixture(params=["txt", "docx"])
def doc(request: pytest.FixtureRequest, tmp_path: Path) -> Document:
    make = _text if request.param == "txt" else _docx
    return extract_file(make(tmp_path / f"form.{request.param}"), kind="self_evaluation")


def _op_value(targets: list) -> list[tuple]:
    return [(t.op, t.value, t.unit) for t in targets]


def test_the_actual_beside_a_direction_is_a_value_not_a_requirement(doc: Document):
    trained, cost, passed = doc.indicators
    assert trained.direction == "≥" and _op_value(trained.targets) == [(">=", 300, "人")]
    assert _op_value(trained.actual.targets) == [("=", 320, "人")]
    assert _op_value(cost.targets) == [("<=", 200, "元")]
    assert _op_value(cost.actual.targets) == [("=", 180, "元")]
    assert _op_value(passed.targets) == [(">=", 98, "%")]
    assert _op_value(passed.actual.targets) == [("=", 97, "%")]


def test_the_score_sheet_scores_those_actuals_against_their_targets(doc: Document):
    rows = {row.indicator.name: row for row in score_document(doc).rows}
    assert (rows["培训人数"].result.rule, rows["培训人数"].result.points) == ("proportional", 50)
    assert rows["人均培训成本"].result.points == 30
    assert rows["抽检合格率"].result.points == Decimal("19.8")  # 97 ÷ 98 × 20 = 19.80


def test_compare_reads_each_actual_against_its_own_target(doc: Document):
    verdicts = [compare(i.targets[0], i.actual.targets[0]) for i in doc.indicators]
    assert [(v.met, v.ratio) for v in verdicts[:2]] == [
        (True, Decimal(320) / Decimal(300)),
        (True, Decimal(1)),
    ]
    assert verdicts[2].met is False  # 97% < 98%
