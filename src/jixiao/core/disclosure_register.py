"""The 依申请公开 register → the annual report's tables, then the report's own consistency check.

A bureau keeps one record per request (received, applicant type, outcome, reply date) plus
proactive-disclosure counts and administrative review / litigation cases. This module turns a
year of those into the same :class:`~jixiao.core.documents.Disclosure` the report parser reads
from a filed report, so a register and an imported report are compared cell for cell, and the
reports layout exports either.

How a request counts in year Y (DOMAIN.md §5.3):

- 一、本年新收: received in Y.
- 二、上年结转: received before Y and not closed before 1 January of Y — or, when the year before
  has a filed report (issued from the register or imported), that report's 四、结转下年度继续办理,
  because the statute ties the two (DOMAIN.md §5.5 rule 4) and the filed figure is what the
  public saw.
- 三、本年度办理结果: closed (reply date and outcome) in Y, under its outcome row.
- 四、结转下年度继续办理: received by 31 December of Y and not closed by then — counted from the
  records, never derived by subtraction, so the printed rule 一 + 二 = 三（七）+ 四 is a real check:
  it fails when the register lacks requests the year before carried over, or holds a record
  closed before it was received.

Formats: reports for 2019 and 2020 follow 国办公开办函〔2019〕60号 (（六）其他处理 one row, the
2019 proactive table); 2021 on follow 〔2021〕30号 (（六） in three sub-rows).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from jixiao.core import disclosure as std
from jixiao.core.checks.disclosure import check_disclosure
from jixiao.core.documents import Disclosure, Document, Figure, Organization
from jixiao.core.findings import Finding
from jixiao.core.workdays import add_workdays, is_workday

Table = dict[str, dict[str, Decimal]]

# The outcomes a request can be closed with: every leaf of table 三's results (2021 keys).
OUTCOMES = tuple(row.key for row in std.RESULT_ROWS if row.key != std.OTHER_HANDLING)
REVIEW_RESULTS = std.REVIEW_COLUMNS[:-1]
OPEN_REVIEW = "尚未审结"


def report_format(year: int) -> str:
    """``"2019"`` for the reports of 2019 and 2020 (试行 format), ``"2021"`` from 2021 on."""
    return "2019" if year <= 2020 else "2021"


def proactive_blocks(year: int) -> tuple[std.ProactiveBlock, ...]:
    """Table 二's blocks in the format of ``year``'s report."""
    return std.PROACTIVE_2019 if report_format(year) == "2019" else std.PROACTIVE_2021


@dataclass(frozen=True)
class RequestRecord:
    """One request as the register keeps it (only what the tables need)."""

    received: date
    applicant: str
    outcome: str = ""
    replied: date | None = None
    channel: str = ""
    ref: str = ""

    def closed_by(self, day: date) -> bool:
        """True when the request was answered, with an outcome, on or before ``day``."""
        return bool(self.outcome) and self.replied is not None and self.replied <= day


@dataclass(frozen=True)
class ReviewRecord:
    """One administrative review or lawsuit about disclosure: its group and its result."""

    group: str
    result: str = OPEN_REVIEW


@dataclass
class RegisterYear:
    """What the register holds for one bureau and year."""

    year: int
    requests: Sequence[RequestRecord] = ()
    proactive: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)
    proactive_units: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    reviews: Sequence[ReviewRecord] = ()
    carried_in: Mapping[str, Decimal] | None = None


def validate_requests(records: Iterable[RequestRecord]) -> list[str]:
    """Problems that make a record uncountable, in Chinese, one per record."""
    problems = []
    for r in records:
        name = r.ref or f"{r.received:%Y-%m-%d}收到的申请"
        if r.applicant not in std.APPLICANT_COLUMNS:
            problems.append(f"{name}：申请人类型“{r.applicant}”不是表三的六类之一")
        if r.outcome and r.outcome not in OUTCOMES:
            problems.append(f"{name}：办理结果“{r.outcome}”不是表三的办理结果")
        if r.replied is not None and r.replied < r.received:
            problems.append(f"{name}：答复日期早于收到申请日期")
        if r.replied is not None and not r.outcome:
            problems.append(f"{name}：已填答复日期但未选办理结果，按未办结计")
    return problems


def _count(records: Iterable[RequestRecord]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in records:
        counts[r.applicant] = counts.get(r.applicant, 0) + 1
    return counts


def count_requests(
    records: Sequence[RequestRecord], year: int, carried_in: Mapping[str, Decimal] | None = None
) -> Table:
    """Table 三 for ``year`` counted from the records (see the module docstring for the rules).

    Args:
        records: every request of the bureau that could touch ``year`` (earlier open ones too).
        year: the report's year.
        carried_in: 二、上年结转 by applicant column from last year's filed report; None counts
            it from the records.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    new = [r for r in records if first <= r.received <= last]
    before = [r for r in records if r.received < first and not r.closed_by(first - timedelta(1))]
    closed = [r for r in records if r.closed_by(last) and r.replied and r.replied >= first]
    results: dict[str, dict[str, int]] = {}
    for r in closed:
        row = results.setdefault(r.outcome, {})
        row[r.applicant] = row.get(r.applicant, 0) + 1
    carried = dict(carried_in) if carried_in is not None else _count(before)
    table = std.build_requests(_count(new), carried, results)
    open_at_end = [r for r in records if r.received <= last and not r.closed_by(last)]
    table[std.CARRY_OVER] = _row(_count(open_at_end))
    return _in_format(table, year)


