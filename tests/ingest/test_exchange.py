"""预算管理一体化 exchange tables (#19.6): the seeds go out as the national tables and come
back the same, in .xlsx and CSV, under the standard mapping and under a province's own; the
common Excel template is read; ordinary bureau tables are never taken for exchange tables."""

from __future__ import annotations

import csv
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.core.documents import Document
from jixiao.core.exchange import Codes, ExchangeError, load_mapping, template_rows, to_tables
from jixiao.ingest import extract_file
from jixiao.reports.exchange import write_tables
from tests.ingest.tables import write_xlsx
from tests.support import SEEDS, seed

CODES = Codes({"MOF_DIV_CODE": "430000", "AGENCY_CODE": "101001", "PRO_CODE": "43000023X0001"})


def write(
    doc: Document, out: Path, level: str = "project", mapping_text: str | None = None
) -> Path:
    mapping = load_mapping(mapping_text)
    tables = to_tables(doc, mapping, CODES, level)
    write_tables(tables, {t.name: t.headings() for t in mapping.tables if t.name in tables}, out)
    return out


def essentials(doc: Document) -> dict:
    """What a finance department exchanges: indicators with targets, results and points."""
    return {
        "kind": doc.kind,
        "year": doc.year,
        "org": doc.organization.name,
        "indicators": [
            (
                i.name,
                i.path[:2],
                [t.raw for t in i.targets],
                i.weight,
                i.score,
                i.actual.raw if i.actual else None,
                i.deviation,
            )
            for i in doc.indicators
        ],
        "budget": [
            (r.source, r.initial, r.adjusted, r.spent, r.rate, r.weight, r.score)
            for r in (doc.budget.rows if doc.budget else [])
        ],
    }


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_a_seed_round_trips_through_the_national_tables_as_xlsx(
    prefix: str, tmp_path: Path
) -> None:
    doc = extract_file(seed(prefix))
    back = extract_file(write(doc, tmp_path / "out.xlsx"))
    assert essentials(back) == essentials(doc)
    assert back.organization.code == "101001"
    assert len(back.indicators) == len(doc.indicators) > 40


