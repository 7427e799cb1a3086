"""The disclosure report's standard tables and their consistency checks (勾稽关系)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.checks import CHECKS
from jixiao.core.checks.disclosure import check_disclosure, check_years
from jixiao.core.disclosure import (
    APPLICANT_COLUMNS,
    CARRIED,
    CARRY_OVER,
    NEW,
    PROACTIVE_2019,
    PROACTIVE_2021,
    REQUEST_COLUMNS,
    REQUEST_KEYS,
    RESULT_TOTAL,
    REVIEW_GROUPS,
    build_proactive,
    build_requests,
    build_reviews,
    match_column,
    match_request_row,
    normalise_label,
    result_leaves,
)
from jixiao.core.documents import Disclosure, Document, Figure
from jixiao.ingest import extract_file
from tests.support import sample, seed


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("一、本年新收政府信息公开申请数量", NEW),
        ("二、上年结转政府信息公开申请数量", CARRIED),
        ("三、本年办理结果(一) 予以公开", "（一）予以公开"),
        ("（二）部分公开（区分处理的，只计这一情 形，不", "（二）部分公开"),
        ("(三) 不予公开1.属于国家秘密", "（三）不予公开/1.属于国家秘密"),
        ("三2.其他法律行政止公开", "（三）不予公开/2.其他法律行政法规禁止公开"),
        ("本3.危及“三安全一稳定”", "（三）不予公开/3.危及“三安全一稳定”"),
        ("理5.属于三类内部事务信息", "（三）不予公开/5.属于三类内部事务信息"),
        ("(四)无法提供1.本机关不掌握相关政府信息", "（四）无法提供/1.本机关不掌握相关政府信息"),
        ("5.要求行政机关确认或重 新出具", "（五）不予处理/5.要求行政机关确认或重新出具已获取信息"),
        ("(六)其他处理", "（六）其他处理"),
        ("（六）其他处理3.其他", "（六）其他处理/3.其他"),
        ("(七)总计", RESULT_TOTAL),
        ("四、结转下年度继续办理", CARRY_OVER),
    ],
)
def test_a_printed_row_label_is_recognised_by_its_words(printed, key):
    assert match_request_row(printed) == key


def test_text_that_is_no_row_of_table_three_is_not_recognised():
    assert match_request_row("申请人情况") is None


@pytest.mark.parametrize(
    ("printed", "column"),
    [("法律服务", "法律服务机构"), ("社会公益组织", "社会公益组织"), ("商业企业", "商业企业")],
)
def test_a_printed_column_header_names_its_column(printed, column):
    assert match_column(printed) == column


def test_labels_are_normalised_to_full_width_parentheses_without_spaces():
    assert normalise_label("(三) 不予公开") == "（三）不予公开"


def test_every_key_is_unique_and_the_columns_are_the_six_applicants_and_the_total():
    assert len(set(REQUEST_KEYS)) == len(REQUEST_KEYS)
    assert (*APPLICANT_COLUMNS, "总计") == REQUEST_COLUMNS


def test_a_table_built_from_counts_obeys_its_own_rule():
    table = build_requests(
        new={"自然人": 24, "商业企业": 5},
        carried={"自然人": 1},
        results={
            "（一）予以公开": {"自然人": 14, "商业企业": 1},
            "（五）不予处理/2.重复申请": {"商业企业": 2},
        },
    )
    assert table[NEW]["总计"] == 29
    assert table[RESULT_TOTAL] == {
        **dict.fromkeys(REQUEST_COLUMNS, Decimal(0)),
        "自然人": 14,
        "商业企业": 3,
        "总计": 17,
    }
    assert table[CARRY_OVER]["自然人"] == 11
    assert check_disclosure(_doc(table)) == []


def test_building_with_an_unknown_result_row_is_refused():
    with pytest.raises(ValueError, match="不是办理结果的行"):
        build_requests({}, {}, {"（八）其他": {"自然人": 1}})


def test_the_other_handling_group_counts_once_when_its_sub_rows_are_present():
    table = build_requests({}, {}, {})
    assert "（六）其他处理" not in result_leaves(table)
    assert "（六）其他处理/3.其他" in result_leaves(table)
    assert "（六）其他处理" in result_leaves({"（六）其他处理": {}})


def test_review_totals_are_computed_per_group():
    reviews = build_reviews({"行政复议": {"结果维持": 1, "尚未审结": 2}})
    assert tuple(reviews) == REVIEW_GROUPS
    assert reviews["行政复议"]["总计"] == 3
    assert reviews["行政诉讼/复议后起诉"]["总计"] == 0


def _doc(requests, reviews=None, figures=()):
    disclosure = Disclosure(requests=requests, reviews=reviews or {})
    return Document(kind="disclosure_report", disclosure=disclosure, figures=list(figures))


def test_a_column_that_breaks_the_printed_rule_is_named_in_the_finding():
    table = build_requests({"商业企业": 5}, {}, {"（一）予以公开": {"商业企业": 5}})
    table[CARRY_OVER]["商业企业"] = Decimal(1)
    table[CARRY_OVER]["总计"] = Decimal(1)
    rules = {(f.rule, f.where) for f in check_disclosure(_doc(table))}
    assert (
        "disclosure.balance",
        "三、收到和处理申请 · 商业企业 · （七）总计＋四、结转下年度继续办理",
    ) in rules
    assert (
        "disclosure.balance",
        "三、收到和处理申请 · 总计 · （七）总计＋四、结转下年度继续办理",
    ) in rules


def test_a_result_total_that_is_not_the_sum_of_its_items_is_found():
    table = build_requests({"自然人": 3}, {}, {"（一）予以公开": {"自然人": 3}})
    table[RESULT_TOTAL]["自然人"] = Decimal(4)
    table[CARRY_OVER]["自然人"] = Decimal(-1)
    findings = {f.rule: f for f in check_disclosure(_doc(table))}
    result = findings["disclosure.result_sum"]
    assert result.where == "三、收到和处理申请 · 自然人 · （七）总计"
    assert (result.expected, result.found) == (3, 4)
    row_totals = {
        f.where for f in check_disclosure(_doc(table)) if f.rule == "disclosure.row_total"
    }
    assert "三、收到和处理申请 · 总计 · （七）总计" in row_totals


def test_prose_that_disagrees_with_the_table_is_a_warning():
    table = build_requests({"自然人": 3}, {}, {"（一）予以公开": {"自然人": 3}})
    figures = [
        Figure("依申请:受理", Decimal(4), "件", "共受理依申请公开4件"),
        Figure("依申请:渠道/网络申请", Decimal(2), "件", "网络申请2件"),
    ]
    found = check_disclosure(_doc(table, figures=figures))
    assert [f.rule for f in found] == ["disclosure.prose_mismatch"] * 2
    assert {f.severity for f in found} == {"warning"}


def test_the_fujian_report_of_seed_001_is_consistent():
    assert check_disclosure(extract_file(seed("001"))) == []


def test_the_hongze_report_s_misprinted_review_totals_are_found():
    found = check_disclosure(extract_file(sample("hongze")))
    assert {(f.where, f.expected, f.found) for f in found} == {
        ("四、行政复议和行政诉讼 · 行政复议 · 总计", 11, 0),
        ("四、行政复议和行政诉讼 · 行政诉讼/复议后起诉 · 总计", 5, 0),
    }


def test_the_disclosure_check_runs_with_the_other_checks():
    assert check_disclosure in CHECKS


def test_documents_without_disclosure_tables_are_not_checked():
    assert check_disclosure(Document(kind="self_evaluation")) == []


def test_every_disclosure_finding_code_is_documented_under_its_own_heading():
    root = Path(__file__).resolve().parents[2]
    source = (root / "src/jixiao/core/checks/disclosure.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'"(disclosure\.[a-z_]+)"', source))
    docs = (root / "docs" / "disclosure.md").read_text(encoding="utf-8")
    assert len(codes) == 6
    assert codes <= set(re.findall(r"^## (\S+)", docs, re.M))


def test_proactive_rows_built_from_counts_have_the_parser_s_shape():
    rows = build_proactive(PROACTIVE_2021, {"行政许可": {"本年处理决定数量": 550}})
    assert [r["item"] for r in rows] == [
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ]
    assert rows[2] == {"block": "第二十条第（五）项", "item": "行政许可", "本年处理决定数量": 550}
    assert rows[-1]["units"] == {"本年收费金额（单位：万元）": "万元"}
    assert len(build_proactive(PROACTIVE_2019, {})) == 8


def test_the_proactive_rows_of_the_hongze_report_follow_the_2021_format():
    printed = extract_file(sample("hongze")).disclosure.proactive
    built = build_proactive(PROACTIVE_2021, {r["item"]: r for r in printed})
    assert [(r["block"], r["item"], set(r)) for r in built] == [
        (r["block"], r["item"], set(r)) for r in printed
    ]


def test_last_year_s_carry_over_must_be_this_year_s_carried_requests():
    last = _doc(build_requests({"自然人": 3}, {}, {"（一）予以公开": {"自然人": 1}}))
    this = _doc(build_requests({}, {"自然人": 1}, {"（一）予以公开": {"自然人": 1}}))
    last.year, this.year = 2022, 2023
    found = check_years(last, this)
    assert {(f.where, f.expected, f.found) for f in found} == {
        ("三、收到和处理申请 · 自然人 · 二、上年结转政府信息公开申请数量", 2, 1),
        ("三、收到和处理申请 · 总计 · 二、上年结转政府信息公开申请数量", 2, 1),
    }
    assert {f.rule for f in found} == {"disclosure.cross_year"}
    follows = _doc(build_requests({}, {"自然人": 2}, {"（一）予以公开": {"自然人": 2}}))
    assert check_years(last, follows) == []
