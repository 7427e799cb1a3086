"""Documents ↔ the national 预算管理一体化 performance tables, with the mapping kept as data.

Finance departments exchange targets, self-evaluations and the indicator library as tables
shaped by the national data standard (``PM_PERF_INDICATOR``, ``PM_SELF_EVAL_INDICATOR``,
``BAS_PERF_INDICATOR`` …). Provinces rename and add columns, so nothing here names a column:
``exchange_standard.json`` says which table holds which rows and which column carries which
JiXiao field (``indicator.target``, ``code.AGENCY_CODE``, ``budget.spent`` …), and a province
passes its own copy. The same mapping reads the tables back, so an export round-trips.

Money: the tables carry 元 (the standard's NUMBER(18,2)); documents carry their own unit
(usually 万元), converted both ways here. Rates stay percentages (95.54, not 0.9554).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from jixiao.core.documents import (
    Actual,
    Budget,
    BudgetRow,
    Document,
    Indicator,
    Organization,
    Target,
)
from jixiao.core.targets import TargetError, parse_target

MONEY_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000)}
OP_WORDS = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "＝", "qualitative": "定性"}
ROW_SOURCES = ("document", "indicator", "budget")
Rows = list[dict[str, str]]


class ExchangeError(ValueError):
    """A mapping or a table that cannot be used; the message says what and where in Chinese."""


@dataclass(frozen=True)
class Column:
    """One column of a table: its code, its Chinese label and the field it carries."""

    name: str
    label: str
    source: str = ""
    const: str | None = None


@dataclass(frozen=True)
class Table:
    """One exchange table: which documents it serves and what each of its rows is."""

    name: str
    label: str
    kinds: tuple[str, ...]
    level: str
    rows: str
    header: str
    columns: tuple[Column, ...]

    def headings(self) -> list[str]:
        """The header row as written: column codes, or labels for the Excel template."""
        return [c.label if self.header == "label" else c.name for c in self.columns]


@dataclass(frozen=True)
class Mapping:
    """A whole mapping: the tables and the money unit of their amounts."""

    tables: tuple[Table, ...]
    money_unit: str = "元"

    def table(self, name: str) -> Table | None:
        """The table called ``name``, or None."""
        return next((t for t in self.tables if t.name == name), None)


@dataclass
class Codes:
    """The codes a document does not print but the tables need (区划, 单位, 项目, 部门)."""

    values: dict[str, str] = field(default_factory=dict)


def load_mapping(text: str | None = None) -> Mapping:
    """The standard mapping, or a province's own JSON text of the same shape."""
    return standard_mapping() if text is None else _parse_mapping(text)


@cache
def standard_mapping() -> Mapping:
    """The national standard's mapping, read once: every extraction looks for its tables."""
    path = resources.files("jixiao.core").joinpath("exchange_standard.json")
    return _parse_mapping(path.read_text("utf-8"))


def _parse_mapping(text: str) -> Mapping:
    try:
        data = json.loads(text)
        tables = tuple(_table(t) for t in data["tables"])
        unit = data.get("money_unit", "元")
    except (json.JSONDecodeError, KeyError, TypeError, IndexError) as exc:
        raise ExchangeError(f"对照表格式不对：{exc}") from exc
    if unit not in MONEY_FACTORS:
        raise ExchangeError(f"对照表的金额单位 {unit} 不可用，可选 {'、'.join(MONEY_FACTORS)}")
    return Mapping(tables, unit)


def _table(data: dict[str, Any]) -> Table:
    columns = tuple(_column(c, data["name"]) for c in data["columns"])
    if data.get("rows") not in ROW_SOURCES:
        raise ExchangeError(f"表 {data.get('name')} 的 rows 应为 {'、'.join(ROW_SOURCES)} 之一")
    return Table(
        name=data["name"],
        label=data.get("label", data["name"]),
        kinds=tuple(data.get("kinds", ())),
        level=data.get("level", "any"),
        rows=data["rows"],
        header=data.get("header", "name"),
        columns=columns,
    )


