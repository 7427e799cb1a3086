"""Deadline notices (即将到期, 已逾期) for the current step, run daily by a scheduler.

For each province's deadline whose step is current, the units still missing values for the
step (or, at the year's final step, still not submitted) are told when the 填报截止 is a few
working days away or has passed; when the 审核时限 is near or passed, the reviewers (for
submitted systems) and the approvers (for reviewed ones) are told. Every notice carries a key
(kind, deadline, system, date): running the command twice, or every day, never repeats one;
a changed date is a new deadline and is told again.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse

from jixiao.core import deadlines as core
from jixiao.web.orgs.models import Membership
from jixiao.web.performance.models import IndicatorSystem, Status
from jixiao.web.workbench.deadlines import current_step
from jixiao.web.workbench.models import Notice, NoticeKind, StepDeadline
from jixiao.web.workbench.notices import Draft, desk_after, roles_with, send
from jixiao.web.workbench.waiting import behind

KIND = {core.SOON: NoticeKind.DUE_SOON, core.OVERDUE: NoticeKind.OVERDUE}


def holders_by_org(org_ids: set[int], right: str) -> dict[int, set[int]]:
    """The users with ``right`` at each organisation (one query for all)."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = Membership.objects.filter(organization_id__in=org_ids, role__in=roles_with(right))
    for org_id, user_id in rows.values_list("organization_id", "user_id"):
        found[org_id].add(user_id)
    return found


def deadline_notices(today: date) -> list[Notice]:
    """Send the due-soon and overdue notices of every current step; returns the new ones."""
    made: list[Notice] = []
    for deadline in StepDeadline.objects.select_related("organization", "period"):
        step = current_step(deadline.organization, deadline.period.year, today)
        if step is None or step.deadline is None or step.deadline.pk != deadline.pk:
            continue
        with transaction.atomic():
            made += _fill_notices(deadline, today)
            made += _review_notices(deadline, today)
    return made


def _systems(deadline: StepDeadline) -> Any:
    return IndicatorSystem.objects.filter(
        organization__path__startswith=deadline.organization.path, year=deadline.period.year
    ).select_related("organization__parent")


def _fill_notices(deadline: StepDeadline, today: date) -> list[Notice]:
    left = core.countdown(deadline.submit_by, today)
    if left.state not in KIND:
        return []
    period = deadline.period
    rows = list(behind(_systems(deadline), period))
    users = holders_by_org({s.organization_id for s in rows}, "submit")
    made = []
    for s in rows:
        what = f"还有{s.missing}个指标未填报{period.name}" if s.missing else "尚未提交"
        link = reverse("results_grid", args=[s.pk]) + f"?period={period.pk}"
        key = f"{left.state}:fill:{deadline.pk}:{s.pk}:{deadline.submit_by:%Y%m%d}"
        title = f"「{s}」{what}，填报截止{left.text}"
        made += send(
            Draft(KIND[left.state], s.organization, title, "", link, key), users[s.organization_id]
        )
    return made


def _review_notices(deadline: StepDeadline, today: date) -> list[Notice]:
    if deadline.review_by is None:
        return []
    left = core.countdown(deadline.review_by, today)
    if left.state not in KIND:
        return []
    rows = list(_systems(deadline).filter(status__in=[Status.SUBMITTED, Status.REVIEWED]))
    desks = {s.pk: desk_after(s.organization, _last_step(s)) for s in rows}
    reviewers = holders_by_org(
        {desks[s.pk] for s in rows if s.status == Status.SUBMITTED}, "review"
    )
    approvers = holders_by_org(
        {desks[s.pk] for s in rows if s.status == Status.REVIEWED}, "approve"
    )
    made = []
    for s in rows:
        users = (reviewers if s.status == Status.SUBMITTED else approvers)[desks[s.pk]]
        step = "审核" if s.status == Status.SUBMITTED else "审批"
        key = f"{left.state}:review:{deadline.pk}:{s.pk}:{s.status}:{deadline.review_by:%Y%m%d}"
        title = f"「{s}」待{step}，审核时限{left.text}"
        link = reverse("system_detail", args=[s.pk])
        made += send(Draft(KIND[left.state], s.organization, title, "", link, key), users)
    return made


def _last_step(system: IndicatorSystem) -> str:
    """The step that brought a waiting system to its state (submit or review)."""
    return "submit" if system.status == Status.SUBMITTED else "review"
