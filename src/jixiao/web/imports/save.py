"""The one way a core Document enters the database: all of it, or nothing.

The web upload, the API and the demo loader call :func:`save_document`; it runs in one
transaction, so a failure anywhere leaves no half-saved system behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import transaction

from jixiao.core.bounds import YEAR
from jixiao.core.documents import Document, document_to_dict, to_decimal
from jixiao.core.scoring.criteria import document_rates
from jixiao.web.adapter import save_scorings, scoring_columns, scoring_of, store_score
from jixiao.web.cycle.audit import update_fields
from jixiao.web.cycle.models import periods_for
from jixiao.web.library.adapter import offer_system
from jixiao.web.orgs.models import Department, Organization
from jixiao.web.performance.models import (
    KIND_FOR_DOCUMENT,
    Allocation,
    BudgetLine,
    Indicator,
    IndicatorSystem,
    Project,
    Status,
    overflowing,
)
from jixiao.web.rules.policies import policy_for

ModelT = TypeVar("ModelT")


class SaveError(Exception):
    """The document cannot be saved for the chosen organisation and year; one line."""


def save_document(
    doc: Document,
    org: Organization,
    year: int | None = None,
    user: Any = None,
    replace: bool = False,
) -> IndicatorSystem:
    """Store ``doc`` as a new indicator system of ``org`` for ``year`` in one transaction."""
    year = year or doc.year
    if not year:
        raise SaveError("文件中没有年度，请选择年度后再导入。")
    if problem := YEAR.problem(year):
        raise SaveError(problem)
    data = document_to_dict(doc)
    kind = KIND_FOR_DOCUMENT[doc.kind]
    with transaction.atomic():
        _archive_existing(org, year, kind, replace, user)
        system = IndicatorSystem(
            organization=org,
            year=year,
            kind=kind,
            doc_kind=doc.kind,
            title=doc.title[:255],
            source_file=(doc.source.file if doc.source and doc.source.file else "")[:255],
            totals=data["totals"],
            figures=data["figures"],
            tasks=data["tasks"],
            disclosure=data["disclosure"],
            warnings=data["warnings"],
            budget_weight=to_decimal(doc.budget.weight) if doc.budget else None,
            budget_score=to_decimal(doc.budget.score) if doc.budget else None,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        fitting([system])
        system.save()
        periods_for(year)  # the year's reporting periods exist once it has a system
        departments = _departments(org, data["indicators"])
        rates = document_rates(doc)
        policy = policy_for(org, year)  # the province's partial-credit bands
        rows = Indicator.objects.bulk_create(
            fitting(
                _indicator(system, n, i, departments) for n, i in enumerate(data["indicators"], 1)
            )
        )
        save_scorings(  # each row's points and typed inputs: roll-ups need no rescoring
            scoring_of(row, scoring_columns(c, rates, policy))
            for row, c in zip(rows, doc.indicators, strict=True)
        )
        Project.objects.bulk_create(
            fitting(_project(system, n, p) for n, p in enumerate(data["projects"], 1))
        )
        BudgetLine.objects.bulk_create(
            fitting(
                _budget_line(system, n, r)
                for n, r in enumerate((data["budget"] or {}).get("rows", []), 1)
            )
        )
        Allocation.objects.bulk_create(
            fitting(_allocation(system, n, a) for n, a in enumerate(data["allocations"], 1))
        )
        offer_system(system)  # every imported system offers its indicators to the library
        store_score(system)
    return system


def fitting(rows: Iterable[ModelT]) -> list[ModelT]:
    """The rows, after making sure every number fits its column; else SaveError naming it.

    A figure such as ``1e30`` in a document would be refused by PostgreSQL mid-import (a 500)
    and kept by SQLite where it broke every page; here the import stops first, saying where.
    """
    rows = list(rows)
    for row in rows:
        if problems := overflowing(row):
            where = getattr(row, "name", "") or getattr(row, "source_name", "") or str(row)
            raise SaveError(
                f"「{str(where)[:40]}」的数字超出可保存的范围：{'、'.join(problems)}。"
            )
    return rows


def _archive_existing(org: Organization, year: int, kind: str, replace: bool, user: Any) -> None:
    """Make way for a replacement: the old system is archived (kept read-only), never deleted.

    Its indicators, results, change log and workflow history stay as they were, reachable
    from the audit log; it just leaves the lists (``IndicatorSystem.objects``).
    """
    existing = IndicatorSystem.objects.select_for_update().filter(
        organization=org, year=year, kind=kind
    )
    if not existing.exists():
        return
    if not replace:
        raise SaveError(f"{org.name} {year} 年已有同类指标体系；如需替换请勾选“替换已有”。")
    if existing.exclude(status__in=[Status.DRAFT, Status.RETURNED]).exists():
        raise SaveError(f"{org.name} {year} 年的指标体系已提交或锁定，不能替换。")
    for old in existing:
        update_fields(old, {"status": Status.ARCHIVED}, user, "导入新文件替换，原指标体系归档")


def _departments(org: Organization, indicators: list[dict[str, Any]]) -> dict[str, Department]:
    names = {d for i in indicators for d in i.get("departments") or [] if d}
    found = {d.name: d for d in Department.objects.filter(organization=org, name__in=names)}
    for name in sorted(names - found.keys()):
        found[name] = Department.objects.create(organization=org, name=name[:100])
    return found


def _indicator(
    system: IndicatorSystem,
    position: int,
    data: dict[str, Any],
    depts: dict[str, Department],
) -> Indicator:
    """One row of the document."""
    targets = data.get("targets") or []
    actual = data.get("actual")
    first_dept = next((depts[d] for d in data.get("departments") or [] if d in depts), None)
    return Indicator(
        system=system,
        position=position,
        code=str(data.get("id") or "")[:32],
        path=data.get("path") or [],
        name=data.get("name") or "",
        nature=data.get("nature") or "",
        direction=(data.get("direction") or "")[:16],
        target_text="；".join(t["raw"] for t in targets if t.get("raw")),
        targets=targets,
        unit=_unit(targets),
        actual_text=(actual or {}).get("raw") or "",
        actual=actual,
        weight=to_decimal(data.get("weight")),
        score=to_decimal(data.get("score")),
        deviation=data.get("deviation") or "",
        basis=data.get("basis") or "",
        criteria=data.get("criteria") or "",
        history=data.get("history") or {},
        departments=data.get("departments") or [],
        owners=data.get("owners") or [],
        department=first_dept,
        source=data.get("source"),
    )


def _unit(targets: list[dict[str, Any]]) -> str:
    return next((t["unit"] for t in targets if t.get("unit")), "")[:32]


def _project(system: IndicatorSystem, position: int, data: dict[str, Any]) -> Project:
    return Project(
        system=system,
        position=position,
        name=data["name"][:255],
        unit_name=(data.get("unit") or "")[:255],
        available_total=to_decimal((data.get("available") or {}).get("total")),
        spent_total=to_decimal((data.get("spent") or {}).get("total")),
        available=data.get("available") or {},
        spent=data.get("spent") or {},
        rates=data.get("rates") or {},
        expenses=data.get("expenses") or {},
        unit_of_money=data.get("unit_of_money") or "万元",
        source=data.get("source"),
    )


def _budget_line(system: IndicatorSystem, position: int, data: dict[str, Any]) -> BudgetLine:
    return BudgetLine(
        system=system,
        position=position,
        source_name=(data.get("source") or "")[:64],
        **{
            k: to_decimal(data.get(k))
            for k in ("initial", "adjusted", "spent", "rate", "weight", "score")
        },
    )


def _allocation(system: IndicatorSystem, position: int, data: dict[str, Any]) -> Allocation:
    return Allocation(
        system=system,
        position=position,
        unit_name=data["unit"][:255],
        parent_name=(data.get("parent") or "")[:255],
        code=(data.get("code") or "")[:32],
        total=to_decimal(data.get("total")),
        by_project=data.get("by_project") or {},
        is_subtotal=bool(data.get("is_subtotal")),
        source=data.get("source"),
    )
