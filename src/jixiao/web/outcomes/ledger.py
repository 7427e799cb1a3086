"""The 整改台账: items from an evaluation's findings or a report's problems, and their updates.

Problems are split by ``core.rectification`` (the same for any report of this kind); the
rules for status and closing live there too. Creating items from one source is one
transaction and never duplicates: a problem already in the ledger for the same
organisation and year is skipped, so pressing the button twice does no harm.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from jixiao.core.rectification import (
    CLOSED,
    Problem,
    RectificationError,
    check_status_change,
    problem_from_deduction,
    problem_from_finding,
    problems_from_figures,
)
from jixiao.web.cycle.audit import check_version, copy_into, lock, record_created, update_fields
from jixiao.web.cycle.models import Evaluation
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import can
from jixiao.web.outcomes.access import InputError
from jixiao.web.outcomes.evidence import check_evidence
from jixiao.web.outcomes.models import RectificationItem
from jixiao.web.performance.models import IndicatorSystem

EDITABLE_FIELDS = ("measure", "owner", "deadline", "status")

# Why a user who may only look at the ledger sees no form (#18: the form just vanished).
CANNOT_REGISTER = (
    "您的角色只能查看整改台账。整改事项由本单位填报人、管理员或评价人登记；"
    "整改措施、时限和佐证材料由被评价单位填写。"
)


def may_register(user: Any, org: Organization) -> bool:
    """Who may put a problem on the ledger: the unit itself, or whoever evaluates it.

    An evaluator finds the problems, so registering them is part of evaluating; updating an
    item (measure, deadline, evidence) stays with the unit (``edit``).
    """
    return can(user, "edit", org) or can(user, "evaluate", org)


def require_register(user: Any, org: Organization) -> None:
    """Raise PermissionDenied with the reason unless :func:`may_register` allows it."""
    if not may_register(user, org):
        raise PermissionDenied(f"您没有权限为「{org.name}」登记整改事项。{CANNOT_REGISTER}")


def _add(problems: list[Problem], base: dict[str, Any]) -> list[RectificationItem]:
    known = set(
        RectificationItem.objects.filter(
            organization=base["organization"], year=base["year"]
        ).values_list("problem", flat=True)
    )
    items = [
        RectificationItem(area=p.area[:100], problem=p.problem, cause=p.cause, **base)
        for p in problems
        if p.problem and p.problem not in known
    ]
    created = RectificationItem.objects.bulk_create(items)
    for item in created:  # bulk_create sets the keys (SQLite ≥ 3.35, PostgreSQL)
        record_created(item, base.get("created_by"), what=item.problem[:200])
    return created


@transaction.atomic
def items_from_system(system: IndicatorSystem, user: Any) -> list[RectificationItem]:
    """Ledger items from the problems (存在的问题) of an imported evaluation report."""
    problems = problems_from_figures(system.figures or [])
    if not problems:
        raise InputError("该文件中没有识别出“存在的问题”章节。")
    base = {
        "organization": system.organization,
        "year": system.year,
        "system": system,
        "created_by": user,
    }
    return _add(problems, base)


DEDUCTION_FINDINGS = frozenset({"score.missing_deviation"})


def evaluation_problems(evaluation: Evaluation) -> list[Problem]:
    """What an evaluation found: indicators that lost points, then check errors and warnings.

    Notes (提示, e.g. weights printed rounded) ask for nothing to be fixed and stay out, and
    so does "score under the weight without a reason" (``DEDUCTION_FINDINGS``): the deduction
    itself is already the item, once.
    """
    found = []
    for row in evaluation.scores.select_related("indicator"):
        points = row.adjusted if row.adjusted is not None else row.computed
        reason = row.reason or row.trace
        problem = problem_from_deduction(row.indicator.name, row.indicator.weight, points, reason)
        if problem is not None:
            found.append(problem)
    serious = [
        f
        for f in evaluation.findings
        if f.get("severity") in {"error", "warning"} and f.get("rule") not in DEDUCTION_FINDINGS
    ]
    return found + [problem_from_finding(f) for f in serious]


@transaction.atomic
def items_from_evaluation(evaluation: Evaluation, user: Any) -> list[RectificationItem]:
    """Ledger items from an evaluation's problems (see :func:`evaluation_problems`)."""
    problems = evaluation_problems(evaluation)
    if not problems:
        notes = len(evaluation.findings)
        raise InputError(
            "此次评价没有扣分的指标，校验也没有错误或警告"
            + (f"（{notes} 项提示无需整改）" if notes else "")
            + "；如有其他问题，请在下方“手工登记”。"
        )
    system = evaluation.system
    base = {
        "organization": system.organization,
        "year": system.year,
        "system": system,
        "evaluation": evaluation,
        "created_by": user,
    }
    return _add(problems, base)


@transaction.atomic
def add_item(org: Organization, year: int, fields: dict[str, Any], user: Any) -> RectificationItem:
    """Register one ledger item typed by a person (page or API), logged as created."""
    item = RectificationItem.objects.create(
        organization=org,
        year=year,
        area=str(fields.get("area") or "")[:100],
        problem=str(fields.get("problem") or "").strip(),
        cause=str(fields.get("cause") or ""),
        measure=str(fields.get("measure") or ""),
        owner=str(fields.get("owner") or "")[:100],
        deadline=fields.get("deadline"),
        created_by=user,
    )
    record_created(item, user, what=item.problem[:200])
    return item


def parse_deadline(text: str) -> date | None:
    """A deadline typed as 2024-06-30 (the date input's format); empty means none."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"整改时限「{text}」不是有效日期，请按 2024-06-30 填写。") from exc


@transaction.atomic
def update_item(
    item: RectificationItem,
    values: dict[str, Any],
    upload: UploadedFile | None,
    user: Any = None,
    expected: int | None = None,
) -> RectificationItem:
    """Change measure, owner, deadline, status and evidence; closing needs evidence.

    Read under a row lock, version-checked and logged field by field.
    """
    current = lock(RectificationItem, pk=item.pk)
    changes: dict[str, Any] = {}
    if upload is not None:
        check_evidence(upload)
        changes["evidence"] = upload
    for field in EDITABLE_FIELDS:
        if field in values and values[field] is not None:
            value = values[field]
            changes[field] = parse_deadline(value) if field == "deadline" else value
    check_version(current, expected, changes, {})
    status = changes.get("status", current.status)
    try:
        check_status_change(status, bool(changes.get("evidence") or current.evidence))
    except RectificationError as exc:
        raise InputError(str(exc)) from exc
    if status != CLOSED:
        changes["closed_at"] = None
    elif current.closed_at is None:
        changes["closed_at"] = timezone.now()
    update_fields(current, changes, user, quiet=("closed_at",))
    copy_into(item, current)
    return item


def carried_into(org_path: str, year: int) -> Any:
    """Items of earlier years at or below an organisation that are still not closed."""
    return RectificationItem.objects.filter(
        organization__path__startswith=org_path, year__lt=year
    ).exclude(status=CLOSED)
