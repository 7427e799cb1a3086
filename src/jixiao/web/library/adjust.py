"""绩效目标调整 in the year: request, approval by the level above, the target on a date.

An approved adjustment rewrites the indicator's target through the audited path
(``cycle.audit.update_fields``, which also rescores it), and keeps the 调整前 target with its
approval date, so monitoring judges a date before the approval against the old target and
the approval day and later against the new one (``jixiao.core.adjustments``). Today's date
is always passed in by the caller, never read here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jixiao.core.adjustments import Adjustment, reminder, targets_on, window_state
from jixiao.web.cycle.audit import record, update_fields
from jixiao.web.cycle.parsing import parse_text
from jixiao.web.library.models import AdjustmentStatus, AdjustmentWindow, TargetAdjustment
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import can_above, department_ids, memberships, require
from jixiao.web.performance.models import Indicator, Status

#: Only targets already set (approved or locked) are adjusted; drafts are simply edited.
ADJUSTABLE = frozenset({Status.APPROVED, Status.LOCKED})


class AdjustmentError(Exception):
    """The adjustment cannot be made now (window, state, missing text); Chinese message."""


def window_for(org: Organization, year: int) -> AdjustmentWindow | None:
    """The window that applies to ``org``: its own or the nearest one above it."""
    ids = [int(x) for x in org.path.strip("/").split("/") if x]
    found = {
        w.organization_id: w
        for w in AdjustmentWindow.objects.filter(organization_id__in=ids, year=year)
    }
    return next((found[i] for i in reversed(ids) if i in found), None)


def request_adjustment(
    indicator: Indicator, user: Any, after_text: str, reason: str, today: date
) -> TargetAdjustment:
    """The unit asks to change one target; checked against the state and the window."""
    system = indicator.system
    require(user, "edit", system.organization)
    limits = department_ids(user, system.organization)
    if limits is not None and indicator.department_id not in limits:
        raise PermissionDenied(
            f"您只能申请调整本处室负责的指标；「{indicator.name[:30]}」由其他处室负责。"
        )
    after_text, reason = after_text.strip(), reason.strip()
    if system.status not in ADJUSTABLE:
        raise AdjustmentError(
            f"「{system}」当前为「{system.get_status_display()}」，目标尚未批复，请直接修改，无需调整申请。"
        )
    if not after_text or not reason:
        raise AdjustmentError("请填写调整后的目标值和调整说明。")
    window = window_for(system.organization, system.year)
    if window and window_state(window.opens_on, window.closes_on, today) != "open":
        raise AdjustmentError(
            f"{system.year}年绩效目标调整时间为{_span(window)}，当前不在调整时间内。"
        )
    if indicator.adjustments.filter(status=AdjustmentStatus.PENDING).exists():
        raise AdjustmentError(f"「{indicator.name[:30]}」已有待审批的调整申请。")
    after = parse_text(after_text, indicator.direction, indicator.unit)
    with transaction.atomic():
        adjustment = TargetAdjustment.objects.create(
            indicator=indicator,
            organization=system.organization,
            before_text=indicator.target_text,
            before_targets=indicator.targets,
            after_text=after_text,
            after_targets=after,
            reason=reason,
            requested_by=user,
        )
        record(adjustment, "目标调整申请", indicator.target_text, after_text, user, reason)
    return adjustment


def _span(window: AdjustmentWindow) -> str:
    start = f"{window.opens_on:%Y年%m月%d日}至" if window.opens_on else "截至"
    return f"{start}{window.closes_on:%Y年%m月%d日}"


def may_decide(user: Any, adjustment: TargetAdjustment) -> bool:
    """The level above with the approve right decides; never the person who asked."""
    return (
        adjustment.status == AdjustmentStatus.PENDING
        and can_above(user, "approve", adjustment.organization)
        and adjustment.requested_by_id != getattr(user, "pk", None)
    )


def check_approval_date(adjustment: TargetAdjustment, approved_on: date, today: date) -> None:
    """The 批复日期 lies in the target's year, not before the request and not in the future."""
    year = adjustment.indicator.system.year
    asked = timezone.localdate(adjustment.requested_at)
    if approved_on > today:
        raise AdjustmentError(f"批复日期{approved_on:%Y-%m-%d}晚于今天，不能预先批复。")
    if approved_on < asked:
        raise AdjustmentError(f"批复日期{approved_on:%Y-%m-%d}早于申请日期{asked:%Y-%m-%d}。")
    if approved_on.year != year:
        raise AdjustmentError(f"批复日期{approved_on:%Y-%m-%d}不在{year}年度内。")


