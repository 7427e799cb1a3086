"""The 项目库: propose, assess (事前绩效评估), rank, roll forward, retire, fund.

Scores and the funding order come from ``core.pipeline``. Funding makes the proposal a
``Project`` of the budget year's project-expenditure system (项目支出) of its organisation,
created when the organisation has none yet, so the funded project is monitored and
evaluated like every imported one. Each transition is one transaction.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max

from jixiao.core.pipeline import (
    CRITERIA,
    READINESS,
    AssessmentError,
    Ranked,
    assess,
    rank_proposals,
)
from jixiao.web.cycle.audit import check_version, copy_into, lock, record_created, update_fields
from jixiao.web.orgs.models import Organization
from jixiao.web.outcomes.access import InputError, check_size, year_of
from jixiao.web.outcomes.models import ProjectProposal, ProposalStatus
from jixiao.web.performance.models import IndicatorSystem, Project, SystemKind


def _decimal(text: object, label: str) -> Decimal:
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise InputError(f"{label}应为数字。") from exc
    if not value.is_finite() or value < 0:
        raise InputError(f"{label}应为不小于0的数字。")
    check_size(value, label)
    return value


@transaction.atomic
def propose(org: Organization, data: dict[str, Any], user: Any) -> ProjectProposal:
    """A new proposal for a budget year, from form or API input (amount in 万元)."""
    name = str(data.get("name") or "").strip()
    if not name:
        raise InputError("请填写项目名称。")
    year = year_of(data.get("year"), 0)
    if not year:
        raise InputError("请填写正确的预算年度。")
    readiness = str(data.get("readiness") or "partial")
    if readiness not in READINESS:
        raise InputError("项目成熟度不正确。")
    try:
        priority = int(str(data.get("priority") or 2))
    except ValueError as exc:
        raise InputError("轻重缓急不正确。") from exc
    proposal = ProjectProposal.objects.create(
        organization=org,
        year=year,
        name=name[:255],
        department=str(data.get("department") or "")[:100],
        amount=_decimal(data.get("amount") or "0", "申请金额"),
        summary=str(data.get("summary") or ""),
        priority=min(max(priority, 1), 3),
        readiness=readiness,
        created_by=user,
    )
    record_created(proposal, user, what=f"{proposal.name}（{proposal.amount}万元）")
    return proposal


@transaction.atomic
def score_assessment(
    proposal: ProjectProposal,
    points: dict[str, Any],
    user: Any = None,
    expected: int | None = None,
) -> ProjectProposal:
    """Score the ex-ante assessment; every criterion needs points within its weight."""
    current = _open(proposal, expected)
    parsed: dict[str, Decimal] = {}
    for key, label, _ in CRITERIA:
        if str(points.get(key) or "").strip():
            parsed[key] = _decimal(points[key], label)
    try:
        result = assess(parsed)
    except AssessmentError as exc:
        raise InputError(str(exc)) from exc
    values = {
        "points": {k: str(v) for k, v in result.points},
        "score": result.total,
        "conclusion": result.conclusion,
    }
    update_fields(current, values, user)
    copy_into(proposal, current)
    return proposal


def ranking(proposals: list[ProjectProposal]) -> list[tuple[Ranked, ProjectProposal]]:
    """Open proposals in the funding order, each with its model row."""
    by_key = {str(p.pk): p for p in proposals}
    return [(r, by_key[r.proposal.key]) for r in rank_proposals([p.to_core() for p in proposals])]


def _open(proposal: ProjectProposal, expected: int | None) -> ProjectProposal:
    """The proposal locked, as stored: refused if stale or no longer open."""
    current = lock(ProjectProposal, pk=proposal.pk)
    check_version(current, expected, {}, {})
    _require_open(current)
    return current


def _require_open(proposal: ProjectProposal) -> None:
    if proposal.status != ProposalStatus.PROPOSED:
        raise InputError(f"项目「{proposal.name}」{proposal.get_status_display()}，不能再操作。")


@transaction.atomic
def roll_forward(
    proposal: ProjectProposal, reason: str, user: Any = None, expected: int | None = None
) -> ProjectProposal:
    """Carry an unfunded proposal into next year's pipeline (滚动管理), keeping its score."""
    current = _open(proposal, expected)
    values = {"status": ProposalStatus.ROLLED, "status_reason": reason.strip()}
    update_fields(current, values, user, reason.strip())
    copy_into(proposal, current)
    fields = ("organization", "name", "department", "amount", "summary", "priority")
    copy = ProjectProposal(**{f: getattr(proposal, f) for f in fields})
    copy.readiness, copy.points = proposal.readiness, proposal.points
    copy.score, copy.conclusion = proposal.score, proposal.conclusion
    copy.year, copy.rolled_from, copy.created_by = proposal.year + 1, proposal, proposal.created_by
    copy.save()
    record_created(copy, user, reason.strip(), f"{copy.name}（由{proposal.year}年滚动）")
    return copy


@transaction.atomic
def retire(
    proposal: ProjectProposal, reason: str, user: Any = None, expected: int | None = None
) -> None:
    """Take a proposal out of the pipeline (退出项目库); a reason is required."""
    current = _open(proposal, expected)
    if not reason.strip():
        raise InputError("退出项目库须填写理由。")
    values = {"status": ProposalStatus.RETIRED, "status_reason": reason.strip()}
    update_fields(current, values, user, reason.strip())
    copy_into(proposal, current)


@transaction.atomic
def fund(proposal: ProjectProposal, user: Any, expected: int | None = None) -> Project:
    """Fund an eligible proposal: it becomes a Project of that year's 项目支出 system."""
    proposal = _open(proposal, expected)
    ranked = rank_proposals([proposal.to_core()])[0]
    if not ranked.eligible:
        raise InputError(f"不能安排预算：{ranked.note}。")
    system = _project_system(proposal, user)
    position = (system.projects.aggregate(m=Max("position"))["m"] or 0) + 1
    project = Project.objects.create(
        system=system,
        position=position,
        name=proposal.name,
        unit_name=proposal.department or proposal.organization.name,
        available={"special": str(proposal.amount), "total": str(proposal.amount)},
        available_total=proposal.amount,
        unit_of_money="万元",
        source={"edit": f"项目库#{proposal.pk}"},
    )
    record_created(project, user, what=f"{project.name}（{proposal.amount}万元，项目库安排）")
    update_fields(proposal, {"status": ProposalStatus.FUNDED, "project": project}, user)
    return project


def _project_system(proposal: ProjectProposal, user: Any) -> IndicatorSystem:
    """The organisation's 项目支出 system of the budget year (the newest), created if none."""
    found = (
        IndicatorSystem.objects.filter(
            organization=proposal.organization, year=proposal.year, kind=SystemKind.PROJECT
        )
        .order_by("-pk")
        .first()
    )
    if found is not None:
        return found
    system = IndicatorSystem.objects.create(
        organization=proposal.organization,
        year=proposal.year,
        kind=SystemKind.PROJECT,
        doc_kind="evaluation_report",
        title=f"{proposal.organization.name}{proposal.year}年项目支出（项目库安排）",
        created_by=user,
    )
    record_created(system, user)
    return system