def _column(data: list[Any] | dict[str, Any], table: str) -> Column:
    if isinstance(data, dict):
        column = Column(
            data["name"], data.get("label", data["name"]), data.get("from", ""), data.get("const")
        )
    else:
        column = Column(*data)
    group, _, name = column.source.partition(".")
    known = bool(name) and (group == "code" or name in FIELDS.get(group, ()))
    if column.const is None and not known:
        raise ExchangeError(f"表 {table} 的列 {column.name}：不认识的字段 {column.source!r}")
    return column


# --- document → tables ----------------------------------------------------------------


def tables_for(mapping: Mapping, doc: Document, level: str, library: bool = False) -> list[Table]:
    """The tables that carry ``doc``: by its kind and the level (project or dept)."""
    kind = "library" if library else doc.kind
    chosen = [t for t in mapping.tables if kind in t.kinds and t.level in (level, "any")]
    if not chosen:
        raise ExchangeError(f"没有对应 {kind}（{level}）的交换表，请检查对照表")
    return chosen


def to_tables(
    doc: Document, mapping: Mapping, codes: Codes, level: str = "project", library: bool = False
) -> dict[str, Rows]:
    """Every table that carries ``doc``, as rows of column → text."""
    return {
        t.name: _rows(t, doc, mapping, codes) for t in tables_for(mapping, doc, level, library)
    }


def template_rows(doc: Document, mapping: Mapping) -> Rows:
    """The common Excel import template (``*三级绩效指标名称 … *指标值 …``) for ``doc``."""
    table = next((t for t in mapping.tables if "template" in t.kinds), None)
    if table is None:
        raise ExchangeError("对照表中没有通用导入模板")
    return _rows(table, doc, mapping, Codes())


def _rows(table: Table, doc: Document, mapping: Mapping, codes: Codes) -> Rows:
    context = Context(doc, codes, mapping)
    items: list[Any] = {
        "document": [None],
        "indicator": doc.indicators,
        "budget": doc.budget.rows if doc.budget else [],
    }[table.rows]
    return [
        {
            c.label if table.header == "label" else c.name: _cell(c, context, item)
            for c in table.columns
        }
        for item in items
    ]


@dataclass
class Context:
    """What a cell getter may read: the document, the codes given, the mapping's units."""

    doc: Document
    codes: Codes
    mapping: Mapping

    def money(self, value: Decimal | None) -> Decimal | None:
        """A document amount in the tables' unit."""
        if value is None or self.doc.budget is None:
            return value
        factor = MONEY_FACTORS.get(self.doc.budget.unit_of_money, Decimal(1))
        return value * factor / MONEY_FACTORS[self.mapping.money_unit]


def _cell(column: Column, context: Context, item: Any) -> str:
    if column.const is not None:
        return column.const
    group, _, name = column.source.partition(".")
    return text(GETTERS[group](context, item, name))


