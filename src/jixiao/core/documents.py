"""The document model: schema ``jixiao/v1`` of ``CONTRACT.md`` as plain dataclasses.

Every face of JiXiao (the CLI, the web system, the API, the reports) reads and writes
documents through these classes, so the JSON the contract fixes is produced in one place
(:func:`document_to_json`) and read back in one place (:func:`document_from_json`).

Numbers are :class:`~decimal.Decimal` inside the core; JSON shows them as plain numbers
(an integral value as an int). Fields beyond the contract (``source``, ``figures``,
``allocations``, ``tasks``) are additions a reader may ignore.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

SCHEMA = "jixiao/v1"
KINDS = (
    "indicator_system",
    "self_evaluation",
    "evaluation_report",
    "disclosure_report",
    "work_goals",
)
OPS = (">=", ">", "<=", "<", "=", "between", "by_date", "qualitative")


@dataclass
class Source:
    """Where a value came from: a file with a line, page or cell, or a user's edit."""

    file: str | None = None
    line: int | None = None
    page: int | None = None
    cell: str | None = None
    sheet: str | None = None
    edit: str | None = None


@dataclass
class Target:
    """One target (or result) read from Chinese text; see ``core.targets``."""

    raw: str
    op: str
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    date: str | None = None
    relative: str | None = None


@dataclass
class Actual:
    """A result as printed, with the quantities read from it."""

    raw: str
    targets: list[Target] = field(default_factory=list)


@dataclass
class Indicator:
    """One indicator (指标) of any document kind."""

    id: str
    name: str
    path: list[str] = field(default_factory=list)
    nature: str | None = None
    direction: str | None = None
    unit: str | None = None  # the 计量单位 column as printed (self-evaluation tables)
    targets: list[Target] = field(default_factory=list)
    actual: Actual | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    departments: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    basis: str = ""
    history: dict[str, Decimal] = field(default_factory=dict)
    deviation: str | None = None
    criteria: str | None = None
    source: Source | None = None


@dataclass
class Project:
    """A row of a fund table: money available and spent for one project and unit."""

    name: str
    unit: str | None = None
    available: dict[str, Decimal | None] = field(default_factory=dict)
    spent: dict[str, Decimal | None] = field(default_factory=dict)
    rates: dict[str, Decimal | None] = field(default_factory=dict)
    unit_of_money: str = "万元"
    expenses: dict[str, Decimal] = field(default_factory=dict)
    source: Source | None = None


@dataclass
class Allocation:
    """A row of a unit × project allocation table (e.g. a 现场评价明细表)."""

    unit: str
    parent: str | None = None
    code: str | None = None
    total: Decimal | None = None
    by_project: dict[str, Decimal] = field(default_factory=dict)
    is_subtotal: bool = False
    source: Source | None = None


@dataclass
class BudgetRow:
    """One funding source of a self-evaluation's fund block (项目资金)."""

    source: str
    initial: Decimal | None = None
    adjusted: Decimal | None = None
    spent: Decimal | None = None
    rate: Decimal | None = None
    weight: Decimal | None = None
    score: Decimal | None = None


@dataclass
class Budget:
    """The fund block: rows per funding source, with the block's weight and score."""

    rows: list[BudgetRow] = field(default_factory=list)
    unit_of_money: str = "万元"
    weight: Decimal | None = None
    score: Decimal | None = None
    source: Source | None = None


@dataclass
class Disclosure:
    """The tables of a government-information disclosure annual report."""

    proactive: list[dict[str, Any]] = field(default_factory=list)
    requests: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    reviews: dict[str, dict[str, Decimal]] = field(default_factory=dict)


@dataclass
class Figure:
    """A named figure stated in prose (a total, a share, a grade) that checks can compare."""

    name: str
    value: Decimal | None
    unit: str | None = None
    text: str = ""
    source: Source | None = None


@dataclass
class Task:
    """A row of a self-evaluation's tasks block (年度主要任务)."""

    name: str
    content: str = ""
    result: str = ""


@dataclass(frozen=True)
class Adjustment:
    """An evaluator's score for one indicator in place of the rule's, and why (评价调整).

    Kept on the document, keyed by indicator id, so every reader that scores the document
    (the web system, the exports, ``jixiao score`` on an exported file) counts it the same way.
    """

    points: Decimal
    reason: str


@dataclass
class Organization:
    """The body the document is about."""

    name: str | None = None
    code: str | None = None


@dataclass
class Document:
    """A performance document of one of the five kinds (schema ``jixiao/v1``)."""

    kind: str
    title: str = ""
    organization: Organization = field(default_factory=Organization)
    year: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    budget: Budget | None = None
    disclosure: Disclosure | None = None
    totals: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    source: Source | None = None
    #: Evaluators' scores in place of the rules', by indicator id (see :class:`Adjustment`).
    adjustments: dict[str, Adjustment] = field(default_factory=dict)


def plain(value: Any) -> Any:
    """Turn Decimals (an integral one as an int) and nested containers into JSON-ready values.

    The one Decimal-to-JSON rule of the project: the CLI, the findings, the score sheets and
    the web system all print numbers through it.
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Return the contract's JSON object for ``doc`` (schema first, as the contract shows).

    ``adjustments`` is an addition beyond the contract and is left out when there are none.
    """
    data = plain(asdict(doc))
    if not data.get("adjustments"):
        data.pop("adjustments", None)
    return {"schema": SCHEMA, **data}