def decide(
    adjustment: TargetAdjustment,
    user: Any,
    approve: bool,
    opinion: str,
    approved_on: date,
    today: date,
) -> TargetAdjustment:
    """Approve (the new target applies from ``approved_on``, the 批复日期) or refuse; audited."""
    if adjustment.requested_by_id == getattr(user, "pk", None):
        raise PermissionDenied("四眼原则：调整申请不能由申请人本人审批。")
    if not can_above(user, "approve", adjustment.organization):
        raise PermissionDenied(
            f"只有「{adjustment.organization.name}」上级单位的绩效管理员可以审批目标调整。"
        )
    opinion = opinion.strip()
    if not approve and not opinion:
        raise AdjustmentError("不批准调整时请填写审批意见。")
    if approve:
        check_approval_date(adjustment, approved_on, today)
    with transaction.atomic():
        adjustment = TargetAdjustment.objects.select_for_update().get(pk=adjustment.pk)
        if adjustment.status != AdjustmentStatus.PENDING:
            raise AdjustmentError("该调整申请已审批。")
        adjustment.status = AdjustmentStatus.APPROVED if approve else AdjustmentStatus.REJECTED
        adjustment.decided_by, adjustment.decided_at, adjustment.opinion = (
            user,
            timezone.now(),
            opinion,
        )
        adjustment.effective_on = approved_on if approve else None
        adjustment.save()
        indicator = adjustment.indicator
        decision = f"批准（{approved_on:%Y-%m-%d}起执行）" if approve else "不批准"
        record(adjustment, "调整审批", "待审批", decision, user, opinion)
        if approve:
            update_fields(
                indicator,
                {"target_text": adjustment.after_text, "targets": adjustment.after_targets},
                user,
                f"目标调整（{approved_on:%Y-%m-%d}起）：{adjustment.reason}",
            )
        else:
            record(adjustment, "目标调整未批准", adjustment.after_text, "", user, opinion)
    return adjustment


def in_force(indicator: Indicator, day: date) -> tuple[str, list[dict[str, Any]]]:
    """The indicator's target (text, parsed) in force on ``day``; monitoring reads this."""
    approved = [
        Adjustment(
            a.effective_on, (a.before_text, a.before_targets), (a.after_text, a.after_targets)
        )
        for a in indicator.adjustments.all()  # prefetched by record_many
        if a.status == AdjustmentStatus.APPROVED and a.effective_on is not None
    ]
    return targets_on((indicator.target_text, indicator.targets), approved, day)


def targets_on_date(indicator: Indicator, day: date) -> list[dict[str, Any]]:
    """The parsed targets in force on ``day`` (what the monitoring light is judged against)."""
    return in_force(indicator, day)[1]


def reminders(user: Any, today: date) -> list[str]:
    """Reminders for the windows of the user's units that close soon (shown on the pages)."""
    texts = []
    for membership in memberships(user):
        if not membership.allows("edit"):
            continue
        window = window_for(membership.organization, today.year)
        if window is None:
            continue
        text = reminder(window.closes_on, today, window.remind_days)
        if text and text not in texts:
            texts.append(text)
    return texts


def due_reminders(today: date) -> list[tuple[AdjustmentWindow, str, list[Any]]]:
    """Each window that closes within its lead time: its text and the users to remind.

    The users are those who may edit at the window's organisation or below it and have no
    pending request yet; the management command sends them the text.
    """
    from jixiao.web.orgs.models import Membership

    found = []
    for window in AdjustmentWindow.objects.select_related("organization"):
        text = reminder(window.closes_on, today, window.remind_days)
        if text is None:
            continue
        members = Membership.objects.filter(
            organization__path__startswith=window.organization.path
        ).select_related("user")
        users = {m.user.pk: m.user for m in members if m.allows("edit") and m.user.is_active}
        found.append((window, text, list(users.values())))
    return found
