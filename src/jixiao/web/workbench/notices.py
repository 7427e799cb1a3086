"""In-app notices (通知) when work lands on someone's desk, and their e-mail.

Notices are written where the thing happens: each workflow step (``cycle.workflow``) tells
the people whose desk it lands on (submitted → the reviewers above; reviewed → the
approvers; returned, approved, locked, unlocked → the unit), inside the step's transaction,
so a refused step leaves no notice. Deadline notices (due soon, overdue) come from the
``send_deadline_notices`` command, which a scheduler runs daily; each carries a key so that a
second run sends nothing twice. E-mail goes through Django's e-mail backend once the
transaction has committed, only where ``settings.NOTICE_EMAIL`` is on (an SMTP host is
configured, docs/install.md), and only to people with an address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from jixiao.web.cycle.audit import update_fields
from jixiao.web.orgs.models import ROLE_ACTIONS, Membership, Organization
from jixiao.web.workbench.models import Notice, NoticeKind


@dataclass(frozen=True)
class Draft:
    """A notice before it has recipients: what, about which unit, where to act."""

    kind: str
    org: Organization
    title: str
    body: str = ""
    link: str = ""
    key: str = ""


def roles_with(right: str) -> list[str]:
    """The roles that carry ``right`` (``ROLE_ACTIONS``)."""
    return [role for role, rights in ROLE_ACTIONS.items() if right in rights]


def holders(org_ids: Iterable[int], right: str) -> set[int]:
    """Users with ``right`` through a membership at one of ``org_ids`` (one query)."""
    return set(
        Membership.objects.filter(
            organization_id__in=list(org_ids), role__in=roles_with(right)
        ).values_list("user_id", flat=True)
    )


def send(draft: Draft, users: Iterable[int]) -> list[Notice]:
    """Create the notice for each user (skipping keys they already have); e-mail on commit."""
    users = set(users)
    if draft.key:
        users -= set(
            Notice.objects.filter(key=draft.key, user_id__in=users).values_list(
                "user_id", flat=True
            )
        )
    made = Notice.objects.bulk_create(
        [
            Notice(
                user_id=u,
                organization=draft.org,
                kind=draft.kind,
                title=draft.title[:255],
                body=draft.body,
                link=draft.link[:255],
                key=draft.key[:120],
            )
            for u in sorted(users)
        ]
    )
    if made and getattr(settings, "NOTICE_EMAIL", False):
        ids = [n.user_id for n in made]
        transaction.on_commit(lambda: mail(draft, ids))
    return made


def mail(draft: Draft, user_ids: list[int]) -> int:
    """E-mail one notice to those of ``user_ids`` with an address; returns how many went."""
    from django.contrib.auth import get_user_model

    addresses = list(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not addresses:
        return 0
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    text = "\n\n".join(
        x for x in (draft.body, f"办理地址：{base}{draft.link}" if draft.link else "") if x
    )
    messages = [(f"[JiXiao] {draft.title}", text or draft.title, None, [a]) for a in addresses]
    return send_mass_mail(messages, fail_silently=True)


# What each workflow step means for whom: (notice kind, title, the right of the recipients).
ON_STEP = {
    "submit": (NoticeKind.SUBMITTED, "「{system}」已提交，待您审核", "review"),
    "review": (NoticeKind.REVIEWED, "「{system}」已审核，待您审批", "approve"),
    "return": (NoticeKind.RETURNED, "「{system}」被退回，请修改后重新提交", "submit"),
    "approve": (NoticeKind.APPROVED, "「{system}」已审批通过", "submit"),
    "lock": (NoticeKind.LOCKED, "「{system}」已锁定", "submit"),
    "unlock": (NoticeKind.UNLOCKED, "「{system}」已解锁，可修改后重新提交", "submit"),
}


def desk_after(org: Organization, action: str) -> int:
    """The organisation whose people act next after ``action`` on a system of ``org``.

    A submission is reviewed by the level above (the top level reviews its own); a reviewed
    system is approved above its approval scope (``cycle.workflow.approval_scope``); every
    other step hands the system back to the unit.
    """
    from jixiao.web.cycle.workflow import approval_scope

    if action == "submit":
        return org.parent_id or org.pk
    if action == "review":
        return approval_scope(org).parent_id or org.pk
    return org.pk


def on_transition(record: Any) -> list[Notice]:
    """Tell the people whose desk a workflow step lands on (never the person who took it)."""
    system = record.system
    org = system.organization
    kind, title, right = ON_STEP[record.action]
    desk = [desk_after(org, record.action)]
    users = holders(desk, right)
    if right == "submit":
        users |= _submitters(system)
    users.discard(record.user_id)
    who = record.user_name or "系统"
    text = record.comment or record.reason
    body = f"{who}{record.get_action_display()}" + (f"：{text}" if text else "。")
    draft = Draft(
        kind, org, title.format(system=system), body, reverse("system_detail", args=[system.pk])
    )
    return send(draft, users)


def _submitters(system: Any) -> set[int]:
    """Whoever submitted the system: the returned work lands back on their desk."""
    return {
        u
        for u in system.transitions.filter(action="submit").values_list("user_id", flat=True)
        if u is not None
    }


def unread(user: Any) -> QuerySet[Notice]:
    """The user's unread notices."""
    return Notice.objects.filter(user=user, read_at__isnull=True)


def unread_count(user: Any) -> int:
    """How many notices the user has not read (the header badge)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return unread(user).count()


def mark_read(notice: Notice, user: Any) -> None:
    """Mark one of the user's notices read (audited; reading twice changes nothing)."""
    if notice.read_at is None:
        update_fields(notice, {"read_at": timezone.now()}, user, labels={"read_at": "已读"})


def mark_all_read(user: Any) -> int:
    """Mark every unread notice of the user read; returns how many."""
    rows = list(unread(user))
    for notice in rows:
        mark_read(notice, user)
    return len(rows)
