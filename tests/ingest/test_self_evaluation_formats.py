"""The self-evaluation layout reads .docx, .xlsx and .pdf forms like their .txt."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.documents import Document, document_to_dict
from jixiao.ingest.layouts.self_evaluation import parse
from jixiao.ingest.readers.txt import read_txt
from tests.ingest.tables import LEFT, UP, Formatted, write_docx, write_pdf, write_xlsx
from tests.support import seed


@pytest.fixture(scope="module")
def seed002() -> Document:
    return parse(read_txt(seed("002")))


def _text(value) -> str:
    return "" if value is None else str(value)


def _target_cell(indicator) -> str:
    raws = [t.raw for t in indicator.targets]
    return raws[0] if len(set(raws)) == 1 else "，".join(raws)


def _spread(cells: list[str], widths: list[int]) -> list:
    """Lay cells over grid columns, each spanning its width (the form is an 11-column grid)."""
    row: list = []
    for cell, width in zip(cells, widths, strict=True):
        row += [cell] + [LEFT] * (width - 1)
    return row


def form_table(doc: Document, down: object = UP) -> list[list]:
    """The whole self-evaluation form as one 11-column table with merged cells, as bureaus print it.

    ``down`` fills the cells a label covers below it: a vertical merge, or (in PDF, where a
    merge cannot break across pages) an empty cell.
    """
    org = doc.organization
    rows = [_spread(["部门名称及编码", org.name, org.code], [1, 7, 3])]
    rows.append(_spread(["年度主要任务", "任务名称", "主要内容", "完成情况"], [1, 2, 4, 4]))
    rows += [_spread([down, t.name, t.content, t.result], [1, 2, 4, 4]) for t in doc.tasks]
    prose = {f.name: f.text for f in doc.figures}
    rows += [_spread([name, prose[name]], [1, 10]) for name in ("预期目标", "目标实际完成情况")]
    widths = [1, 2, 2, 2, 1, 1, 2]
    rows.append(
        _spread(
            [
                "项目资金（万元）",
                "年初预算（万\n元）",
                "全年预算（万元）",
                "全年执行（万元）",
                "执行率",
                "分值",
                "得分",
            ],
            widths,
        )
    )
    for r in doc.budget.rows:
        label = "其中：" + r.source if r.source == "财政拨款" else r.source
        money = [_text(r.initial), _text(r.adjusted), _text(r.spent), _text(r.rate) + "%"]
        rows.append(_spread([label, *money, _text(r.weight) or "-", _text(r.score)], widths))
    rows.append(
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标方向",
            "目标值",
            "计量单位",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    )
    previous = None
    for i in doc.indicators:
        level1 = down if i.path[0] == previous else i.path[0]
        previous = i.path[0]
        cells = [
            i.nature,
            i.direction,
            _target_cell(i),
            i.unit,
            i.weight,
            i.score,
            i.deviation or "无",
        ]
        rows.append([down, level1, i.path[1], i.name, *map(_text, cells)])
    return rows


def comparable(doc: Document) -> dict:
    """The document's content without where each value came from, warnings, or spaces.

    A PDF keeps no spaces where a cell wraps and collapses runs of them, so text is compared
    without whitespace.
    """

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("source", "warnings")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            return "".join(value.split())
        return value

    return strip(document_to_dict(doc))


def write_form(doc: Document, path: Path) -> Path:
    blocks = [doc.title, form_table(doc)]
    if path.suffix == ".docx":
        return write_docx(path, blocks)
    if path.suffix == ".xlsx":
        return write_xlsx(path, {"自评表": [[doc.title], *form_table(doc)]})
    return write_pdf(path, [doc.title, form_table(doc, down="")])


@pytest.mark.parametrize(
    ("suffix", "reader"), [(".docx", "docx"), (".xlsx", "xlsx"), (".pdf", "pdf")]
)
def test_each_format_of_the_seed_form_gives_the_same_document_as_the_txt(
    seed002, tmp_path, suffix, reader
):
    module = pytest.importorskip(f"jixiao.ingest.readers.{reader}")
    path = write_form(seed002, tmp_path / f"form{suffix}")
    again = parse(getattr(module, f"read_{reader}")(path))
    assert comparable(again) == comparable(seed002)


def test_indicator_table_continued_in_a_narrower_table_is_aligned_by_its_right_edge(tmp_path):
    docx = pytest.importorskip("jixiao.ingest.readers.docx")
    header = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标方向"]
    header += ["目标值", "计量单位", "分值", "得分", "偏差原因分析及改进措施"]
    first = [
        header,
        [
            "",
            "产出指标（60分）",
            "数量指标",
            "检查企业",
            "定量",
            "≥",
            "100家",
            "家",
            "60",
            "60",
            "无",
        ],
    ]
    second = [
        ["", "质量指标", "整改率", "定性", "=", "100%", "", "20", "18", "个别企业整改滞后"],
        ["效益指标", "社会效益", "群众满意度", "定量", "≥", "90%", "%", "20", "20", ""],
    ]
    path = write_docx(tmp_path / "t.docx", ["部门整体支出绩效自评表", first, "（续表）", second])
    doc = parse(docx.read_docx(path))
    names = [(i.path, i.name, i.weight, i.score) for i in doc.indicators]
    assert names == [
        (["产出指标", "数量指标"], "检查企业", 60, 60),
        (["产出指标", "质量指标"], "整改率", 20, 18),
        (["效益指标", "社会效益"], "群众满意度", 20, 20),
    ]
    assert doc.indicators[1].deviation == "个别企业整改滞后"
    assert {f.name: f.value for f in doc.figures}["分值:产出指标"] == 60


def test_spreadsheet_with_number_column_and_real_numbers(tmp_path):
    xlsx = pytest.importorskip("jixiao.ingest.readers.xlsx")
    rows = [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "食品抽检", LEFT, "主管部门", "某市市场监督管理局", LEFT, LEFT],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", 100, 120, 114, 10, Formatted(0.95, "0.00%"), 9.5],
        ["序号", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["1", "产出指标", "数量指标", "抽检批次", "≥8000批次", "8100批次", 50, 50],
        ["2", UP, "质量指标", "合格率", "≥98%", "97.5%", 40, 39.8],
    ]
    doc = parse(xlsx.read_xlsx(write_xlsx(tmp_path / "p.xlsx", {"自评表": rows})))
    assert doc.year == 2023
    assert doc.organization.name == "某市市场监督管理局"
    (total,) = doc.budget.rows
    assert (total.source, total.adjusted, total.spent, total.rate) == (
        "年度资金总额",
        120,
        114,
        95,
    )
    assert (doc.budget.weight, doc.budget.score) == (10, Decimal("9.5"))
    assert [i.id for i in doc.indicators] == ["1", "2"]
    quality = doc.indicators[1]
    assert (quality.path, quality.actual.raw, quality.score) == (
        ["产出指标", "质量指标"],
        "97.5%",
        Decimal("39.8"),
    )
    assert doc.totals == {
        "weight": 100,
        "reported_score": Decimal("99.3"),  # 49.5 + 39.8 + 10: no 合计 row printed
        "grade": None,
        "reported_score_summed": True,
    }