def _row(counts: Mapping[str, int]) -> dict[str, Decimal]:
    row = {c: Decimal(counts.get(c, 0)) for c in std.APPLICANT_COLUMNS}
    row[std.TOTAL] = sum(row.values(), Decimal(0))
    return row


def _in_format(table: Table, year: int) -> Table:
    """In the 2019 format （六）其他处理 is one row: fold its three sub-rows into it."""
    return table if report_format(year) == "2021" else _fold_other(table)


def _has_other_items(table: Mapping[str, object]) -> bool:
    return any(k.startswith(f"{std.OTHER_HANDLING}/") for k in table)


def _fold_other(table: Table) -> Table:
    """The table with （六）其他处理's sub-rows replaced by the one row they add up to."""
    if not _has_other_items(table):
        return table
    subs = [k for k in table if k.startswith(f"{std.OTHER_HANDLING}/")]
    folded: Table = {}
    for key, row in table.items():
        if key in subs:
            continue
        if key == std.RESULT_TOTAL:
            folded[std.OTHER_HANDLING] = {
                c: sum((table[k][c] for k in subs), Decimal(0)) for c in std.REQUEST_COLUMNS
            }
        folded[key] = row
    return folded


def count_reviews(records: Iterable[ReviewRecord]) -> Table:
    """Table 四 from the year's review and litigation cases (an open case is 尚未审结)."""
    counts: dict[str, dict[str, int]] = {}
    for r in records:
        if r.group not in std.REVIEW_GROUPS or r.result not in REVIEW_RESULTS:
            raise ValueError(f"不是表四的组或结果：{r.group} {r.result}")
        row = counts.setdefault(r.group, {})
        row[r.result] = row.get(r.result, 0) + 1
    return std.build_reviews(counts)


def build_disclosure(register: RegisterYear) -> Disclosure:
    """The three tables of ``register.year``'s report from the register."""
    rows = std.build_proactive(proactive_blocks(register.year), register.proactive)
    for row in rows:
        units = register.proactive_units.get(str(row["item"]))
        if units:
            row["units"] = {**dict(row.get("units") or {}), **units}  # type: ignore[dict-item]
    return Disclosure(
        proactive=rows,
        requests=count_requests(register.requests, register.year, register.carried_in),
        reviews=count_reviews(register.reviews),
    )


def register_document(org_name: str, register: RegisterYear) -> Document:
    """The annual report as a core Document: tables, and the figures part 一 states."""
    data = build_disclosure(register)
    year = register.year
    new = [r for r in register.requests if r.received.year == year]
    figures = [Figure("依申请:受理", data.requests[std.NEW][std.TOTAL], "件")]
    channels: dict[str, int] = {}
    for r in new:
        if r.channel:
            channels[r.channel] = channels.get(r.channel, 0) + 1
    figures += [Figure(f"依申请:渠道/{c}", Decimal(n), "件") for c, n in channels.items()]
    figures.append(Figure("依申请:结转下年度", data.requests[std.CARRY_OVER][std.TOTAL], "件"))
    return Document(
        kind="disclosure_report",
        title=f"{org_name}{year}年政府信息公开工作年度报告",
        organization=Organization(name=org_name),
        year=year,
        disclosure=data,
        figures=figures,
    )


def check_register(doc: Document) -> list[Finding]:
    """The report's own checks (勾稽关系 and totals) on tables built from the register."""
    return check_disclosure(doc)


def issue_blockers(doc: Document, problems: Sequence[str] = ()) -> list[str]:
    """Why the report must not be issued: broken balance cells, then uncountable records."""
    broken = [f for f in check_register(doc) if f.severity == "error"]
    return [f"{f.where}：{f.message}" for f in broken] + list(problems)


def same_tables(a: Disclosure, b: Disclosure) -> list[str]:
    """The cells where two reports' tables differ (empty when equal), named as ``表 · 行 · 列``.

    Units printed beside a value (``42 项``) are presentation, not a cell, and are not compared.
    """
    diffs = []
    left_rows, right_rows = a.requests, b.requests
    if _has_other_items(left_rows) != _has_other_items(right_rows):
        # one prints （六）其他处理 as one row (2019 format, many 2021 reports): compare that way
        left_rows, right_rows = _fold_other(left_rows), _fold_other(right_rows)
    for name, left, right in (("表三", left_rows, right_rows), ("表四", a.reviews, b.reviews)):
        for key in dict.fromkeys([*left, *right]):
            for col in dict.fromkeys([*left.get(key, {}), *right.get(key, {})]):
                x, y = left.get(key, {}).get(col), right.get(key, {}).get(col)
                if x != y:
                    diffs.append(f"{name} · {key} · {col}：{x} ≠ {y}")
    items_a = {str(r["item"]): r for r in a.proactive}
    items_b = {str(r["item"]): r for r in b.proactive}
    for item in dict.fromkeys([*items_a, *items_b]):
        ra, rb = items_a.get(item, {}), items_b.get(item, {})
        for col in dict.fromkeys([*ra, *rb]):
            if col not in ("block", "item", "units") and _num(ra.get(col)) != _num(rb.get(col)):
                diffs.append(f"表二 · {item} · {col}：{ra.get(col)} ≠ {rb.get(col)}")
    return diffs


