"""The drafted 绩效自评报告 (#19.7): its figures are the table's, every shortfall is named with
its reason and measure, nothing prints a blank where a number belongs, and an edited draft
reads back into the same sections."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.core.checks import run_checks
from jixiao.core.documents import Document
from jixiao.core.drafting import DraftError, draft_report, parse_draft, split_deviation
from jixiao.core.scoring import score_document
from jixiao.ingest import extract_file
from tests.support import seed

# A unit, a number's place left empty: 共计万元, 执行率%, 得分分, ：。 and the like.
BLANK = re.compile(r"(共计|合计|总额|预算|执行|为|率)(万元|元|%)|得分分|分值分|[：:，,]。|“”")


def drafted(prefix: str) -> tuple[Document, str]:
    doc = extract_file(seed(prefix))
    sheet = score_document(doc)
    return doc, draft_report(doc, sheet, run_checks(doc)).to_text()


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_the_draft_follows_the_bureaus_outline_and_prints_no_blank_figure(prefix: str) -> None:
    _, text = drafted(prefix)
    headings = [line for line in text.splitlines() if re.match(r"^[一二三四五六]、", line)]
    assert headings == [
        "一、基本情况",
        "二、绩效目标完成情况",
        "三、偏差原因分析",
        "四、存在的问题",
        "五、整改措施",
    ]
    assert not BLANK.search(text), BLANK.search(text)


def test_the_figures_in_the_prose_are_the_tables_figures() -> None:
    doc, text = drafted("003")
    sheet = score_document(doc)
    assert f"总得分{sheet.recomputed_total.normalize():f}分" in text
    assert "年初预算33085万元" in text and "全年执行31610.23万元" in text
    assert "预算执行率95.54%" in text and "尚有1474.77万元未执行" in text
    assert f"本年度设定绩效指标{len(doc.indicators)}个" in text
    assert text.splitlines()[0] == "湖南省市场监督管理局2023年度专项资金绩效自评报告"


def test_every_shortfall_is_named_with_its_points_reason_and_measure() -> None:
    doc, text = drafted("003")
    sheet = score_document(doc)
    short = [
        r
        for r in sheet.rows
        if r.applicable
        and r.recomputed is not None
        and r.indicator.weight is not None
        and r.recomputed < r.indicator.weight
    ]
    assert len(short) == 11 and f"{len(short)}个未完全达到" in text
    for row in short:
        assert f"“{row.indicator.name}”：" in text
        reason, measure = split_deviation(row.indicator.deviation)
        if reason:
            assert reason.rstrip("。，；") in text
        if measure:
            assert measure in text.split("五、整改措施")[1]
    missing = [r.indicator.name for r in short if not r.indicator.deviation]
    for name in missing:
        assert f"“{name}”：自评表未说明偏差原因，请补充。" in text


def test_a_reason_with_its_measure_is_split_where_the_unit_wrote_it() -> None:
    assert split_deviation("项目审批滞后。下一步改进措施：加快项目进度。") == (
        "项目审批滞后",
        "加快项目进度。",
    )
    assert split_deviation("资金到位晚") == ("资金到位晚", "")
    assert split_deviation(None) == ("", "")


def test_unknown_money_is_said_not_left_blank() -> None:
    doc = extract_file(seed("002"))
    doc.budget = None
    text = draft_report(doc, score_document(doc), []).to_text()
    assert "预算资金情况自评表未填报" in text and not BLANK.search(text)


def test_an_edited_draft_reads_back_into_its_sections() -> None:
    _, text = drafted("003")
    draft = parse_draft(text)
    assert draft.to_text() == text
    edited = text.replace("五、整改措施\n", "五、整改措施\n（一）资金管理\n建立专项资金台账。\n")
    again = parse_draft(edited)
    assert [s.title for s in again.sections][-2:] == ["五、整改措施", "（一）资金管理"]
    assert again.sections[-1].paragraphs[0] == "建立专项资金台账。"
    with pytest.raises(DraftError, match="空"):
        parse_draft(" \n \n")
    with pytest.raises(DraftError, match="过长"):
        parse_draft("标题\n" + "字" * 70_000)


def test_a_self_evaluation_with_everything_met_says_so() -> None:
    doc, text = drafted("002")
    assert "44个指标中，44个达到年度目标，0个未完全达到。" in text
    assert "各项指标均达到年度目标，无偏差。" in text
    assert all(ind.weight is None or ind.weight >= Decimal(0) for ind in doc.indicators)


def test_the_cli_writes_the_draft_as_word_and_reads_it_back(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    assert main(["draft", str(seed("003")), "-o", str(out)]) == 0
    from docx import Document as Word

    paragraphs = [p.text for p in Word(str(out)).paragraphs]
    assert paragraphs[0] == "湖南省市场监督管理局2023年度专项资金绩效自评报告"
    assert "三、偏差原因分析" in paragraphs
    assert main(["draft", str(seed("003")), "-o", str(tmp_path / "x.html")]) == 2
