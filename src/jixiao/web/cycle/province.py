"""A province-wide (or one unit's) export: every self-evaluation table and the evaluation reports.

An officer at any level exports, for one year, the 部门整体支出绩效自评表 of every unit at and
below an organisation into one workbook (``reports.province.province_workbook``: a summary
sheet, a sheet per unit) and, bundled with it in a .zip, the evaluation reports (项目支出绩效
评价报告) of that subtree as .docx. Only systems the user may see are included — the same
``visible_systems`` scoping as every page — and the documents are read from the database in
batches, so a province of 137 units never sits in memory at once.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from jixiao.core.documents import Document
from jixiao.web.adapter import document_of
from jixiao.web.cycle.access import visible_systems
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem, SystemKind

BATCH = 40
RELATED = ("indicators", "projects", "budget_lines", "allocations")


def scope(user: Any, org: Organization, year: int, kind: str) -> Any:
    """The user's visible systems of ``kind`` at and below ``org`` for ``year``."""
    return (
        visible_systems(user)
        .filter(organization__path__startswith=org.path, year=year, kind=kind)
        .order_by("organization__path", "pk")
    )


def years_of(user: Any, org: Organization) -> list[int]:
    """Years with a self-evaluation or an evaluation report at or below ``org``."""
    kinds = (SystemKind.OVERALL, SystemKind.PROJECT)
    systems = visible_systems(user).filter(organization__path__startswith=org.path, kind__in=kinds)
    return list(systems.order_by("-year").values_list("year", flat=True).distinct())


def documents(systems: Any) -> Iterator[Document]:
    """The systems as core documents, fetched ``BATCH`` at a time with their rows."""
    ids = list(systems.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        found = IndicatorSystem.objects.filter(pk__in=chunk).select_related("organization")
        by_id = {s.pk: s for s in found.prefetch_related(*RELATED)}
        for pk in chunk:
            yield document_of(by_id[pk])


def workbook_title(org: Organization, year: int) -> str:
    """The summary sheet's title."""
    return f"{org.name}{year}年度部门整体支出绩效自评汇总表"


def workbook_bytes(user: Any, org: Organization, year: int) -> bytes:
    """Every visible self-evaluation table at and below ``org`` in one workbook."""
    from jixiao.reports.province import province_workbook

    systems = scope(user, org, year, SystemKind.OVERALL)
    return province_workbook(documents(systems), workbook_title(org, year))


def reports_title(org: Organization, year: int) -> str:
    """The summary title of a package that holds evaluation reports and no self-evaluation."""
    return f"{org.name}{year}年度项目支出绩效评价汇总表"


def package_bytes(user: Any, org: Organization, year: int) -> bytes:
    """A .zip of a workbook and each evaluation report of the subtree (.docx).

    The workbook is always there, as the page's "工作簿 + N 份评价报告" promises (#18): the
    self-evaluation tables when the subtree has any, else the evaluation reports themselves
    (a summary sheet of their scores, grades and money, then one sheet per report).
    Raises ExportError when the subtree has neither for ``year``.
    """
    from jixiao.reports import ExportError
    from jixiao.reports.province import province_workbook
    from jixiao.web.cycle.exports import export_bytes, export_name

    reports = list(scope(user, org, year, SystemKind.PROJECT))
    has_tables = scope(user, org, year, SystemKind.OVERALL).exists()
    if not reports and not has_tables:
        raise ExportError(f"{org.name}及下级单位{year}年没有自评表或评价报告可导出。")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        if has_tables:
            name = f"{workbook_title(org, year)}.xlsx"
            bundle.writestr(name, workbook_bytes(user, org, year))
        else:
            title = reports_title(org, year)
            workbook = province_workbook(
                documents(scope(user, org, year, SystemKind.PROJECT)), title
            )
            bundle.writestr(f"{title}.xlsx", workbook)
        for system in reports:
            bundle.writestr(export_name(system, "docx"), export_bytes(system, "docx"))
    return out.getvalue()
