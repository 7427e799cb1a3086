"""The disclosure annual report layout (政府信息公开工作年度报告), on real and messy text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.disclosure import (
    APPLICANT_COLUMNS,
    CARRY_OVER,
    NEW,
    RESULT_TOTAL,
    RESULTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)
from jixiao.core.documents import Source
from jixiao.ingest import extract_file
from jixiao.ingest.layouts.disclosure_report.sections import heading_of
from jixiao.ingest.lines import Line
from tests.ingest.tables import LEFT, UP, write_docx, write_pdf, write_xlsx
from tests.support import sample, seed


@pytest.fixture(scope="module")
def fujian():
    return extract_file(seed("001"))


@pytest.fixture(scope="module")
def hongze():
    return extract_file(sample("hongze"))


def test_the_title_names_the_organisation_and_the_year(fujian, hongze):
    assert (fujian.organization.name, fujian.year) == ("福建省市场监督管理局", 2020)
    assert (hongze.organization.name, hongze.year) == ("洪泽区人民政府", 2023)
    assert hongze.title == "洪泽区人民政府2023年政府信息公开工作年度报告"


def test_table_three_of_seed_001_is_read_with_its_shifted_rows(fujian):
    requests = fujian.disclosure.requests
    assert requests[NEW] == dict(
        zip([*APPLICANT_COLUMNS, "总计"], map(Decimal, (24, 5, 0, 0, 0, 0, 29)), strict=True)
    )
    assert requests["（一）予以公开"]["总计"] == 15
    assert requests["（三）不予公开/7.属于行政执法案卷"]["自然人"] == 1
    assert requests["（五）不予处理/2.重复申请"]["商业企业"] == 2
    assert requests["（六）其他处理"]["商业企业"] == 1
    assert requests[RESULT_TOTAL]["总计"] == 27
    assert requests[CARRY_OVER]["自然人"] == 2


def test_rows_printed_without_their_total_are_summed_and_reported(fujian):
    assert fujian.disclosure.requests["（三）不予公开/1.属于国家秘密"]["总计"] == 0
    missing = [w for w in fujian.warnings if "未印总计" in w]
    assert len(missing) == 3
    assert "属于国家秘密" in missing[0]


def test_table_three_of_hongze_is_read_despite_its_vertical_labels(hongze):
    requests = hongze.disclosure.requests
    assert len(requests) == 23
    assert requests["（二）部分公开"]["自然人"] == 4
    assert requests["（三）不予公开/2.其他法律行政法规禁止公开"]["总计"] == 0
    assert requests["（三）不予公开/6.属于四类过程性信息"]["自然人"] == 1
    assert requests["（四）无法提供/1.本机关不掌握相关政府信息"]["总计"] == 10
    assert requests["（五）不予处理/1.信访举报投诉类申请"]["自然人"] == 1
    assert requests[RESULT_TOTAL]["总计"] == 21
    assert hongze.warnings == []


def test_the_review_table_s_fifteen_numbers_go_to_three_groups(fujian, hongze):
    assert tuple(hongze.disclosure.reviews) == REVIEW_GROUPS
    assert hongze.disclosure.reviews["行政复议"] == {
        "结果维持": 10,
        "结果纠正": 1,
        "其他结果": 0,
        "尚未审结": 0,
        "总计": 0,
    }
    assert hongze.disclosure.reviews["行政诉讼/复议后起诉"]["结果维持"] == 5
    assert fujian.disclosure.reviews["行政复议"]["总计"] == 1
    assert set(fujian.disclosure.reviews["行政诉讼/未经复议直接起诉"]) == set(REVIEW_COLUMNS)


def test_the_2019_proactive_table_keeps_each_block_s_headers_and_units(fujian):
    rows = {row["item"]: row for row in fujian.disclosure.proactive}
    assert rows["规范性文件"] == {
        "block": "第二十条第（一）项",
        "item": "规范性文件",
        "本年新制作数量": 9,
        "本年新公开数量": 9,
        "对外公开总数量": 10,
    }
    assert rows["其他对外管理服务事项"]["本年增/减"] == 1
    assert rows["政府集中采购"]["采购总金额"] == Decimal("13989.54")
    assert rows["政府集中采购"]["units"] == {"采购项目数量": "项", "采购总金额": "万元"}
    assert rows["行政事业性收费"]["block"] == "第二十条第（八）项"


def test_the_2021_proactive_table_reads_the_unit_from_its_header(hongze):
    rows = {row["item"]: row for row in hongze.disclosure.proactive}
    assert set(rows) == {
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    }
    assert rows["行政处罚"]["本年处理决定数量"] == 4119
    fee = rows["行政事业性收费"]
    assert fee["本年收费金额（单位：万元）"] == Decimal("7730.28")
    assert fee["units"] == {"本年收费金额（单位：万元）": "万元"}


def test_the_prose_figures_are_named_with_their_sentences(fujian, hongze):
    figures = {f.name: f for f in fujian.figures}
    assert figures["主动公开:政府信息"].value == 1055
    assert figures["依申请:受理"].value == 29
    assert figures["依申请:渠道/网络申请"].value == 20
    assert figures["依申请:渠道/信函受理"].value == 9
    assert figures["依申请:结转下年度"].value == 2
    assert figures["依申请:受理"].source.line is not None
    names = {f.name: f.value for f in hongze.figures}
    assert names == {"主动公开:政府信息": 1136, "依申请:受理": 21, "信息处理费": 0}


def test_a_decrease_is_negative_and_a_word_is_kept_with_a_warning(doc_text):
    """某县市场监督管理局2020年政府信息公开工作年度报告

    二、主动公开政府信息情况
    第二十条第（五）项
    信息内容	上一年项目数量	本年增/减	处理决定数量
    行政许可	19	减 2	不详
    """
    doc = extract_file(doc_text, kind="disclosure_report")
    (row,) = doc.disclosure.proactive
    assert row["本年增/减"] == -2
    assert row["处理决定数量"] == "不详"
    assert any("不详" in w for w in doc.warnings)
    assert any("未找到表三" in w for w in doc.warnings)


def test_a_page_printed_twice_counts_once_and_a_short_row_is_reported(doc_text):
    """某区人民政府
    2023年政府信息公开工作年度报告
    三、收到和处理政府信息公开申请情况
    一、本年新收政府信息公开申请数量	3	0	0	0	0	0	3
    二、上年结转政府信息公开申请数量	0	0	0	0	0	0	0
    （一）予以公开	3	0	0	0	0	0	3
    （一）予以公开	3	0	0	0	0	0	3
    （二）部分公开	0	0	0
    （七）总计	3	0	0	0	0	0	3
    四、结转下年度继续办理	0	0	0	0	0	0	0
    """
    doc = extract_file(doc_text)
    assert doc.kind == "disclosure_report"
    assert doc.organization.name == "某区人民政府"
    assert doc.disclosure.requests["（一）予以公开"]["自然人"] == 3
    assert "（二）部分公开" not in doc.disclosure.requests
    assert any("只有3个数字" in w for w in doc.warnings)
    assert any("未找到“（三）不予公开/1.属于国家秘密”行" in w for w in doc.warnings)
    assert not any("重复出现" in w for w in doc.warnings)


def test_an_unrecognised_row_of_numbers_is_reported_not_dropped(doc_text):
    """某局2022年度政府信息公开工作年度报告
    三、收到和处理政府信息公开申请情况
    一、本年新收政府信息公开申请数量	1	0	0	0	0	0	1
    不明事项	1	0	0	0	0	0	1
    """
    doc = extract_file(doc_text)
    assert doc.year == 2022
    assert any("不明事项" in w for w in doc.warnings)


# ---------------------------------------------------------------- the same tables as .docx .xlsx .pdf


RULE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _request_rows(requests):
    """Table 三 as a Word/Excel grid: three label columns (merged) then the seven counts."""
    header = [
        [RULE_NOTE, LEFT, LEFT, "申请人情况", *[LEFT] * 6],
        [UP, UP, UP, "自然人", "法人或其他组织", LEFT, LEFT, LEFT, LEFT, "总计"],
        [UP, UP, UP, UP, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", UP],
    ]
    rows, previous = [], None
    for key, counts in requests.items():
        numbers = [str(counts[c]) for c in (*APPLICANT_COLUMNS, "总计")]
        group, _, item = key.partition("/")
        if key.startswith("（"):
            first = UP if previous and previous.startswith("（") else RESULTS
            labels = [first, group, item] if item else [first, group, LEFT]
            if item and previous and previous.partition("/")[0] == group:
                labels[1] = UP
        else:
            labels = [key, LEFT, LEFT]
        rows.append(labels + numbers)
        previous = key
    return header + rows


def _review_rows(reviews):
    numbers = [str(reviews[g][c]) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        ["行政复议", LEFT, LEFT, LEFT, LEFT, "行政诉讼", *[LEFT] * 9],
        [*heads, "未经复议直接起诉", *[LEFT] * 4, "复议后起诉", *[LEFT] * 4],
        [UP] * 5 + heads * 2,
        numbers,
    ]


def _blocks(doc):
    return [
        "某局2020年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        _request_rows(doc.disclosure.requests),
        "四、政府信息公开行政复议、行政诉讼情况",
        _review_rows(doc.disclosure.reviews),
        "五、存在的主要问题及改进情况",
    ]


def test_table_three_of_seed_001_reads_the_same_from_docx(fujian, tmp_path):
    path = write_docx(tmp_path / "report.docx", _blocks(fujian))
    doc = extract_file(path)
    assert doc.disclosure.requests == fujian.disclosure.requests
    assert doc.disclosure.reviews == fujian.disclosure.reviews
    assert doc.warnings == []


def test_table_three_of_seed_001_reads_the_same_from_xlsx(fujian, tmp_path):
    rows = [[block] if isinstance(block, str) else block for block in _blocks(fujian)]
    grid = [row for block in rows for row in (block if isinstance(block[0], list) else [block])]
    doc = extract_file(write_xlsx(tmp_path / "report.xlsx", {"年报": grid}))
    assert doc.disclosure.requests == fujian.disclosure.requests
    assert doc.disclosure.reviews == fujian.disclosure.reviews


def test_table_three_of_hongze_reads_the_same_from_pdf(hongze, tmp_path):
    doc = extract_file(write_pdf(tmp_path / "report.pdf", _blocks(hongze)))
    assert doc.disclosure.requests == hongze.disclosure.requests
    assert doc.disclosure.reviews == hongze.disclosure.reviews


def test_a_2021_table_with_three_other_handling_rows_and_wrapped_labels(doc_text):
    """2021年度某市市场监督管理局政府信息公开工作年度报告
    三、收到和处理政府信息公开申请情况
    （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
    自然人	商业企业	科研机构	社会公益组织	法律服务	其他	总计
    一、本年新收政府信息公开申请数量	5	1	0	0	1	0	7
    二、上年结转政府信息公开申请数量	1	0	0	0	0	0	1
    （一）予以公开	2	1	0	0	0	0	3
    （六）其他处理	1.申请人无正当理由逾期不补正、行政机关不再处理其政府信
    息公开申请	1	0	0	0	0	0	1
    2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理	0	0	0	0	0	0	0
    3.其他	0	0	0	0	1	0	1
    （七）总计	3	1	0	0	1	0	5
    四、结转下年度继续办理	3	0	0	0	0	0	3
    四、政府信息公开行政复议、行政诉讼情况
    行政复议	0	0	0	1	1
    行政诉讼（未经复议直接起诉）	0	0	0	0	0
    行政诉讼（复议后起诉）	0	1	0	0	1
    """
    doc = extract_file(doc_text)
    assert (doc.organization.name, doc.year) == ("某市市场监督管理局", 2021)
    requests = doc.disclosure.requests
    first, second, third = (k for k in requests if k.startswith("（六）其他处理/"))
    assert requests[first]["自然人"] == 1
    assert second.startswith("（六）其他处理/2.申请人逾期未按收费通知")
    assert (third, requests[third]["法律服务机构"]) == ("（六）其他处理/3.其他", 1)
    assert doc.disclosure.reviews["行政复议"]["尚未审结"] == 1
    assert doc.disclosure.reviews["行政诉讼/复议后起诉"]["结果纠正"] == 1


def test_a_proactive_header_broken_over_two_lines_is_joined(doc_text):
    """二、主动公开政府信息情况
    第二十条第（一）项
    信息内容	本年新	本年新	对外公开
        制作数量	公开数量	总数量
    规章	1	1	3
    """
    doc = extract_file(doc_text, kind="disclosure_report")
    (row,) = doc.disclosure.proactive
    assert row == {
        "block": "第二十条第（一）项",
        "item": "规章",
        "本年新制作数量": 1,
        "本年新公开数量": 1,
        "对外公开总数量": 3,
    }


def test_the_proactive_table_reads_the_same_from_docx(fujian, tmp_path):
    table = []
    for block in ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（九）项"):
        rows = [r for r in fujian.disclosure.proactive if r["block"] == block]
        heads = [k for k in rows[0] if k not in ("block", "item", "units")]
        table.append([block, *[LEFT] * len(heads)])
        table.append(["信息内容", *heads])
        for row in rows:
            units = row.get("units", {})
            table.append([row["item"], *(f"{row[h]} {units.get(h, '')}".strip() for h in heads)])
    blocks = ["某局2020年政府信息公开工作年度报告", "二、主动公开政府信息情况", table]
    doc = extract_file(write_docx(tmp_path / "proactive.docx", blocks))
    expected = [r for r in fujian.disclosure.proactive if r["block"] != "第二十条第（六）项"]
    expected = [r for r in expected if r["block"] != "第二十条第（八）项"]
    assert doc.disclosure.proactive == expected


def test_numbers_printed_one_per_line_below_their_label_are_gathered(doc_text):
    """2022年某县人民政府政府信息公开工作年度报告
    三、收到和处理政府信息公开申请情况
    一、本年新收政府信息公开申请数量
    2
    1
    0
    0
    0
    0
    3
    二、上年结转政府信息公开申请数量
    0 0 0 0 0 0 0
    """
    doc = extract_file(doc_text)
    assert doc.disclosure.requests["一、本年新收政府信息公开申请数量"]["商业企业"] == 1
    assert doc.disclosure.requests["一、本年新收政府信息公开申请数量"]["总计"] == 3
    assert doc.disclosure.requests["二、上年结转政府信息公开申请数量"]["总计"] == 0
    assert not any("未能识别" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("二、主动公开政府信息情况", "proactive"),
        ("三、收到和处理政府信息公开申请情况", "requests"),
        ("四、政府信息公开行政复议、行政诉讼情况", "reviews"),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "reviews"),
        ("五、存在的主要问题及改进情况", "prose"),
        ("全年我局主动公开政府信息 1055 条；2020 年本机关共受理依申请公开 29 件", None),
    ],
)
def test_the_report_s_parts_are_found_by_the_words_of_their_headings(heading, part):
    assert heading_of(Line([heading], Source(line=1))) == part
