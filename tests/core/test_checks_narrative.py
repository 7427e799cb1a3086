"""Narrative figures against their tables and totals; rounding slips said as information."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.checks.narrative import check_narrative, share_finding
from jixiao.core.disclosure import build_requests, build_reviews
from jixiao.core.documents import Disclosure, Document, Figure
from jixiao.core.money import places_of, rounding_that_gives


def _table() -> dict:
    """805 answered: 予以公开272 部分公开3 不予公开35 无法提供337 不予处理158 (as 上海 2019)."""
    return build_requests(
        {"自然人": 841},
        {"自然人": 18},
        {
            "（一）予以公开": {"自然人": 272},
            "（二）部分公开": {"自然人": 3},
            "（三）不予公开/1.属于国家秘密": {"自然人": 35},
            "（四）无法提供/1.本机关不掌握相关政府信息": {"自然人": 265},
            "（四）无法提供/2.没有现成信息需要另行制作": {"自然人": 72},
            "（五）不予处理/1.信访举报投诉类申请": {"自然人": 158},
        },
    )


def _report(*figures: Figure) -> Document:
    disclosure = Disclosure(requests=_table(), reviews=build_reviews({}))
    return Document(kind="disclosure_report", disclosure=disclosure, figures=list(figures))


def _results(**counts: tuple[int, str | None]) -> list[Figure]:
    figures = [Figure("依申请:答复", D(805), "件", "答复政府信息公开申请805件")]
    for name, (count, share) in counts.items():
        text = f"{name}{count}件" + (f"，占{share}%" if share else "")
        figures.append(Figure(f"依申请:结果/{name}", D(count), "件", text))
        if share:
            figures.append(Figure(f"依申请:占比/{name}", D(share), "%", text))
    return figures


CONSISTENT = {
    "予以公开及部分公开": (275, "34.2"),
    "不予公开": (35, "4.35"),
    "无法提供": (337, "41.9"),
    "不予处理": (158, "19.6"),
    "其他处理": (0, None),
}


def test_a_narrative_that_repeats_table_three_rightly_gives_no_finding():
    doc = _report(*_results(**CONSISTENT))
    assert check_narrative(doc) == []
    assert [f for f in run_checks(doc) if f.severity != "note"] == []


def test_a_count_that_is_only_one_sub_row_is_an_error_naming_the_rows_and_both_values():
    counts = {**CONSISTENT, "无法提供": (265, "32.9")}
    findings = check_narrative(_report(*_results(**counts)))
    result = next(f for f in findings if f.rule == "disclosure.prose_result")
    assert (result.severity, result.expected, result.found) == ("error", D(337), D(265))
    assert "（四）无法提供" in result.where and "正文 · 无法提供" in result.where
    assert "1.本机关不掌握相关政府信息265＋2.没有现成信息需要另行制作72" in result.message
    total = next(f for f in findings if f.rule == "disclosure.prose_sum")
    assert (total.severity, total.expected, total.found) == ("error", D(733), D(805))
    # the share 32.9% is right for 265 of 805: no share finding
    assert {f.rule for f in findings} == {"disclosure.prose_result", "disclosure.prose_sum"}


def test_a_share_off_by_truncation_is_a_rounding_note_saying_which_rounding_gives_it():
    counts = {**CONSISTENT, "不予公开": (35, "4.34")}
    (slip,) = check_narrative(_report(*_results(**counts)))
    assert (slip.rule, slip.severity, slip.expected, slip.found) == (
        "rounding.slip",
        "note",
        D("4.35"),
        D("4.34"),
    )
    assert "四舍五入应为4.35%" in slip.message and "截尾" in slip.message


def test_a_share_no_rounding_explains_is_a_warning_with_the_table_s_reading_too():
    counts = {**CONSISTENT, "予以公开及部分公开": (258, "33.9")}
    findings = check_narrative(_report(*_results(**counts)))
    share = next(f for f in findings if f.rule == "disclosure.prose_share")
    assert (share.severity, share.expected, share.found) == ("warning", D("32.0"), D("33.9"))
    assert "258件÷正文答复805件" in share.message and "按表三275件为34.2%" in share.message


def test_results_that_leave_out_a_group_are_not_summed_and_without_other_handling_only_warned():
    partial = {k: v for k, v in CONSISTENT.items() if k != "不予处理"}
    assert check_narrative(_report(*_results(**partial))) == []
    no_other = {k: v for k, v in CONSISTENT.items() if k != "其他处理"}
    no_other["不予公开"] = (30, None)
    findings = check_narrative(Document(kind="disclosure_report", figures=_results(**no_other)))
    (summed,) = findings  # no table: only the prose's own sum
    assert (summed.rule, summed.severity) == ("disclosure.prose_sum", "warning")


def test_the_listed_parts_of_a_report_against_the_count_it_states():
    text = "本报告包括:总体情况、主动公开政府信息情况、存在的问题及改进情况、其他需要报告的事项等6个部分"
    figures = [
        Figure("列举:部分/所称", D(6), "个", text),
        Figure("列举:部分/列出", D(4), "个", text),
    ]
    (finding,) = check_narrative(Document(kind="disclosure_report", figures=figures))
    assert (finding.rule, finding.severity, finding.expected, finding.found) == (
        "narrative.enumeration",
        "warning",
        D(4),
        D(6),
    )
    figures[0] = Figure("列举:部分/所称", D(4), "个", text)
    assert check_narrative(Document(kind="disclosure_report", figures=figures)) == []


@pytest.mark.parametrize("kind", ["self_evaluation", "evaluation_report", "work_goals"])
def test_money_parts_that_do_not_add_up_to_their_stated_sum_in_any_kind(kind):
    text = "本项目共完成预算资金89.97万元。其中:30万元用于…;30万元用于…;29.99万元用于…"
    parts = [
        Figure(f"资金构成:1/{i}", D(v), "万元") for i, v in enumerate(("30", "30", "29.99"), 1)
    ]
    doc = Document(
        kind=kind, figures=[Figure("资金构成:1/合计", D("89.97"), "万元", text), *parts]
    )
    (finding,) = check_narrative(doc)
    assert (finding.rule, finding.severity, finding.expected, finding.found) == (
        "narrative.breakdown_sum",
        "error",
        D("89.99"),
        D("89.97"),
    )
    doc.figures[0] = Figure("资金构成:1/合计", D("89.99"), "万元", text)
    assert check_narrative(doc) == []


@pytest.mark.parametrize(
    ("exact", "printed", "rounding"),
    [
        (D(35) / D(805) * 100, D("4.35"), "四舍五入"),
        (D(35) / D(805) * 100, D("4.34"), "截尾（舍去末位以后的数字）"),
        (D(1) / D(3) * 100, D("33.34"), "进一（末位以后有数即进）"),
        (D(258) / D(805) * 100, D("33.9"), None),
    ],
)
def test_which_rounding_gives_a_printed_figure(exact, printed, rounding):
    assert rounding_that_gives(exact, printed) == rounding


def test_printed_places_are_kept_and_a_share_at_any_precision_is_compared_at_it():
    assert (places_of(D("32.0")), places_of(D("4.34")), places_of(D(5))) == (1, 2, 0)
    assert share_finding("w", "a", D(1), D(3), "b", D("33.3")) is None
    assert share_finding("w", "a", D(1), D(3), "b", D(33)) is None


def test_a_project_count_against_its_opening_and_added_parts():
    def doc(total: int) -> Document:
        values = {"共": total, "年初": 8, "年中增加": 8}
        figures = [Figure(f"项目数:{k}", D(v), "个", "…") for k, v in values.items()]
        return Document(kind="evaluation_report", figures=figures)

    (finding,) = check_narrative(doc(15))
    assert (finding.rule, finding.severity, finding.expected, finding.found) == (
        "narrative.count_sum",
        "warning",
        D(16),
        D(15),
    )
    assert check_narrative(doc(16)) == []


def _rules(doc: Document, rule: str) -> list:
    return [f for f in check_narrative(doc) if f.rule == rule]


def test_categories_adding_up_to_more_or_less_than_their_count_are_a_warning():
    def doc(*parts: int) -> Document:
        figures = [Figure("其中:1/合计", D(96), "条", "报送工作信息96条,其中…")]
        figures += [Figure(f"其中:1/{i}", D(p), None, f"甲{p}条") for i, p in enumerate(parts, 1)]
        return _report(*figures)

    (finding,) = _rules(doc(18, 42, 21, 13, 18, 81, 29, 23, 5), "narrative.category_sum")
    assert (finding.severity, finding.expected, finding.found) == ("warning", D(250), D(96))
    assert "250条，超过所称96条" in finding.message
    assert _rules(doc(34, 13, 49), "narrative.category_sum") == []  # exactly the count
    # a disclosure report's list of what it published leaves 49 of its 96 unaccounted for
    (short,) = _rules(doc(34, 13), "narrative.category_sum")
    assert (short.severity, short.expected, short.found) == ("warning", D(47), D(96))
    assert "少于所称96条，另49条未说明类别" in short.message
    assert _rules(doc(34), "narrative.category_sum") == []  # one category: an example


def test_fewer_categories_than_the_count_in_other_documents_are_no_finding():
    # 003: 受理469941件，其中，投诉336201件，举报126851件 (咨询 not listed): a 其中 may leave out
    figures = [Figure("其中:1/合计", D(469941), "件", "受理469941件，其中…")]
    figures += [
        Figure("其中:1/1", D(336201), None, "投诉"),
        Figure("其中:1/2", D(126851), None, ""),
    ]
    doc = Document(kind="evaluation_report", figures=figures)
    assert [f for f in check_narrative(doc) if f.rule == "narrative.category_sum"] == []


def test_applications_received_against_done_and_carried_over():
    def doc(received: int, done: int, carried: int) -> Document:
        names = (("受理", received), ("办结", done), ("结转", carried))
        return _report(*(Figure(f"依申请:流程/{n}", D(v), "件", "…") for n, v in names))

    (finding,) = _rules(doc(11, 8, 1), "disclosure.request_flow")
    assert (finding.severity, finding.expected, finding.found) == ("warning", D(9), D(11))
    assert "相差2件未说明去向" in finding.message
    assert _rules(doc(10, 8, 2), "disclosure.request_flow") == []