def document_to_json(doc: Document, indent: int | None = 2) -> str:
    """Serialise ``doc`` as the contract's JSON text, Chinese kept readable."""
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=indent)


def to_decimal(value: Any) -> Decimal | None:
    """Read a JSON number (or numeric string) back as a Decimal; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def decimals(mapping: dict[str, Any] | None) -> dict[str, Any]:
    """A JSON mapping of numbers (money by source, history by year) with Decimal values."""
    return {k: to_decimal(v) for k, v in (mapping or {}).items()}


def _build(cls: type, data: dict[str, Any] | None) -> Any:
    """Build a flat dataclass from a dict, ignoring keys it does not know."""
    if data is None:
        return None
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def source_from_dict(data: dict[str, Any] | None) -> Source | None:
    """Read a provenance from its JSON form (None stays None)."""
    return _build(Source, data)


def task_from_dict(data: dict[str, Any]) -> Task:
    """Read one row of the tasks block from its JSON form."""
    return _build(Task, data)


def actual_from_dict(data: dict[str, Any] | None) -> Actual | None:
    """Read a result as printed, with its quantities, from its JSON form."""
    if not data:
        return None
    return Actual(data["raw"], [target_from_dict(t) for t in data.get("targets") or []])


def target_from_dict(data: dict[str, Any]) -> Target:
    """Read one Target from its JSON form."""
    target = _build(Target, data)
    target.value = to_decimal(target.value)
    target.upper = to_decimal(target.upper)
    return target


def indicator_from_dict(data: dict[str, Any]) -> Indicator:
    """Read one Indicator from its JSON form."""
    ind = _build(Indicator, data)
    ind.targets = [target_from_dict(t) for t in data.get("targets") or []]
    ind.actual = actual_from_dict(data.get("actual"))
    ind.weight = to_decimal(ind.weight)
    ind.score = to_decimal(ind.score)
    ind.history = decimals(data.get("history"))
    ind.source = _build(Source, data.get("source"))
    return ind


def _project_from_dict(data: dict[str, Any]) -> Project:
    proj = _build(Project, data)
    proj.available = decimals(data.get("available"))
    proj.spent = decimals(data.get("spent"))
    proj.rates = decimals(data.get("rates"))
    proj.expenses = decimals(data.get("expenses"))
    proj.source = _build(Source, data.get("source"))
    return proj


def _budget_from_dict(data: dict[str, Any] | None) -> Budget | None:
    if not data:
        return None
    rows = []
    for row in data.get("rows") or []:
        r = _build(BudgetRow, row)
        for name in ("initial", "adjusted", "spent", "rate", "weight", "score"):
            setattr(r, name, to_decimal(getattr(r, name)))
        rows.append(r)
    return Budget(
        rows=rows,
        unit_of_money=data.get("unit_of_money") or "万元",
        weight=to_decimal(data.get("weight")),
        score=to_decimal(data.get("score")),
        source=_build(Source, data.get("source")),
    )


def disclosure_from_dict(data: dict[str, Any] | None) -> Disclosure | None:
    """Read the disclosure tables from their JSON form (None when there are none)."""
    if not data:
        return None
    return Disclosure(
        proactive=list(data.get("proactive") or []),
        requests={row: decimals(cols) for row, cols in (data.get("requests") or {}).items()},
        reviews={row: decimals(cols) for row, cols in (data.get("reviews") or {}).items()},
    )


def figure_from_dict(data: dict[str, Any]) -> Figure:
    """Read one stated figure from its JSON form."""
    fig = _build(Figure, data)
    fig.value = to_decimal(fig.value)
    fig.source = _build(Source, data.get("source"))
    return fig


def allocation_from_dict(data: dict[str, Any]) -> Allocation:
    """Read one allocation row from its JSON form."""
    alloc = _build(Allocation, data)
    alloc.total = to_decimal(alloc.total)
    alloc.by_project = decimals(data.get("by_project"))
    alloc.source = _build(Source, data.get("source"))
    return alloc


def document_from_dict(data: dict[str, Any]) -> Document:
    """Read a document back from the contract's JSON object (the inverse of to_dict)."""
    return Document(
        kind=data["kind"],
        title=data.get("title") or "",
        organization=_build(Organization, data.get("organization") or {}),
        year=data.get("year"),
        indicators=[indicator_from_dict(i) for i in data.get("indicators") or []],
        projects=[_project_from_dict(p) for p in data.get("projects") or []],
        budget=_budget_from_dict(data.get("budget")),
        disclosure=disclosure_from_dict(data.get("disclosure")),
        totals=dict(data.get("totals") or {}),
        warnings=list(data.get("warnings") or []),
        figures=[figure_from_dict(f) for f in data.get("figures") or []],
        allocations=[allocation_from_dict(a) for a in data.get("allocations") or []],
        tasks=[_build(Task, t) for t in data.get("tasks") or []],
        source=_build(Source, data.get("source")),
        adjustments=_adjustments_from_dict(data.get("adjustments")),
    )


def _adjustments_from_dict(data: dict[str, Any] | None) -> dict[str, Adjustment]:
    return {
        key: Adjustment(Decimal(str(a["points"])), str(a.get("reason") or ""))
        for key, a in (data or {}).items()
    }


def document_from_json(text: str) -> Document:
    """Parse the contract's JSON text into a Document."""
    return document_from_dict(json.loads(text))
