"""Forms written as prose (issue 14, item 4): reports, not tables.

- self-evaluation reports that state each indicator as a sentence under 产出/效益/满意度 headings;
- short evaluation reports that give only results, a total score and a grade;
- government work reports and plans whose targets stand among numbers about the past.

For the documents modelled on public ones (realworld/inputs/, sources in its README) the
expected values below were written down from the text before the extractor was run.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.documents import Document
from jixiao.ingest import extract_file, read_lines
from jixiao.ingest.recognise import recognise_kind

INPUTS = Path(__file__).parent / "realworld" / "inputs"
D = Decimal


def rows(doc: Document) -> list[tuple]:
    return [
        (
            i.path,
            i.name,
            i.unit,
            [t.raw for t in i.targets],
            i.actual.raw if i.actual else None,
            i.weight,
            i.score,
        )
        for i in doc.indicators
    ]


# ------------------------------------------------------------------ self-evaluation reports

PROSE_REPORT = """某县市场监督管理局2023年度部门整体支出绩效自评报告
一、部门基本情况
2023年，我局年初预算1200.5万元，全年执行1180.2万元。
二、绩效指标完成情况
（一）产出指标（50分）
1.数量指标
食品安全监督抽检批次（批次），目标值≥1200，完成值1350，分值10分，得分10分。
特种设备检验数量（台），年度指标值：≥800，实际完成值：826，权重：10，自评得分：10。
2.质量指标：抽检任务完成率，目标值100%，完成值100%，分值10分，得分10分；投诉处理及时率，目标值≥95%，完成值93%，分值10分，得分9分。
3.时效指标
案件办结及时率(%)，目标值≥90，完成值92，分值10，得分10。
（二）效益指标（30分）
社会效益指标：食品安全事故发生率，目标值0，完成值0，分值15分，得分15分。
可持续影响指标：监管长效机制健全性，目标值健全，完成值健全，分值15分，得分14分。
（三）满意度指标（10分）
服务对象满意度指标：群众满意度，目标值≥90%，完成值94%，分值10分，得分10分。
三、自评结论
经自评，我局2023年度部门整体支出自评总得分为88分，自评等级为良。
"""

PROSE_EXPECTED = [
    (["产出指标", "数量指标"], "食品安全监督抽检批次", "批次", ["≥1200"], "1350", D(10), D(10)),
    (["产出指标", "数量指标"], "特种设备检验数量", "台", ["≥800"], "826", D(10), D(10)),
    (["产出指标", "质量指标"], "抽检任务完成率", None, ["100%"], "100%", D(10), D(10)),
    (["产出指标", "质量指标"], "投诉处理及时率", None, ["≥95%"], "93%", D(10), D(9)),
    (["产出指标", "时效指标"], "案件办结及时率", "%", ["≥90"], "92", D(10), D(10)),
    (["效益指标", "社会效益指标"], "食品安全事故发生率", None, ["0"], "0", D(15), D(15)),
    (["效益指标", "可持续影响指标"], "监管长效机制健全性", None, ["健全"], "健全", D(15), D(14)),
    (["满意度指标", "服务对象满意度指标"], "群众满意度", None, ["≥90%"], "94%", D(10), D(10)),
]


def test_a_self_evaluation_report_in_sentences_gives_its_indicators_and_levels(tmp_path):
    doc = extract_file(_write(tmp_path, "report.txt", PROSE_REPORT))
    assert (doc.kind, doc.year, doc.organization.name) == (
        "self_evaluation",
        2023,
        "某县市场监督管理局",
    )
    assert rows(doc) == PROSE_EXPECTED
    assert doc.totals == {"weight": D(90), "reported_score": D(88), "grade": "良"}
    assert doc.warnings == []


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_half_width_punctuation_and_headings_inline_read_the_same(tmp_path):
    text = (
        "XX局2022年度项目支出绩效自评报告\n"
        "1.产出指标(60分):数量指标:培训人次(人次),年度指标值>=300,实际完成值320,权重20,"
        "自评得分20;质量指标:培训合格率,目标值>=95%,完成值97%,分值20,得分20;"
        "时效指标:培训按时完成率,目标值100%,完成值90%,分值20,得分18。\n"
        "2.满意度指标(10分):参训人员满意度,目标值>=90%,完成值96%,分值10,得分10。\n"
    )
    doc = extract_file(_write(tmp_path, "b.txt", text))
    assert doc.kind == "self_evaluation"
    assert rows(doc) == [
        (["产出指标", "数量指标"], "培训人次", "人次", [">=300"], "320", D(20), D(20)),
        (["产出指标", "质量指标"], "培训合格率", None, [">=95%"], "97%", D(20), D(20)),
        (["产出指标", "时效指标"], "培训按时完成率", None, ["100%"], "90%", D(20), D(18)),
        (["满意度指标"], "参训人员满意度", None, [">=90%"], "96%", D(10), D(10)),
    ]
    assert doc.totals["weight"] == D(70) and doc.totals["reported_score"] == D(68)


def test_sentences_without_a_target_or_a_result_are_not_indicators(tmp_path):
    text = (
        "XX局2022年度部门整体支出绩效自评报告\n"
        "产出指标分值50分，得分48分。\n"  # a level's weight and score, not an indicator
        "全年完成抽检5000批次，完成情况良好。\n"
        "群众满意度，目标值≥90%，完成值95%，分值10分，得分10分。\n"
    )
    doc = extract_file(_write(tmp_path, "c.txt", text))
    assert [i.name for i in doc.indicators] == ["群众满意度"]


def test_the_prose_report_as_a_web_page_reads_the_same(tmp_path: Path):
    from tests.ingest.tables import write_html

    paragraphs = [line for line in PROSE_REPORT.split("\n") if line]
    doc = extract_file(write_html(tmp_path / "report.html", paragraphs, charset="gb2312"))
    assert rows(doc) == PROSE_EXPECTED


# ------------------------------------------------------------------ short evaluation reports


def test_a_public_evaluation_report_with_only_its_score_gives_the_score_and_nothing_invented():
    # what a reader records: an evaluation report of 南县财政局 for 2020, 综合评分 97分, no
    # grade printed, no indicator listed (head counts 205/113/3 are not indicators)
    doc = extract_file(INPUTS / "nanxian-2020-finance-bureau-evaluation.txt")
    assert (doc.kind, doc.year, doc.organization.name) == ("evaluation_report", 2020, "南县财政局")
    assert doc.totals["reported_score"] == D(97) and doc.totals["grade"] is None
    assert doc.indicators == [] and doc.projects == []
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("sentence", "score", "grade"),
    [
        ("经综合评价，该项目综合评分92.5分，评价等级为“优”。", D("92.5"), "优"),
        ("项目绩效评价得分为86分，评价结果为良好。", D(86), "良"),
        ("最终评分结果：78分，绩效评价等级“中”。", D(78), "中"),
    ],
)
def test_a_short_evaluation_report_gives_its_total_and_grade(tmp_path, sentence, score, grade):
    text = (
        "某市市场监督管理局2023年度食品安全抽检专项资金绩效评价报告\n"
        "一、项目基本情况\n全年安排资金500万元，完成抽检6000批次。\n"
        f"二、绩效评价结论\n{sentence}\n三、存在的问题\n部分抽检结果公开不及时。\n"
    )
    doc = extract_file(_write(tmp_path, "d.txt", text))
    assert doc.kind == "evaluation_report"
    assert (doc.totals["reported_score"], doc.totals["grade"]) == (score, grade)
    assert doc.indicators == []


# ------------------------------------------------------------------ work reports and plans


def test_a_work_report_s_targets_are_read_and_its_review_figures_are_not():
    # what a reader records: five targets with numbers — GDP 增长5.5%左右, 城镇新增就业
    # 1100万人以上, 城镇调查失业率 5.5%以内, 居民消费价格涨幅 3%左右, 粮食产量 1.3万亿斤以上;
    # the 2021 figures (114万亿元, 8.1%, 20万亿元, 10.7%, 1269万人, 5.1%, 0.9%, 15.5%,
    # 1.37万亿斤, 18.2%) are the past, and the goals without a number are not candidates
    doc = extract_file(INPUTS / "national-2022-work-report-targets.txt")
    assert doc.kind == "work_goals"
    assert [i.name for i in doc.indicators] == [
        "国内生产总值增长5.5%左右",
        "城镇新增就业1100万人以上",
        "城镇调查失业率全年控制在5.5%以内",
        "居民消费价格涨幅3%左右",
        "粮食产量保持在1.3万亿斤以上",
    ]
    found = " ".join(t.raw for i in doc.indicators for t in i.targets)
    for context in ("114", "8.1", "10.7", "1269", "5.1", "0.9", "15.5", "1.37", "18.2"):
        assert context not in found


def test_a_plan_s_review_section_is_context_and_its_goals_are_candidates(tmp_path):
    text = (
        "某市市场监督管理局2024年工作要点\n"
        "一、2023年工作回顾\n"
        "全年新增市场主体5.2万户，增长12%；抽检食品8000批次，合格率98.5%。\n"
        "二、2024年主要目标\n"
        "新增市场主体5万户以上，食品抽检合格率不低于98%。\n"
        "三、重点任务\n"
        "（一）优化营商环境。2023年，企业开办时间压缩至1个工作日。今年力争企业开办"
        "全程网办率达到95%。\n"
    )
    doc = extract_file(_write(tmp_path, "e.txt", text))
    assert doc.kind == "work_goals"
    assert [i.name for i in doc.indicators] == [
        "新增市场主体5万户以上",
        "食品抽检合格率不低于98%",
        "今年力争企业开办全程网办率达到95%",
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("national-2022-work-report-targets.txt", "work_goals"),
        ("nanxian-2020-finance-bureau-evaluation.txt", "evaluation_report"),
    ],
)
def test_the_modelled_documents_are_recognised_as_their_kind(name: str, kind: str):
    assert recognise_kind(read_lines(INPUTS / name)) == kind


def test_a_summary_sentence_and_list_numbers_do_not_make_indicators(tmp_path):
    text = (
        "XX局2024年度项目支出绩效自评报告\n"
        "本项目绩效自评得分100分,等级为优,设置绩效目标3个,实际完成3个,具体情况如下:\n"
        "(一) 产出指标\n"
        "1、数量指标\n"
        "1)抽检批次(批次),目标值200,完成值210,分值40,得分40。\n"
        "2)培训人次(人次),目标值50,完成值50,分值30,得分30。\n"
    )
    doc = extract_file(_write(tmp_path, "d.txt", text))
    assert [i.name for i in doc.indicators] == ["抽检批次", "培训人次"]
    stated = [f.value for f in doc.figures if f.name == "指标个数"]
    assert stated == [D(3)]


def test_a_total_over_fewer_indicators_than_stated_is_a_warning_not_an_error(tmp_path):
    """An excerpt: the report says it set 3 indicators; 2 are printed; the total is 100."""
    from jixiao.core.checks import run_checks

    text = (
        "XX局2024年度项目支出绩效自评报告\n"
        "本项目绩效自评得分100分,等级为优,设置绩效目标3个,实际完成3个。\n"
        "(一) 产出指标\n"
        "1、数量指标\n"
        "1)抽检批次(批次),目标值200,完成值210,分值40,得分40。\n"
        "2)培训人次(人次),目标值50,完成值50,分值30,得分30。\n"
    )
    findings = [
        f
        for f in run_checks(extract_file(_write(tmp_path, "e.txt", text)))
        if f.rule == "totals.sum"
    ]
    assert [(f.severity, f.expected, f.found) for f in findings] == [("warning", D(70), D(100))]
    assert "设置指标3个，只读到2个" in findings[0].message


def test_the_grade_stated_right_after_the_score_is_read(tmp_path):
    text = (
        "XX局2024年度市级预算项目绩效自评报告\n"
        "本项目绩效自评得分100分,等级为优,设置绩效目标2个,实际完成2个。\n"
        "1)培训人次(人次),目标值300,完成值320,分值50,得分50。\n"
        "2)培训合格率(%),目标值95,完成值97,分值50,得分50。\n"
    )
    doc = extract_file(_write(tmp_path, "g.txt", text))
    assert (doc.totals["reported_score"], doc.totals["grade"]) == (D(100), "优")
    # a 风险等级 elsewhere is not the form's grade
    other = text.replace("本项目绩效自评得分100分,等级为优,", "风险等级为中,")
    assert extract_file(_write(tmp_path, "h.txt", other)).totals["grade"] is None


def test_the_head_s_self_score_of_a_transfer_payment_form_copied_cell_by_cell(tmp_path):
    # 区域绩效目标自评表: 自评得分 spans two rows, its value printed after the second row's cells
    head = [
        "食品监管补助资金区域绩效目标自评表", "专项名称", "食品监管补助资金", "中央主管部门",
        "市场监管总局", "自评得分", "省级财政部门", "四川省财政厅", "省级主管部门",
        "四川省市场监管局", "95", "预算执行情况", "预算数:", "2.38", "执行数:", "2.38", "20",
        "年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值",
        "实际完成指标值", "50", "产出指标", "质量指标", "指标1:违法案件查办率", "100%",
        "100%", "25", "指标2:食品经营环节风险分级", "100%", "90%", "25",
    ]
    doc = extract_file(_write(tmp_path, "r.txt", "\n\n".join(head) + "\n"))
    assert doc.kind == "self_evaluation"
    assert doc.totals["reported_score"] == D(95)