def test_the_self_evaluation_tables_carry_amounts_in_yuan_and_the_reported_total(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    doc = extract_file(seed("002"))
    book = load_workbook(write(doc, tmp_path / "out.xlsx"))
    assert book.sheetnames == ["PM_PERF_SELF_EVAL", "PM_SELF_EVAL_INDICATOR", "PM_PERF_SELF_BGT"]
    head, first = list(book["PM_PERF_SELF_BGT"].iter_rows(values_only=True))[:2]
    row = dict(zip(head, first, strict=True))
    assert Decimal(str(row["CUR_AMT"])) == doc.budget.rows[0].adjusted * 10000
    evaluation = dict(zip(*book["PM_PERF_SELF_EVAL"].iter_rows(values_only=True), strict=True))
    assert Decimal(str(evaluation["TOTAL_EVAL_VALUE"])) == doc.totals["reported_score"]
    assert evaluation["MOF_DIV_CODE"] in (430000, "430000")


def test_csv_export_is_one_file_per_table_and_each_reads_back(tmp_path: Path) -> None:
    doc = extract_file(seed("000"))
    archive = zipfile.ZipFile(write(doc, tmp_path / "out.zip"))
    assert sorted(archive.namelist()) == ["PM_PERF_GOAL_INFO.csv", "PM_PERF_INDICATOR.csv"]
    path = tmp_path / "PM_PERF_INDICATOR.csv"
    path.write_bytes(archive.read("PM_PERF_INDICATOR.csv"))
    back = extract_file(path)
    assert [(i.name, [t.raw for t in i.targets], i.weight) for i in back.indicators] == [
        (i.name, [t.raw for t in i.targets], i.weight) for i in doc.indicators
    ]


def test_department_level_uses_the_bgt_tables(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    doc = extract_file(seed("000"))
    book = load_workbook(write(doc, tmp_path / "dept.xlsx", level="dept"))
    assert book.sheetnames == ["BGT_PERF_GOAL_INFO", "BGT_PERF_INDICATOR"]
    assert (
        essentials(extract_file(tmp_path / "dept.xlsx"))["indicators"]
        == essentials(doc)["indicators"]
    )


def province_mapping() -> str:
    """A province renames a column, drops one and adds a constant — as data, not code."""
    data = json.loads(
        Path(load_mapping.__code__.co_filename)
        .with_name("exchange_standard.json")
        .read_text("utf-8")
    )
    table = next(t for t in data["tables"] if t["name"] == "PM_SELF_EVAL_INDICATOR")
    for column in table["columns"]:
        if column[0] == "KPI_VAL":
            column[0] = "YEAR_KPI_VAL"
    table["columns"] = [c for c in table["columns"] if c[0] != "DEVI_ANALY"]
    table["columns"].append({"name": "PROVINCE", "label": "省份", "const": "43"})
    return json.dumps(data, ensure_ascii=False)


def test_a_province_mapping_renames_drops_and_adds_columns(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    text = province_mapping()
    doc = extract_file(seed("002"))
    out = write(doc, tmp_path / "hn.xlsx", mapping_text=text)
    head = next(load_workbook(out)["PM_SELF_EVAL_INDICATOR"].iter_rows(values_only=True))
    assert "YEAR_KPI_VAL" in head and "KPI_VAL" not in head and "DEVI_ANALY" not in head
    assert head[-1] == "PROVINCE"
    mapping_file = tmp_path / "hn.json"
    mapping_file.write_text(text, "utf-8")
    assert (
        main(
            [
                "export",
                str(seed("002")),
                "--to",
                "yitihua",
                "-o",
                str(tmp_path / "cli.xlsx"),
                "--mapping",
                str(mapping_file),
                "--code",
                "AGENCY_CODE=101001",
            ]
        )
        == 0
    )
    assert (
        next(
            load_workbook(tmp_path / "cli.xlsx")["PM_SELF_EVAL_INDICATOR"].iter_rows(
                values_only=True
            )
        )
        == head
    )


def test_a_bad_mapping_is_refused_in_chinese() -> None:
    with pytest.raises(ExchangeError, match="不认识的字段"):
        load_mapping(
            json.dumps(
                {
                    "tables": [
                        {
                            "name": "X",
                            "rows": "indicator",
                            "columns": [["A", "甲", "indicator.nothing"]],
                        }
                    ]
                }
            )
        )
    with pytest.raises(ExchangeError, match="对照表格式不对"):
        load_mapping("{")


def test_the_common_excel_template_is_written_and_read(tmp_path: Path) -> None:
    doc = extract_file(seed("000"))
    rows = template_rows(doc, load_mapping())
    assert list(rows[0])[:3] == ["*一级指标", "*二级指标", "*三级绩效指标名称"]
    out = tmp_path / "template.xlsx"
    assert main(["export", str(seed("000")), "--to", "template", "-o", str(out)]) == 0
    back = extract_file(out)
    numeric = [i for i in doc.indicators if i.targets and i.targets[0].value is not None]
    read = {i.name: i for i in back.indicators}
    for ind in numeric:
        got = read[ind.name].targets[0]
        assert (got.op, got.value) == (ind.targets[0].op, ind.targets[0].value), ind.name


def test_a_hand_filled_template_with_a_title_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_xlsx(
        path,
        {
            "Sheet1": [
                ["2025年度项目绩效目标申报表"],
                [
                    "*一级指标",
                    "*二级指标",
                    "*三级绩效指标名称",
                    "*指标性质",
                    "*指标值",
                    "*度量单位",
                    "权重",
                    "评（扣）分标准",
                ],
                [
                    "产出指标",
                    "数量指标",
                    "抽检批次",
                    "≥",
                    "1200",
                    "批次",
                    "20",
                    "完成得满分，每少10%扣2分",
                ],
                ["效益指标", "社会效益指标", "群众满意度", "≥", "90", "%", "10", ""],
                ["产出指标", "质量指标", "抽检覆盖", "定性", "全覆盖", "", "10", ""],
            ]
        },
    )
    doc = extract_file(path)
    assert [(i.name, i.targets[0].op, i.targets[0].value, i.weight) for i in doc.indicators] == [
        ("抽检批次", ">=", Decimal(1200), Decimal(20)),
        ("群众满意度", ">=", Decimal(90), Decimal(10)),
        ("抽检覆盖", "qualitative", None, Decimal(10)),
    ]
    assert doc.indicators[0].criteria == "完成得满分，每少10%扣2分"


def test_text_where_a_number_is_due_is_a_warning_naming_the_cell(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_xlsx(
        path,
        {
            "Sheet1": [
                [
                    "LV1_PERF_IND_NAME",
                    "LV2_PERF_IND_NAME",
                    "LV3_PERF_IND_NAME",
                    "KPI_VAL",
                    "IND_WEIGHT",
                    "EVAL_SCORE",
                ],
                ["产出指标", "数量指标", "抽检批次", "≥1200批次", "二十", "=1+1"],
            ]
        },
    )
    doc = extract_file(path)
    assert doc.indicators[0].weight is None
    assert any("第2行 权重" in w and "不是数字" in w for w in doc.warnings)


def test_formula_leading_text_is_neutralised_and_still_round_trips(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    doc = extract_file(seed("000"))
    doc.indicators[0].criteria = '=HYPERLINK("http://x","点我")'
    xlsx = write(doc, tmp_path / "f.xlsx")
    cell = load_workbook(xlsx)["PM_PERF_INDICATOR"]["L2"]
    assert cell.data_type == "s"
    assert extract_file(xlsx).indicators[0].criteria == doc.indicators[0].criteria
    archive = zipfile.ZipFile(write(doc, tmp_path / "f.zip"))
    rows = list(csv.reader(archive.read("PM_PERF_INDICATOR.csv").decode("utf-8-sig").splitlines()))
    assert rows[1][rows[0].index("KPI_EVALSTD")].startswith("'=")


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_ordinary_bureau_tables_are_never_taken_for_exchange_tables(path: Path) -> None:
    from jixiao.ingest import read_lines
    from jixiao.ingest.exchange import read_exchange

    assert read_exchange(read_lines(path)) is None


def test_the_cli_refuses_an_unknown_output_type_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert (
        main(["export", str(seed("000")), "--to", "yitihua", "-o", str(tmp_path / "x.docx")]) == 2
    )
    assert "应为 .xlsx" in capsys.readouterr().err