def text(value: Any) -> str:
    """A value as the tables write it: plain decimals, no exponent, no trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        plain = format(value.normalize(), "f")
        return plain
    return str(value)


def _doc_field(context: Context, _item: Any, name: str) -> Any:
    doc = context.doc
    if name == "total":
        return doc.totals.get("reported_score")
    return {"year": doc.year, "title": doc.title}.get(name)


def _indicator_field(_context: Context, ind: Indicator, name: str) -> Any:
    first = ind.targets[0] if ind.targets else None
    fields: dict[str, Any] = {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit or (first.unit if first else None),
        "lv1": ind.path[0] if ind.path else None,
        "lv2": ind.path[1] if len(ind.path) > 1 else None,
        "target": "；".join(t.raw for t in ind.targets),
        "op": OP_WORDS.get(first.op, first.op) if first else None,
        "value": first.value
        if first and first.value is not None
        else (first.raw if first else None),
        "actual": ind.actual.raw if ind.actual else None,
        "weight": ind.weight,
        "score": ind.score,
        "criteria": ind.criteria,
        "deviation": ind.deviation,
        "basis": ind.basis or None,
    }
    return fields.get(name)


def _budget_field(context: Context, row: BudgetRow, name: str) -> Any:
    if name in ("initial", "adjusted", "spent"):
        return context.money(getattr(row, name))
    return getattr(row, name, None)


FIELDS = {
    "doc": ("year", "title", "total"),
    "org": ("name", "code"),
    "indicator": (
        "id",
        "name",
        "unit",
        "lv1",
        "lv2",
        "target",
        "op",
        "value",
        "actual",
        "weight",
        "score",
        "criteria",
        "deviation",
        "basis",
    ),
    "budget": ("source", "initial", "adjusted", "spent", "rate", "weight", "score"),
}
GETTERS = {
    "doc": _doc_field,
    "org": lambda context, _item, name: getattr(context.doc.organization, name, None),
    "code": lambda context, _item, name: context.codes.values.get(name),
    "indicator": _indicator_field,
    "budget": _budget_field,
}


# --- tables → document ------------------------------------------------------------------


def from_tables(tables: dict[str, Rows], mapping: Mapping, name: str = "") -> Document:
    """Read tables written by :func:`to_tables` (or by a 一体化 system) back into a Document.

    ``tables`` maps a table name to rows keyed by column code or label. Unknown columns are
    ignored; a table the mapping does not know raises ExchangeError naming it.
    """
    known = [(mapping.table(n), rows) for n, rows in tables.items()]
    missing = [n for (t, _), n in zip(known, tables, strict=True) if t is None]
    if missing:
        raise ExchangeError(f"{name}: 对照表中没有表 {'、'.join(missing)}")
    kinds = {k for t, _ in known if t for k in t.kinds}
    kind = "self_evaluation" if "self_evaluation" in kinds else "indicator_system"
    doc = Document(kind=kind, title="", organization=Organization())
    warnings: list[str] = []
    for table, rows in known:
        assert table is not None
        for number, row in enumerate(rows, start=2):
            values = _by_source(table, row)
            where = f"{name} 表 {table.name} 第{number}行"
            _apply(doc, table.rows, values, mapping, where, warnings)
    if doc.budget:
        _budget_to_document_unit(doc, mapping)
    doc.warnings.extend(warnings)
    return doc


def _by_source(table: Table, row: dict[str, str]) -> dict[str, str]:
    """The row's cells keyed by the field they carry, whatever the header used."""
    keys = {_key(k): v for k, v in row.items()}
    values: dict[str, str] = {}
    for column in table.columns:
        for heading in (column.name, column.label):
            cell = keys.get(_key(heading))
            if cell is not None and column.source:
                values[column.source] = unquote(str(cell).strip())
                break
    return values


