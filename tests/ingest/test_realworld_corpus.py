"""The real-document corpus (tests/ingest/realworld/, README there): what a careful reader
records for each document is well formed and true to the document; the scoring measures what it
says; and today's measured figures are a floor the extractor must not fall below.

The floor (``FLOOR``) is the one place today's figures live (also in docs/benchmarks.md, "Real
documents"): raise it when the extractor improves, never lower it to make a change pass.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal as D

import pytest
from bench.realworld import ratios, run

from jixiao.core.checks import run_checks
from jixiao.core.documents import (
    Actual,
    Budget,
    BudgetRow,
    Disclosure,
    Document,
    Indicator,
    Target,
)
from jixiao.core.findings import Finding
from tests.ingest.realworld.expectations import (
    KINDS,
    Expectation,
    load_all,
    load_heldout,
    load_set,
    printed_numbers,
    validate,
)
from tests.ingest.realworld.html_text import page_text
from tests.ingest.realworld.scoring import matches, norm, pair, score, total

# Measured on 2026-12-07 after the kinds' signals learnt from the held-out documents (see
# docs/benchmarks.md, "Real documents"), each figure rounded down to three decimals.
FLOOR = {
    "kind_right": 1.0,
    "indicator_f1": 0.995,
    "targets_right": 0.992,
    "weights_scores_right": 1.0,
    "totals_right": 0.666,
    "budget_cells_right": 0.851,
    "disclosure_cells_right": 1.0,  # 0.914 before table 二 went on the table stage (#14)
    "blank_cells_right": 0.918,
    "project_money_right": 1.0,
    "errors_found": 1.0,
    # errors_said_as_warnings (of the errors the checks miss, the share an extraction warning
    # names) has no floor: with every error found there is nothing left for it to count.
}
MOST_FALSE_ALARMS = 0
# The held-out documents (heldout/, never developed against before their first run): the same
# measures, today's figures as their own floor (docs/benchmarks.md, "unseen"); raised after
# the table stage learnt wrapped header labels, template rows and ragged score sheets (#14).
HELDOUT_FLOOR = {
    "kind_right": 1.0,
    "indicator_f1": 0.991,
    "targets_right": 1.0,
    "weights_scores_right": 1.0,
    "budget_cells_right": 1.0,
    "errors_found": 1.0,
}
# The third batch (heldout2/, never developed against before its first run, 2026-12-07): first
# run kinds 0.846, F1 0.421, targets 0.241, weights and scores 0, budget cells 0.345, errors
# found 0 with 2 false alarms (docs/benchmarks.md, "unseen on first run, batch 3"); today's
# figures after the general fixes for it, rounded down, as its own floor.
HELDOUT2_FLOOR = {
    "kind_right": 1.0,
    # follow-up: both forms of 大英's copy; level labels inside rows of a header without
    # level columns, points-note debris no row (区商务局): F1 0.881 → 0.966, targets 25 → 28/29
    "indicator_f1": 0.966,
    "targets_right": 0.965,
    "weights_scores_right": 0.7,
    "budget_cells_right": 1.0,
    # three towns' reports added later: table 三 98/98, table 二 18/42 on their first run
    "disclosure_cells_right": 0.828,
}


# ----------------------------------------------------------------------------- the corpus


def test_thirty_documents_of_the_five_kinds_each_with_its_expectation():
    corpus = load_all()
    assert len(corpus) >= 30
    assert set(Counter(e.data["kind"] for e in corpus)) == set(KINDS)
    here = corpus[0].document.parent
    texts = {p.name for p in here.glob("*.txt")}
    assert texts == {e.data["file"] for e in corpus}  # no document without an expectation


def test_the_held_out_documents_each_with_its_expectation():
    heldout = load_heldout()
    assert len(heldout) >= 10
    texts = {p.name for p in heldout[0].document.parent.glob("*.txt")}
    assert texts == {e.data["file"] for e in heldout}
    assert not {e.stem for e in heldout} & {e.stem for e in load_all()}


def test_the_third_held_out_batch_each_with_its_expectation():
    batch = load_set("heldout2")
    assert len(batch) >= 16
    assert {e.data["kind"] for e in batch} == set(KINDS) - {"indicator_system"}
    assert any(c["table"] == "三" for e in batch for c in e.data.get("disclosure", []))
    texts = {p.name for p in batch[0].document.parent.glob("*.txt")}
    assert texts == {e.data["file"] for e in batch}
    earlier = {e.stem for e in load_all() + load_heldout()}
    assert not {e.stem for e in batch} & earlier


@pytest.mark.parametrize(
    "exp", load_all() + load_heldout() + load_set("heldout2"), ids=lambda e: e.stem
)
def test_each_expectation_is_well_formed_and_true_to_its_document(exp: Expectation):
    assert validate(exp) == []


@pytest.mark.parametrize("exp", [e for e in load_all() if "html" in e.data], ids=lambda e: e.stem)
def test_text_copies_of_stored_pages_are_made_by_the_documented_rule(exp: Expectation):
    html = (exp.document.parent / exp.data["html"]).read_text(encoding="utf-8")
    assert page_text(html) == exp.text()


def test_the_validator_refuses_what_is_not_in_the_document(tmp_path):
    (tmp_path / "x.txt").write_text("指标 目标值200,完成值200,分值10,得分10。", encoding="utf-8")
    good = {
        "file": "x.txt",
        "kind": "self_evaluation",
        "organisation": None,
        "year": None,
        "title": None,
        "complete": True,
        "indicators": [
            {
                "name": "指标",
                "path": [],
                "target": "200",
                "op": None,
                "value": 200,
                "unit": None,
                "weight": 10,
                "score": 10,
            }
        ],
        "errors": [],
    }

    def problems(data: dict) -> list[str]:
        return validate(Expectation("x", data, tmp_path / "expected" / "x.json"))

    assert problems(good) == []
    wrong_weight = json.loads(json.dumps(good))
    wrong_weight["indicators"][0]["weight"] = 15
    assert problems(wrong_weight) == [
        "indicator 0 (指标) weight: 15 is not printed in the document"
    ]
    wrong_name = json.loads(json.dumps(good))
    wrong_name["indicators"][0]["name"] = "指示"
    assert problems(wrong_name) == ["indicator 0 (指示): '指示' is not in the document"]
    assert any("kind" in p for p in problems({**good, "kind": "budget"}))
    assert "missing errors" in problems({k: v for k, v in good.items() if k != "errors"})


def test_printed_numbers_are_read_with_their_decimals_and_without_separators():
    assert printed_numbers("年初预算 238.93 万元, 1,600件, 100.00%") == {
        D("238.93"),
        D("1600"),
        D("100"),
    }


# ----------------------------------------------------------------------------- the scoring


def test_names_are_compared_without_numbering_units_or_width():
    assert norm("1)获得补助企事业单位获得补助金额(万元)") == "获得补助企事业单位获得补助金额"
    assert norm("指标5:药品不良反应每百万人口报告数") == norm(
        "指标5：药品不良反应每百万人口报告数"
    )
    assert norm("发放(缴纳)覆盖率") == "发放(缴纳)覆盖率"
    names = [norm(n) for n in ("培训费", "检查差旅费")]
    assert pair(names, [norm(n) for n in ("检查差旅费", "培训费(元)")]) == [(0, 1), (1, 0)]
    assert norm("1.开展食品安全宣传周活动(全年)") == "开展食品安全宣传周活动"
    assert pair(["食品安全宣传"], ["开展食品安全宣传周活动和其他各项宣传工作"]) == []


def _reader(**extra) -> dict:
    return {
        "file": "x.txt",
        "kind": "self_evaluation",
        "indicators": [
            {
                "name": "召开会议",
                "path": [],
                "target": "≥2次",
                "op": ">=",
                "value": 2,
                "unit": "次",
                "actual": "2",
                "weight": 15,
                "score": 15,
            },
            {
                "name": "满意度",
                "path": [],
                "target": None,
                "op": None,
                "value": None,
                "unit": None,
                "weight": 5,
                "score": None,
            },
        ],
        "errors": [],
        **extra,
    }


def _indicator(name, target=None, weight=None, score_=None) -> Indicator:
    targets = [target] if target else []
    return Indicator(
        id=name, name=name, targets=targets, weight=weight, score=score_, actual=Actual("2")
    )


def test_a_perfect_extraction_scores_full_marks_and_a_blank_must_stay_blank():
    good = Document(
        kind="self_evaluation",
        indicators=[
            _indicator("召开会议", Target("≥2次", ">=", D(2), unit="次"), D(15), D(15)),
            _indicator("满意度", None, D(5), None),
        ],
    )
    s = score(_reader(), good, [])
    assert (s.kind_right.ratio, s.indicators.f1, s.targets.ratio, s.weights_scores.ratio) == (
        1,
        1,
        1,
        1,
    )
    filled = Document(
        kind="self_evaluation",
        indicators=[
            _indicator("召开会议", Target("≥2次", "=", D(2)), D(15), D(15)),
            _indicator("满意度", Target("0", "=", D(0)), D(5), D(0)),  # blanks read as 0
            _indicator("总分"),
        ],
    )
    s = score(_reader(), filled, [])
    assert (s.indicators.tp, s.indicators.fp, s.indicators.fn) == (2, 1, 0)
    assert (s.targets.right, s.targets.total) == (0, 2)  # wrong operator; blank target filled
    assert (s.weights_scores.right, s.weights_scores.total) == (3, 4)  # blank score read as 0
    refused = score(_reader(), None, [], refused="无法识别")
    assert (refused.kind_right.ratio, refused.indicators.fn, refused.targets.right) == (0, 2, 0)


def test_work_goals_are_matched_by_quantity_in_base_units():
    reader = {
        "file": "x.txt",
        "kind": "work_goals",
        "errors": [],
        "commitments": [
            {
                "text": "市场主体数达到1.96万户",
                "op": ">=",
                "value": 19600,
                "unit": "户",
                "printed": "1.96万户",
            },
            {"text": "增长5%左右", "op": "about", "value": 5, "unit": "%", "printed": "5%左右"},
        ],
    }
    doc = Document(
        kind="work_goals",
        indicators=[
            _indicator("市场主体数达到1.96万户", Target("1.96万户", ">=", D("1.96"), unit="万户")),
            _indicator("增长5%左右", Target("5%左右", "=", D(5), unit="%")),
            _indicator("2024年", Target("2024年", ">=", D(2024))),
        ],
    )
    s = score(reader, doc, [])
    assert (s.indicators.tp, s.indicators.fp, s.indicators.fn, s.targets.ratio) == (2, 1, 0, 1)


def test_disclosure_cells_printed_and_blank():
    reader = {
        "file": "x.txt",
        "kind": "disclosure_report",
        "errors": [],
        "disclosure": [
            {"table": "二", "row": "规章", "column": "本年制发件数", "value": 3},
            {
                "table": "三",
                "row": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "column": "自然人",
                "value": 3,
            },
            {
                "table": "三",
                "row": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "column": "总计",
                "value": None,
            },
            {"table": "四", "row": "行政复议", "column": "总计", "value": 7},
        ],
    }
    doc = Document(
        kind="disclosure_report",
        disclosure=Disclosure(
            proactive=[{"block": "第二十条第（一）项", "item": "规章", "本年制发件数": D(3)}],
            requests={"（二）部分公开": {"自然人": D(3), "总计": D(3)}},
            reviews={"行政复议": {"总计": D(6)}},
        ),
    )
    s = score(reader, doc, [])
    assert (s.disclosure.right, s.disclosure.total) == (2, 3)  # 行政复议 总计 read as 6
    assert (s.disclosure_blank.right, s.disclosure_blank.total) == (0, 1)  # blank filled with 3


def test_the_checks_findings_are_matched_by_the_values_and_cells_involved():
    """The 贵池 form's budget block as the checks see it, once it is read right."""
    exp = next(e for e in load_all() if e.stem.startswith("guichi"))
    doc = Document(
        kind="self_evaluation",
        budget=Budget(
            rows=[
                BudgetRow("年度资金总额", D(0), D(0), D(0), D(0), D(10), D(0)),
                BudgetRow("本年财政拨款", D(90), D("89.974"), D("89.974")),
            ],
            weight=D(10),
            score=D(0),
        ),
    )
    s = score(exp.data, doc, run_checks(doc))
    assert (s.errors_found.right, s.errors_found.total) == (4, 5)  # not the narrative's 89.99
    assert s.false_alarms == 0
    unrelated = Finding("totals.sum", "error", "总分", "总分不符", D(95), D(100))
    s = score(exp.data, doc, [unrelated])
    assert (s.errors_found.right, s.false_alarms) == (0, 1)


