"""Figures read from sentences (ingest.narrative), whatever the document's kind."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.documents import Source
from jixiao.ingest.lines import Line
from jixiao.ingest.narrative import read_narrative


def _lines(*texts: str) -> list[Line]:
    return [Line([t], Source(file="x.txt", line=n)) for n, t in enumerate(texts, start=1)]


def _values(lines: list[Line], kind: str = "disclosure_report") -> dict:
    return {f.name: f.value for f in read_narrative(lines, kind)}


def test_results_their_shares_and_the_answered_total_of_a_disclosure_report():
    lines = _lines(
        "共受理政府信息公开申请859件；答复政府信息公开申请805件。予以公开及部分公开258件，",
        "占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；其他处理0件。",
    )
    figures = read_narrative(lines, "disclosure_report")
    values = {f.name: f.value for f in figures}
    assert values == {
        "依申请:答复": D(805),
        "依申请:结果/予以公开及部分公开": D(258),
        "依申请:占比/予以公开及部分公开": D("33.9"),
        "依申请:结果/不予公开": D(35),
        "依申请:占比/不予公开": D("4.34"),
        "依申请:结果/无法提供": D(265),
        "依申请:占比/无法提供": D("32.9"),
        "依申请:结果/其他处理": D(0),
    }
    share = next(f for f in figures if f.name == "依申请:占比/予以公开及部分公开")
    assert share.source.line == 1 and share.text == "予以公开及部分公开258件，占33.9%"
    assert str(share.value) == "33.9"  # printed precision kept


def test_results_are_read_only_in_disclosure_reports():
    lines = _lines("予以公开3件，不予公开1件。")
    assert _values(lines, "self_evaluation") == {}


def test_an_enumeration_of_a_report_s_parts_gives_the_stated_and_the_listed_count():
    lines = _lines(
        "本报告包括：总体情况、主动公开政府信息情况、存在的问题及改进情况等六个部分内容。"
    )
    assert _values(lines, "work_goals") == {"列举:部分/所称": D(6), "列举:部分/列出": D(3)}
    assert _values(_lines("分为序厅、展示区、留言板等28个展区")) == {}


def test_a_money_breakdown_gives_its_sum_and_each_part():
    lines = _lines(
        "本项目共完成预算资金89.97万元。其中:30万元用于预算编制;30万元用于审计;",
        "29.99万元用于设计、规划、测绘。",
    )
    assert _values(lines, "self_evaluation") == {
        "资金构成:1/合计": D("89.97"),
        "资金构成:1/1": D(30),
        "资金构成:1/2": D(30),
        "资金构成:1/3": D("29.99"),
    }


def test_long_hostile_sentences_are_read_without_backtracking_blow_up():
    hostile = "本报告包括：" + "甲乙、" * 20000 + "共" + "30万元用于" * 20000
    assert _values(_lines(hostile)) == {}
    # every start of a match attempt: each 包括 / 其中 scans a bounded stretch only
    repeated = "包括甲乙、" * 20000 + "共1万元。其中:1万元用于甲;" * 5000
    assert _values(_lines(repeated)) == {}


def test_a_note_fixing_the_weights_gives_one_figure_per_name():
    lines = _lines(
        "注：一级指标分值为产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分。"
    )
    assert _values(lines, "self_evaluation") == {
        "规定分值:产出指标": D(50),
        "规定分值:效益指标": D(30),
        "规定分值:满意度指标": D(10),
        "规定分值:预算资金执行率": D(10),
    }


def test_a_count_of_projects_with_its_opening_and_added_parts_in_one_sentence():
    lines = _lines(
        "2024年,中心实施项目共15个(含转列项目5个),年初批复预算8个项目985万元,年中增加8个项目。"
    )
    assert _values(lines, "evaluation_report") == {
        "项目数:共": D(15),
        "项目数:年初": D(8),
        "项目数:年中增加": D(8),
    }
    assert _values(_lines("年初批复8个项目。实施项目共15个。年中增加8个项目。")) == {}


def test_a_count_and_the_categories_listed_after_its_qizhong():
    lines = _lines("发布政务信息62条,其中政务动态34条,公示公告13条,政策解读15条。")
    assert _values(lines, "disclosure_report") == {
        "其中:1/合计": D(62),
        "其中:1/1": D(34),
        "其中:1/2": D(13),
        "其中:1/3": D(15),
    }
    # a bracketed list, its parts in another unit (篇 of 条)
    bracket = _lines("发布信息420条(其中,国家级媒体10篇,省级媒体142篇)。")
    assert _values(bracket)["其中:1/2"] == D(142)
    # the list in a sentence of its own after the count
    apart = _lines("公开信息312条。其中,政府网站动态84条,公告公示31条,市级媒体68条。")
    assert [_values(apart)[f"其中:1/{n}"] for n in ("合计", "1", "3")] == [D(312), D(84), D(68)]
    # what applications became is not one more category of them
    flow = _lines("受理申请11件,其中网络申请11件,申请办结数8件,结转下一年办理1件。")
    got = _values(flow)
    assert (got["其中:1/合计"], got["其中:1/1"]) == (D(11), D(11)) and "其中:1/2" not in got
    assert [got[f"依申请:流程/{n}"] for n in ("受理", "办结", "结转")] == [D(11), D(8), D(1)]


def test_the_flow_of_applications_is_read_only_without_applications_carried_in():
    text = "共接收各类政府信息公开申请10件,共办结8件,结转2026年度继续办理2件。"
    assert _values(_lines(text))["依申请:流程/结转"] == D(2)
    assert not any(n.startswith("依申请:流程/") for n in _values(_lines("上年结转1件。" + text)))
    assert not any(n.startswith("依申请:流程/") for n in _values(_lines(text), "work_goals"))


def test_many_applications_sentences_are_read_in_linear_time():
    hostile = "受理申请1件," * 20000 + "上年结转" + "1条,其中甲1条," * 20000
    assert len(read_narrative(_lines(hostile), "disclosure_report")) < 100000


def test_a_part_named_with_an_inner_comma_is_one_part():
    lines = _lines(
        "本报告包括总体情况、主动公开政府信息情况、因政府信息公开工作被申请行政复议、"
        "提起行政诉讼情况、其他需要报告的事项等四个部分。"
    )
    assert _values(lines)["列举:部分/列出"] == D(4)
    # parts named without head nouns are counted as printed
    assert _values(_lines("报告包括甲项、乙项、丙项等3个部分。"))["列举:部分/列出"] == D(3)