def _key(heading: str) -> str:
    """Headers compare without case, spaces, asterisks and full-width brackets."""
    table = str.maketrans({"（": "(", "）": ")", "*": None, " ": None, "\u3000": None})
    return heading.translate(table).upper()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?%?")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula rather than as text.

    One rule for both directions: the writers quote exactly such text (``reports.cells``) and
    :func:`unquote` removes exactly that quote on the way back, so an export imports unchanged.
    """
    return text.startswith(FORMULA_START) and not SIGNED_NUMBER.fullmatch(text)


def unquote(value: str) -> str:
    """Undo the apostrophe that an export puts before formula-leading text."""
    if value.startswith("'") and looks_like_formula(value[1:]):
        return value[1:]
    return value


def _apply(
    doc: Document,
    rows: str,
    values: dict[str, str],
    mapping: Mapping,
    where: str,
    warnings: list[str],
) -> None:
    if rows == "document":
        _apply_document(doc, values)
    elif rows == "indicator" and values.get("indicator.name"):
        doc.indicators.append(_indicator(values, len(doc.indicators) + 1, where, warnings))
    elif rows == "budget" and values.get("budget.source"):
        if doc.budget is None:
            doc.budget = Budget(unit_of_money=mapping.money_unit)
        doc.budget.rows.append(_budget_row(values, where, warnings))


def _apply_document(doc: Document, values: dict[str, str]) -> None:
    doc.title = doc.title or values.get("doc.title", "")
    doc.organization.name = doc.organization.name or values.get("org.name") or None
    year = values.get("doc.year", "")
    if year.isdigit() and doc.year is None:
        doc.year = int(year)
    code = values.get("code.AGENCY_CODE") or values.get("code.DEPT_CODE")
    doc.organization.code = doc.organization.code or code or None
    if values.get("doc.total"):
        doc.totals["reported_score"] = number(values["doc.total"], "单位自评得分", [])
        doc.totals.pop("reported_score_summed", None)  # a total the file states, not a sum


def _indicator(values: dict[str, str], order: int, where: str, warnings: list[str]) -> Indicator:
    get = values.get
    path = [p for p in (get("indicator.lv1"), get("indicator.lv2")) if p]
    unit = get("indicator.unit") or None
    ind = Indicator(
        id=get("indicator.id") or str(order),
        name=get("indicator.name", ""),
        path=path,
        unit=unit,
        weight=number(get("indicator.weight"), f"{where} 权重", warnings),
        score=number(get("indicator.score"), f"{where} 得分", warnings),
        criteria=get("indicator.criteria") or None,
        deviation=get("indicator.deviation") or None,
        basis=get("indicator.basis", ""),
    )
    ind.targets = _targets(values, unit, where, warnings)
    if get("indicator.actual"):
        raw = values["indicator.actual"]
        ind.actual = Actual(raw=raw, targets=_parse(raw, unit, where, warnings))
    return ind


def _targets(
    values: dict[str, str], unit: str | None, where: str, warnings: list[str]
) -> list[Target]:
    """The target from KPI_VAL, or from the template's 指标性质 + 指标值 + 度量单位."""
    raw = values.get("indicator.target", "")
    if not raw and values.get("indicator.value"):
        op = values.get("indicator.op", "")
        if op in ("定性", "qualitative"):
            return [Target(raw=values["indicator.value"], op="qualitative")]
        raw = f"{op}{values['indicator.value']}{unit or ''}"
    return _parse(raw, unit, where, warnings) if raw else []


def _parse(raw: str, unit: str | None, where: str, warnings: list[str]) -> list[Target]:
    try:
        found = parse_target(raw, unit=unit)
    except TargetError as exc:
        warnings.append(f"{where}: {exc}")
        return []
    return found or [Target(raw=raw, op="qualitative")]


def _budget_row(values: dict[str, str], where: str, warnings: list[str]) -> BudgetRow:
    def get(name: str, label: str) -> Decimal | None:
        return number(values.get(f"budget.{name}"), f"{where} {label}", warnings)

    return BudgetRow(
        source=values["budget.source"],
        initial=get("initial", "年初批复数"),
        adjusted=get("adjusted", "变动后预算数"),
        spent=get("spent", "全年执行数"),
        rate=get("rate", "资金执行率"),
        weight=get("weight", "权重"),
        score=get("score", "得分"),
    )


def _budget_to_document_unit(doc: Document, mapping: Mapping) -> None:
    """Amounts come in the tables' unit; documents keep 万元 as the bureaus print them."""
    assert doc.budget is not None
    factor = MONEY_FACTORS[mapping.money_unit] / MONEY_FACTORS["万元"]
    for row in doc.budget.rows:
        for name in ("initial", "adjusted", "spent"):
            value = getattr(row, name)
            if value is not None:
                setattr(row, name, value * factor)
    doc.budget.unit_of_money = "万元"


def number(value: str | None, where: str, warnings: list[str]) -> Decimal | None:
    """A number cell; text where a number is due is a warning naming the cell, never a guess."""
    if value is None or not value.strip():
        return None
    cleaned = value.strip().replace(",", "").rstrip("%")
    if len(cleaned) > 30:
        warnings.append(f"{where}: 数字过长，已忽略")
        return None
    try:
        result = Decimal(cleaned)
    except InvalidOperation:
        warnings.append(f"{where}: “{value[:30]}”不是数字，已忽略")
        return None
    return result if result.is_finite() else None
