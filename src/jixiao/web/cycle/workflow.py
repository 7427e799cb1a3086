"""The submission workflow: draft → submitted → reviewed → approved → locked, with returns.

A lower unit submits its own system; the organisation above reviews it (the city) and the one
above that approves and locks it (the province). Each step is one ``transaction.atomic``
call that checks the rights, the current state and the required texts, changes the status and
writes a :class:`Transition`. The checks (勾稽关系) run on submit; an approval over errors needs
a recorded reason. Unlocking needs a reason and the level that locked.

Four eyes (#16): whoever submitted a system cannot also review, approve or lock that
submission, so no one takes their own work from draft to locked alone; and a lock can only
be lifted by the level that set it (a city cannot unlock what the province locked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.web.adapter import document_of
from jixiao.web.cycle import audit
from jixiao.web.cycle.audit import bump, user_name
from jixiao.web.cycle.models import Action, Transition
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import can, can_above, memberships
from jixiao.web.performance.models import IndicatorSystem, Status
from jixiao.web.workbench.notices import on_transition


class WorkflowError(Exception):
    """The step is not possible now (wrong state, missing reason); the message is Chinese."""


@dataclass(frozen=True)
class Step:
    """One workflow step: the states it starts from, where it leads, the right it needs."""

    sources: frozenset[str]
    target: str
    right: str
    above: bool


EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
STEPS: dict[str, Step] = {
    Action.SUBMIT: Step(EDITABLE, Status.SUBMITTED, "submit", above=False),
    Action.REVIEW: Step(frozenset({Status.SUBMITTED}), Status.REVIEWED, "review", above=True),
    Action.APPROVE: Step(frozenset({Status.REVIEWED}), Status.APPROVED, "approve", above=True),
    Action.LOCK: Step(frozenset({Status.APPROVED}), Status.LOCKED, "approve", above=True),
    Action.RETURN: Step(
        frozenset({Status.SUBMITTED, Status.REVIEWED, Status.APPROVED}),
        Status.RETURNED,
        "review",
        above=True,
    ),
    Action.UNLOCK: Step(frozenset({Status.LOCKED}), Status.RETURNED, "unlock", above=True),
}


def approval_scope(org: Organization) -> Organization:
    """Whose superiors approve ``org``: a county is approved above its city (the province).

    A county's work is reviewed by its city and approved by the province, so approval needs a
    role above the county's parent; a city (whose parent is the province) is approved above
    itself.
    """
    parent = org.parent
    return parent if parent is not None and parent.parent_id is not None else org


def allowed_by_role(user: Any, action: str, org: Organization) -> bool:
    """True when the user's role (and place in the tree) allows ``action`` on ``org``."""
    step = STEPS[action]
    if not step.above or org.parent_id is None:
        return can(user, step.right, org)
    if action == Action.RETURN:
        return can_above(user, "review", org) or can_above(user, "approve", org)
    if action in (Action.APPROVE, Action.LOCK, Action.UNLOCK):
        return can_above(user, step.right, approval_scope(org))
    return can_above(user, step.right, org)


def available_actions(user: Any, system: IndicatorSystem) -> list[str]:
    """The steps this user may take on ``system`` in its current state."""
    return [
        action
        for action, step in STEPS.items()
        if system.status in step.sources
        and allowed_by_role(user, action, system.organization)
        and separation_refusal(user, action, system) is None
    ]


def held_back(user: Any, system: IndicatorSystem) -> list[str]:
    """Why steps the user's role allows are not offered now (the four-eyes rules)."""
    notes = []
    for action, step in STEPS.items():
        if system.status in step.sources and allowed_by_role(user, action, system.organization):
            note = separation_refusal(user, action, system)
            if note and note not in notes:
                notes.append(note)
    return notes


# Steps that judge a submission: never by the person who submitted it.
JUDGING = frozenset({Action.REVIEW, Action.APPROVE, Action.LOCK})


def separation_refusal(user: Any, action: str, system: IndicatorSystem) -> str | None:
    """The four-eyes rule ``action`` would break, in Chinese, or None.

    Applies to superusers too: an administrator's account is still one person.
    """
    label = Action(action).label
    if action in JUDGING and submitted_by(system) == getattr(user, "pk", None):
        return (
            f"四眼原则：「{system}」本次由您本人提交，不能由您本人{label}，"
            "须由另一位有权限的人员办理。"
        )
    if action == Action.UNLOCK:
        level = locked_at(system)
        if level is not None and not _covers(user, "unlock", level):
            return f"「{system}」由{level.name}锁定，只能由该单位（或其上级）的绩效管理员解锁。"
    return None


def submitted_by(system: IndicatorSystem) -> int | None:
    """The user id of the latest submission (the one now under review), if any."""
    return (
        system.transitions.filter(action=Action.SUBMIT)
        .order_by("-at", "-pk")
        .values_list("user_id", flat=True)
        .first()
    )


