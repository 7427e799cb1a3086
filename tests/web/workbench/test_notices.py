"""Notices (通知): where work lands, read and unread, e-mail, and the idempotent deadline run."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from jixiao.web.cycle.models import Change, periods_for
from jixiao.web.cycle.workflow import transition
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.workbench.models import Notice, NoticeKind, StepDeadline
from tests.web.conftest import World, login

pytestmark = pytest.mark.django_db


def notices_of(world: World, persona: str) -> list[tuple[str, str]]:
    return [
        (n.kind, n.title) for n in Notice.objects.filter(user=world.users[persona]).order_by("pk")
    ]


def test_each_step_lands_on_the_right_desk_and_never_on_the_actor(
    world: World, county_system: IndicatorSystem
) -> None:
    u = world.users
    transition(county_system, "submit", u["clerk"])
    assert [k for k, _ in notices_of(world, "reviewer")] == [NoticeKind.SUBMITTED]
    assert notices_of(world, "city_officer")  # a city officer may review too
    assert not notices_of(world, "clerk") and not notices_of(world, "other_clerk")
    transition(county_system, "review", u["reviewer"])
    assert [k for k, _ in notices_of(world, "officer")] == [NoticeKind.REVIEWED]
    assert not notices_of(world, "outsider")
    transition(county_system, "return", u["officer"], comment="佐证材料不全")
    (returned,) = Notice.objects.filter(user=u["clerk"])
    assert returned.kind == NoticeKind.RETURNED
    assert "佐证材料不全" in returned.body and returned.link == f"/systems/{county_system.pk}/"
    assert not Notice.objects.filter(user=u["officer"], kind=NoticeKind.RETURNED).exists()


def test_approved_and_locked_tell_the_unit(world: World, county_system: IndicatorSystem) -> None:
    u = world.users
    for action, who in (("submit", "clerk"), ("review", "reviewer"), ("approve", "officer")):
        transition(county_system, action, u[who])
    transition(county_system, "lock", u["officer"])
    kinds = [k for k, _ in notices_of(world, "clerk")]
    assert kinds == [NoticeKind.APPROVED, NoticeKind.LOCKED]


def test_a_refused_step_leaves_no_notice(world: World, county_system: IndicatorSystem) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        transition(county_system, "submit", world.users["other_clerk"])
    assert not Notice.objects.exists()


def test_notices_are_mailed_after_commit_only_where_email_is_configured(
    world: World,
    county_system: IndicatorSystem,
    settings: object,
    django_capture_on_commit_callbacks: object,
) -> None:
    world.users["reviewer"].email = "shenhe@example.cn"
    world.users["reviewer"].save()
    settings.SITE_URL = "https://jx.example.cn"
    with django_capture_on_commit_callbacks(execute=True):
        transition(county_system, "submit", world.users["clerk"])
    assert mail.outbox == []  # no e-mail host configured: in-app only
    settings.NOTICE_EMAIL = True
    transition(county_system, "return", world.users["reviewer"], comment="退回重填")
    with django_capture_on_commit_callbacks(execute=True):
        transition(county_system, "submit", world.users["clerk"])
    (sent,) = mail.outbox
    assert sent.to == ["shenhe@example.cn"]
    assert "待您审核" in sent.subject
    assert f"https://jx.example.cn/systems/{county_system.pk}/" in sent.body


def test_the_header_counts_unread_and_opening_a_notice_marks_it_read_and_audits_it(
    world: World, county_system: IndicatorSystem, client: Client
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    login(client, "reviewer")
    page = client.get("/notices/").content.decode()
    assert 'id="nav-notices"' in page and "未读通知" in page
    notice = Notice.objects.get(user=world.users["reviewer"])
    response = client.post(f"/notices/{notice.pk}/open/")
    assert response.status_code == 302 and response["Location"] == notice.link
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert Change.objects.filter(object_type="workbench.notice", object_id=str(notice.pk)).exists()
    assert "未读通知" not in client.get("/notices/").content.decode()


def test_nobody_opens_or_reads_another_persons_notice(
    world: World, county_system: IndicatorSystem, client: Client
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    notice = Notice.objects.get(user=world.users["reviewer"])
    login(client, "city_officer")
    assert client.post(f"/notices/{notice.pk}/open/").status_code == 404
    assert (
        notice.title not in client.get("/notices/").content.decode()
        or Notice.objects.filter(user=world.users["city_officer"], title=notice.title).exists()
    )
    client.post("/notices/read-all/")
    notice.refresh_from_db()
    assert notice.read_at is None


def test_the_deadline_command_sends_due_soon_and_overdue_once(
    world: World, county_system: IndicatorSystem
) -> None:
    period = periods_for(2024)[0]
    StepDeadline.objects.create(
        organization=world.province,
        period=period,
        submit_by=date(2024, 7, 15),
        review_by=date(2024, 7, 31),
    )
    out = StringIO()
    call_command("send_deadline_notices", "--today", "2024-07-01", stdout=out)
    assert not Notice.objects.exists()  # ten working days ahead: nothing yet
    call_command("send_deadline_notices", "--today", "2024-07-10", stdout=out)
    call_command("send_deadline_notices", "--today", "2024-07-11", stdout=out)
    (soon,) = notices_of(world, "clerk")
    assert soon[0] == NoticeKind.DUE_SOON and "2个指标未填报1-6月" in soon[1]
    call_command("send_deadline_notices", "--today", "2024-07-16", stdout=out)
    call_command("send_deadline_notices", "--today", "2024-07-17", stdout=out)
    assert [k for k, _ in notices_of(world, "clerk")] == [NoticeKind.DUE_SOON, NoticeKind.OVERDUE]
    assert not notices_of(world, "other_clerk")  # 丙县 has no system for 2024


def test_the_deadline_command_tells_reviewers_when_the_review_time_runs_out(
    world: World, county_system: IndicatorSystem
) -> None:
    final = periods_for(2024)[1]
    StepDeadline.objects.create(
        organization=world.province,
        period=final,
        submit_by=date(2025, 1, 10),
        review_by=date(2025, 1, 20),
    )
    transition(county_system, "submit", world.users["clerk"])
    Notice.objects.all().delete()
    call_command("send_deadline_notices", "--today", "2025-01-21", stdout=StringIO())
    (late,) = notices_of(world, "reviewer")
    assert late[0] == NoticeKind.OVERDUE and "待审核" in late[1]
    assert not notices_of(world, "clerk")  # submitted in time: nothing for the unit


def test_a_bad_date_for_the_command_is_refused_in_chinese() -> None:
    with pytest.raises(CommandError, match="应为日期"):
        call_command("send_deadline_notices", "--today", "7月15日")
