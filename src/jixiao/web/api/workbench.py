"""API routes of the workbench (工作台) and the notices (通知), for the token's own user.

The same functions as the pages (``workbench.waiting`` for the counts, ``workbench.notices``
to mark read), so a system integrating the workbench sees exactly what the person sees.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from jixiao.web.api.paging import Mapped, Pages
from jixiao.web.workbench import notices
from jixiao.web.workbench.models import Notice
from jixiao.web.workbench.waiting import Desk, counts, desks

router = Router(tags=["工作台与通知"])


class EntryOut(Schema):
    label: str
    url: str
    note: str
    late: bool


class KindOut(Schema):
    code: str
    label: str
    count: int
    late: int
    entries: list[EntryOut]


class DeskOut(Schema):
    role: str
    organization_id: int
    organization: str
    kinds: list[KindOut]


class WorkbenchOut(Schema):
    today: date
    counts: dict[str, int]
    unread_notices: int
    desks: list[DeskOut]


class NoticeOut(Schema):
    id: int
    kind: str
    kind_label: str
    organization_id: int
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None


class ReadAllOut(Schema):
    read: int


def desk_out(desk: Desk) -> dict[str, Any]:
    kinds = [
        {
            "code": k.code,
            "label": k.label,
            "count": k.count,
            "late": k.late,
            "entries": [e.__dict__ for e in k.entries],
        }
        for k in desk.kinds
    ]
    return {
        "role": desk.role,
        "organization_id": desk.org.pk,
        "organization": desk.org.name,
        "kinds": kinds,
    }


def notice_out(n: Notice) -> dict[str, Any]:
    return {
        "id": n.pk,
        "kind": n.kind,
        "kind_label": n.get_kind_display(),
        "organization_id": n.organization_id,
        "title": n.title,
        "body": n.body,
        "link": n.link,
        "created_at": n.created_at,
        "read_at": n.read_at,
    }


@router.get(
    "/workbench",
    response=WorkbenchOut,
    summary="工作台：调用者各角色的待办事项（计数、逐项链接、按工作日倒计时）",
)
def workbench(request: HttpRequest) -> Any:
    today = timezone.localdate()
    found = desks(request.user, today)
    return {
        "today": today,
        "counts": counts(found),
        "unread_notices": notices.unread_count(request.user),
        "desks": [desk_out(d) for d in found],
    }


@router.get("/notices", response=list[NoticeOut], summary="调用者的通知（新的在前）")
@paginate(Pages, page_size=50)
def list_notices(request: HttpRequest, unread: bool = False) -> Any:
    rows = Notice.objects.filter(user=request.user)
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return Mapped(rows, notice_out)


@router.post("/notices/{notice_id}/read", response=NoticeOut, summary="将一条通知标为已读")
def read_notice(request: HttpRequest, notice_id: int) -> Any:
    notice = get_object_or_404(Notice, pk=notice_id, user=request.user)
    notices.mark_read(notice, request.user)
    return notice_out(notice)


@router.post("/notices/read-all", response=ReadAllOut, summary="将全部未读通知标为已读")
def read_all(request: HttpRequest) -> Any:
    return {"read": notices.mark_all_read(request.user)}