def locked_at(system: IndicatorSystem) -> Organization | None:
    """The organisation in whose name the current lock was set, when it can be told.

    That is the locker's membership that allowed the lock, nearest to the system. Unknown
    (None) when the locker is gone, is a superuser without membership, or has since lost the
    membership; then the role rule alone (the approving level) decides.
    """
    lock = system.transitions.filter(action=Action.LOCK).order_by("-at", "-pk").first()
    if lock is None or lock.user is None:
        return None
    scope = approval_scope(system.organization)
    able = [
        m.organization
        for m in memberships(lock.user)
        if m.allows("approve")
        and scope.is_within(m.organization)
        and (scope.pk != m.organization_id or scope.parent_id is None)
    ]
    return max(able, key=lambda org: len(org.path), default=None)


def _covers(user: Any, right: str, org: Organization) -> bool:
    """True when the user holds ``right`` at ``org`` itself or above it."""
    if getattr(user, "is_superuser", False):
        return True
    return any(m.allows(right) and org.is_within(m.organization) for m in memberships(user))


def run_system_checks(system: IndicatorSystem) -> list[dict[str, Any]]:
    """The 勾稽关系 findings of the system, as the contract's finding dicts.

    The built-in checks run with the users' own rules that apply to the system (its
    organisation's and those above it: ``jixiao.web.rules``).
    """
    from jixiao.core.checks import run_checks
    from jixiao.web.rules.checks import rules_for

    return [f.to_dict() for f in run_checks(document_of(system), extra=rules_for(system))]


def last_findings(system: IndicatorSystem) -> list[dict[str, Any]]:
    """The findings recorded by the latest submission."""
    last = system.transitions.filter(action=Action.SUBMIT).order_by("-at", "-pk").first()
    return last.findings if last else []


def errors_in(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only the findings that block approval."""
    return [f for f in findings if f.get("severity") == "error"]


def transition(
    system: IndicatorSystem, action: str, user: Any, comment: str = "", reason: str = ""
) -> Transition:
    """Take one workflow step, or raise PermissionDenied / WorkflowError saying why not."""
    if action not in STEPS:
        raise WorkflowError(f"未知的操作：{action}")
    step = STEPS[action]
    label = Action(action).label
    with transaction.atomic():
        system = IndicatorSystem.objects.select_for_update().get(pk=system.pk)
        if not allowed_by_role(user, action, system.organization):
            raise PermissionDenied(_refusal(action, system))
        if system.status not in step.sources:
            raise WorkflowError(f"当前状态为「{system.get_status_display()}」，不能{label}。")
        separation = separation_refusal(user, action, system)
        if separation:
            raise PermissionDenied(separation)
        findings = _requirements(system, action, comment.strip(), reason.strip())
        record = Transition.objects.create(
            system=system,
            action=action,
            from_status=system.status,
            to_status=step.target,
            user=user,
            user_name=user_name(user),
            comment=comment.strip(),
            reason=reason.strip(),
            findings=findings,
        )
        old_label = system.get_status_display()
        system.status = step.target
        why = reason.strip() or comment.strip()
        audit.record(system, "状态", old_label, system.get_status_display(), user, why)
        bump(system)
        system.save(update_fields=["status", "version", "updated_at"])
        on_transition(record)
    return record


def _requirements(
    system: IndicatorSystem, action: str, comment: str, reason: str
) -> list[dict[str, Any]]:
    if action == Action.SUBMIT:
        return run_system_checks(system)
    if action == Action.RETURN and not comment:
        raise WorkflowError("退回时请填写退回意见，说明需要修改的内容。")
    if action == Action.UNLOCK and not reason:
        raise WorkflowError("解锁须填写理由。")
    if action == Action.APPROVE:
        findings = run_system_checks(system)  # again: rules may have been added since
        errors = errors_in(findings)
        if errors and not reason:
            raise WorkflowError(
                f"校验发现 {len(errors)} 项错误，不能审批通过；如确需通过，请填写理由。"
            )
        return findings
    return []


def _refusal(action: str, system: IndicatorSystem) -> str:
    org = system.organization
    who = {
        Action.SUBMIT: "本单位的填报员或绩效管理员",
        Action.REVIEW: "上级单位的审核员",
        Action.APPROVE: "省级（上两级）单位的绩效管理员",
        Action.LOCK: "省级（上两级）单位的绩效管理员",
        Action.RETURN: "上级单位的审核员或绩效管理员",
        Action.UNLOCK: "锁定它的省级（上两级）单位的绩效管理员",
    }[action]
    return f"您没有权限{Action(action).label}「{org.name}」的{system.get_kind_display()}：须由{who}操作。"