def test_a_finding_about_a_blank_cell_must_name_it():
    blank = {
        "class": "required_blank",
        "severity": "warning",
        "expected": None,
        "found": None,
        "cells": ["预算执行率权重(%)"],
        "note": "",
    }
    assert matches(blank, Finding("weights.missing", "warning", "预算执行率权重(%)", "未填"))
    assert not matches(blank, Finding("weights.missing", "warning", "培训费", "未填权重"))


# ----------------------------------------------------------------------------- the floor


@pytest.fixture(scope="module")
def measured() -> dict:
    return ratios(total(run()))


@pytest.mark.parametrize("measure", sorted(FLOOR))
def test_today_s_figures_are_a_floor(measured: dict, measure: str):
    assert measured[measure] is not None
    assert measured[measure] >= FLOOR[measure], f"{measure} fell below today's figure"


def test_no_more_false_alarms_than_today(measured: dict):
    assert measured["false_alarms"] <= MOST_FALSE_ALARMS


@pytest.fixture(scope="module")
def measured_heldout() -> dict:
    return ratios(total(run(heldout=True)))


@pytest.mark.parametrize("measure", sorted(HELDOUT_FLOOR))
def test_the_held_out_figures_are_a_floor_too(measured_heldout: dict, measure: str):
    assert measured_heldout[measure] is not None
    assert measured_heldout[measure] >= HELDOUT_FLOOR[measure], f"held-out {measure} fell"
    assert measured_heldout["false_alarms"] <= MOST_FALSE_ALARMS


@pytest.fixture(scope="module")
def measured_heldout2() -> dict:
    return ratios(total(run(name="heldout2")))


@pytest.mark.parametrize("measure", sorted(HELDOUT2_FLOOR))
def test_the_third_batch_figures_are_a_floor_too(measured_heldout2: dict, measure: str):
    assert measured_heldout2[measure] is not None
    assert measured_heldout2[measure] >= HELDOUT2_FLOOR[measure], f"heldout2 {measure} fell"
    assert measured_heldout2["false_alarms"] <= MOST_FALSE_ALARMS