def _num(value: object) -> object:
    """A number as a Decimal whatever it came as (JSON floats included), to compare by value."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


# ---- the demo generator: a filed report's table → individual request records -------------


def _workdays_of(year: int) -> list[date]:
    day, days = date(year, 1, 1), []
    while day.year == year:
        if is_workday(day):
            days.append(day)
        day += timedelta(1)
    return days


def _channel_cycle(channels: Mapping[str, int], total: int) -> list[str]:
    """``total`` channel names in the stated proportions, evenly interleaved (rest: 网络申请)."""
    counts = {name: n for name, n in channels.items() if n > 0}
    counts["网络申请"] = counts.get("网络申请", 0) + max(0, total - sum(counts.values()))
    slots = [((k + 0.5) / n, name) for name, n in counts.items() for k in range(n)]
    return [name for _, name in sorted(slots, key=lambda s: s[0])][:total]


@dataclass(frozen=True)
class _Planned:
    applicant: str
    outcome: str  # "" = still open at the end of the year
    is_new: bool


def expand_requests(
    requests: Mapping[str, Mapping[str, Decimal]],
    year: int,
    channels: Mapping[str, int] | None = None,
) -> list[RequestRecord]:
    """Individual records that reproduce a filed report's table 三 exactly, deterministically.

    Why: a bureau that starts the register mid-stream (and the demo) has only the printed
    table. Requests closed in the year are received evenly over its working days and answered
    3–12 working days later (within the 20 of 第三十三条); those carried over to next year are
    received in its last working days and answered in January; last year's carry-in is
    received in the last working days of the year before. ``channels`` (``{网络申请: 20,
    信函受理: 9}`` from the prose) are shared out among the new requests in proportion.
    The 2019 format's single （六）其他处理 row becomes the sub-row ``3.其他``.
    """
    plan = _expansion_plan(requests)
    days, before = _workdays_of(year), _workdays_of(year - 1)
    closed = [p for p in plan if p.outcome and p.is_new]
    chans = iter(_channel_cycle(channels or {}, sum(1 for p in plan if p.is_new)))
    out: list[RequestRecord] = []
    n_closed = n_late = n_early = 0
    for p in plan:
        if p.is_new and p.outcome:
            received = days[(n_closed * len(days)) // len(closed)]
            replied = min(add_workdays(received, 3 + (n_closed * 7) % 10), days[-1])
            n_closed += 1
        elif p.is_new:
            n_late += 1
            received = days[-n_late]
            replied = add_workdays(date(year, 12, 31), 2 + n_late)
        else:
            n_early += 1
            received = before[-n_early]
            replied = add_workdays(date(year, 1, 1), 2 + n_early)
            if not p.outcome:
                replied = add_workdays(date(year, 12, 31), 2 + n_early)
        channel = next(chans) if p.is_new else "网络申请"
        outcome = p.outcome or "（一）予以公开"
        out.append(RequestRecord(received, p.applicant, outcome, replied, channel))
    out.sort(key=lambda r: r.received)
    return [replace(r, ref=f"{r.received.year}-依申请-{n:03d}") for n, r in enumerate(out, 1)]


def _expansion_plan(requests: Mapping[str, Mapping[str, Decimal]]) -> list[_Planned]:
    """Per applicant column: carry-in first closed, then new closed, the rest carried out."""
    plan: list[_Planned] = []
    leaves = std.result_leaves(requests)
    for column in std.APPLICANT_COLUMNS:
        outcomes: list[str] = []
        for key in leaves:
            outcome = f"{std.OTHER_HANDLING}/3.其他" if key == std.OTHER_HANDLING else key
            outcomes += [outcome] * int(requests[key].get(column, 0))
        n_in = int(requests.get(std.CARRIED, {}).get(column, 0))
        n_new = int(requests.get(std.NEW, {}).get(column, 0))
        arrivals = [False] * n_in + [True] * n_new
        for i, is_new in enumerate(arrivals):
            plan.append(_Planned(column, outcomes[i] if i < len(outcomes) else "", is_new))
    # interleave applicants and outcomes over the year, deterministically
    return [p for _, p in sorted(enumerate(plan), key=lambda e: ((e[0] * 7) % 11, e[0]))]


def expand_reviews(reviews: Mapping[str, Mapping[str, Decimal]]) -> list[ReviewRecord]:
    """One case per counted cell of table 四, in standard order."""
    return [
        ReviewRecord(group, result)
        for group in std.REVIEW_GROUPS
        for result in REVIEW_RESULTS
        for _ in range(int(reviews.get(group, {}).get(result, 0)))
    ]
