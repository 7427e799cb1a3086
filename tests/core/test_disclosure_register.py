"""The 依申请公开 register → the annual report's tables, and the report's own rule on them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core import disclosure as std
from jixiao.core.disclosure_register import (
    OUTCOMES,
    RegisterYear,
    RequestRecord,
    ReviewRecord,
    build_disclosure,
    count_requests,
    count_reviews,
    expand_requests,
    expand_reviews,
    issue_blockers,
    register_document,
    report_format,
    same_tables,
    validate_requests,
)
from jixiao.core.documents import Disclosure
from jixiao.core.workdays import is_workday
from jixiao.ingest import extract_file
from tests.support import sample, seed

OPEN = "（一）予以公开"


def _register_from_report(path: object) -> tuple[object, RegisterYear]:
    doc = extract_file(path)
    channels = {
        f.name.split("/", 1)[1]: int(f.value)
        for f in doc.figures
        if f.name.startswith("依申请:渠道/") and f.value is not None
    }
    data = doc.disclosure
    proactive = {
        r["item"]: {k: v for k, v in r.items() if k not in ("block", "item", "units")}
        for r in data.proactive
    }
    units = {r["item"]: r["units"] for r in data.proactive if "units" in r}
    register = RegisterYear(
        year=doc.year,
        requests=expand_requests(data.requests, doc.year, channels),
        proactive=proactive,
        proactive_units=units,
        reviews=expand_reviews(data.reviews),
    )
    return doc, register


def test_seed_001_expanded_into_requests_gives_its_tables_cell_for_cell() -> None:
    doc, register = _register_from_report(seed("001"))
    assert len([r for r in register.requests if r.received.year == 2020]) == 29
    built = build_disclosure(register)
    assert same_tables(built, doc.disclosure) == []
    assert built.requests == doc.disclosure.requests  # same rows, same order, same numbers
    assert built.requests[std.CARRY_OVER][std.TOTAL] == 2
    assert built.requests[std.OTHER_HANDLING]["商业企业"] == 1  # 2019 format: one row


def test_expanded_requests_look_like_a_real_year() -> None:
    _, register = _register_from_report(seed("001"))
    records = register.requests
    assert all(is_workday(r.received) for r in records)
    assert {r.channel for r in records} == {"网络申请", "信函受理"}
    assert sum(r.channel == "信函受理" for r in records) == 9
    assert len({r.ref for r in records}) == len(records)
    assert all(r.replied and r.replied >= r.received for r in records)
    assert validate_requests(records) == []
    # carried over: received in 2020, answered in 2021
    assert sum(1 for r in records if r.replied and r.replied.year == 2021) == 2
    # the generator is deterministic
    assert expand_requests(extract_file(seed("001")).disclosure.requests, 2020) == [
        r.__class__(r.received, r.applicant, r.outcome, r.replied, "网络申请", r.ref)
        for r in records
    ]


def test_the_register_report_passes_the_reports_own_checks_and_may_be_issued() -> None:
    _, register = _register_from_report(seed("001"))
    doc = register_document("福建省市场监督管理局", register)
    assert issue_blockers(doc) == []
    figures = {f.name: f.value for f in doc.figures}
    assert figures["依申请:受理"] == 29
    assert figures["依申请:渠道/网络申请"] == 20
    assert figures["依申请:结转下年度"] == 2


def test_a_2021_format_report_from_another_bureau_round_trips_too() -> None:
    doc, register = _register_from_report(sample("hongze"))
    built = build_disclosure(register)
    assert report_format(doc.year) == "2021"
    assert any(k.startswith(f"{std.OTHER_HANDLING}/") for k in built.requests)
    # the filed report prints （六） as one row: compared that way, every cell agrees
    assert [d for d in same_tables(built, doc.disclosure) if d.startswith("表三")] == []


def test_how_a_request_counts_across_the_year_boundary() -> None:
    records = [
        RequestRecord(date(2020, 12, 28), "自然人", OPEN, date(2021, 1, 6)),  # carried in
        RequestRecord(date(2019, 12, 30), "商业企业"),  # still open: carried in and out
        RequestRecord(date(2020, 12, 1), "自然人", OPEN, date(2020, 12, 10)),  # closed last year
        RequestRecord(date(2021, 3, 1), "科研机构", "（五）不予处理/2.重复申请", date(2021, 3, 5)),
        RequestRecord(date(2021, 12, 30), "自然人", OPEN, date(2022, 1, 4)),  # carried out
        RequestRecord(date(2021, 5, 6), "其他", OPEN, None),  # open
    ]
    table = count_requests(records, 2021)
    assert table[std.NEW][std.TOTAL] == 3
    assert table[std.CARRIED]["自然人"] == 1 and table[std.CARRIED]["商业企业"] == 1
    assert table[OPEN]["自然人"] == 1
    assert table["（五）不予处理/2.重复申请"]["科研机构"] == 1
    assert table[std.RESULT_TOTAL][std.TOTAL] == 2
    assert table[std.CARRY_OVER] == {
        **dict.fromkeys(std.APPLICANT_COLUMNS, Decimal(0)),
        "自然人": 1,
        "商业企业": 1,
        "其他": 1,
        std.TOTAL: 3,
    }
    assert "（六）其他处理/3.其他" in table  # 2021 format keeps the sub-rows


def test_a_register_missing_last_years_carried_over_requests_is_refused_with_cells_named() -> None:
    records = [RequestRecord(date(2021, 3, 1), "自然人", OPEN, date(2021, 3, 8))]
    # last year's filed report carried two 自然人 requests over; the register lacks them
    carried = {**dict.fromkeys(std.APPLICANT_COLUMNS, Decimal(0)), "自然人": Decimal(2)}
    doc = register_document("乙县", RegisterYear(2021, records, carried_in=carried))
    blockers = issue_blockers(doc)
    assert len(blockers) == 2
    assert blockers[0].startswith(
        "三、收到和处理申请 · 自然人 · （七）总计＋四、结转下年度继续办理"
    )
    assert "本年新收1＋上年结转2＝3" in blockers[0]
    assert "三、收到和处理申请 · 总计" in blockers[1]
    # entering the two requests mends it
    records += [RequestRecord(date(2020, 12, 29), "自然人", OPEN, date(2021, 1, 5))] * 2
    mended = register_document("乙县", RegisterYear(2021, records, carried_in=carried))
    assert issue_blockers(mended) == []


def test_uncountable_records_are_named() -> None:
    bad = [
        RequestRecord(date(2021, 3, 5), "自然人", OPEN, date(2021, 3, 1), ref="A-1"),
        RequestRecord(date(2021, 3, 5), "个人", ref="A-2"),
        RequestRecord(date(2021, 3, 5), "自然人", "", date(2021, 3, 9), ref="A-3"),
        RequestRecord(date(2021, 3, 5), "自然人", "同意", date(2021, 3, 9), ref="A-4"),
    ]
    problems = validate_requests(bad)
    assert [p.split("：")[0] for p in problems] == ["A-1", "A-2", "A-3", "A-4"]
    assert "答复日期早于收到申请日期" in problems[0]


def test_reviews_are_counted_by_group_and_result() -> None:
    table = count_reviews(
        [
            ReviewRecord("行政复议", "结果维持"),
            ReviewRecord("行政复议", "尚未审结"),
            ReviewRecord("行政诉讼/复议后起诉", "结果纠正"),
        ]
    )
    assert table["行政复议"][std.TOTAL] == 2
    assert table["行政诉讼/复议后起诉"]["结果纠正"] == 1
    assert table["行政诉讼/未经复议直接起诉"][std.TOTAL] == 0


def test_proactive_counts_follow_the_years_format() -> None:
    reg2019 = build_disclosure(RegisterYear(2020, proactive={"规章": {"本年新制作数量": 3}}))
    assert reg2019.proactive[0]["本年新制作数量"] == 3
    reg2021 = build_disclosure(RegisterYear(2022, proactive={"规章": {"本年制发件数": 1}}))
    assert reg2021.proactive[0] == {
        "block": "第二十条第（一）项",
        "item": "规章",
        "本年制发件数": 1,
        "本年废止件数": 0,
        "现行有效件数": 0,
    }


def test_same_tables_names_the_cells_that_differ() -> None:
    a = Disclosure(requests={std.NEW: {"自然人": Decimal(3)}})
    b = Disclosure(requests={std.NEW: {"自然人": Decimal(4)}})
    assert same_tables(a, b) == [f"表三 · {std.NEW} · 自然人：3 ≠ 4"]


_counts = st.lists(st.integers(0, 4), min_size=6, max_size=6)


@settings(max_examples=40, deadline=None)
@given(
    year=st.integers(2019, 2024),
    new=_counts,
    carried=_counts,
    outcome_picks=st.lists(st.sampled_from(OUTCOMES), min_size=1, max_size=6),
    share=st.floats(0, 1),
)
def test_any_balanced_table_expands_and_counts_back(
    year: int, new: list[int], carried: list[int], outcome_picks: list[str], share: float
) -> None:
    results: dict[str, dict[str, int]] = {}
    for i, column in enumerate(std.APPLICANT_COLUMNS):
        done = int((new[i] + carried[i]) * share)
        for n in range(done):
            row = results.setdefault(outcome_picks[n % len(outcome_picks)], {})
            row[column] = row.get(column, 0) + 1
    cols = std.APPLICANT_COLUMNS
    table = std.build_requests(
        dict(zip(cols, new, strict=True)), dict(zip(cols, carried, strict=True)), results
    )
    records = expand_requests(table, year)
    counted = count_requests(records, year)
    expected = Disclosure(requests=table)
    assert same_tables(Disclosure(requests=counted), expected) == []
