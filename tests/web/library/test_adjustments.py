"""绩效目标调整: request, approval by the level above, monitoring and scoring from the approval date.

Every date here is fixed (the 2025 year, a July approval); nothing depends on the day the
tests run.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from jixiao.web.cycle.models import Action, Change
from jixiao.web.cycle.workflow import transition
from jixiao.web.imports.save import save_document
from jixiao.web.library.adjust import AdjustmentError, decide, request_adjustment, targets_on_date
from jixiao.web.library.models import AdjustmentStatus, AdjustmentWindow, TargetAdjustment
from jixiao.web.monitoring.models import IndicatorCheck
from jixiao.web.monitoring.records import launch_round, record_indicator
from jixiao.web.performance.models import Indicator, IndicatorSystem
from tests.web.conftest import World, login

from .conftest import NEXT, plan

TODAY = date(2025, 12, 20)  # "today" as the functions are told it
ASKED = date(2025, 7, 1)
APPROVED = date(2025, 7, 15)


def approved_system(world: World) -> IndicatorSystem:
    """The county's 2025 targets, taken through the workflow to approved."""
    system = save_document(plan("300"), world.county)
    transition(system, Action.SUBMIT, world.users["clerk"])
    transition(system, Action.REVIEW, world.users["reviewer"])
    transition(system, Action.APPROVE, world.users["officer"])
    system.refresh_from_db()
    return system


def asked(world: World, system: IndicatorSystem) -> TargetAdjustment:
    indicator = system.indicators.get()
    adjustment = request_adjustment(
        indicator, world.users["clerk"], "≥260户次", "机构改革后辖区食品经营企业减少", ASKED
    )
    TargetAdjustment.objects.filter(pk=adjustment.pk).update(
        requested_at=timezone.make_aware(timezone.datetime(2025, 7, 1, 9))
    )
    adjustment.refresh_from_db()
    return adjustment


def test_monitoring_uses_the_old_target_before_the_approval_and_the_new_one_after(
    world: World,
) -> None:
    system = approved_system(world)
    adjustment = asked(world, system)
    assert adjustment.before_text == "≥300户次"
    june = launch_round(world.province, NEXT, date(2025, 6, 30), world.users["officer"])
    decide(adjustment, world.users["city_officer"], True, "同意", APPROVED, TODAY)
    september = launch_round(world.province, NEXT, date(2025, 9, 30), world.users["officer"])
    indicator = Indicator.objects.get(system=system)
    assert indicator.target_text == "≥260户次"
    for rnd, target in ((june, 300), (september, 260)):
        check = IndicatorCheck.objects.get(round=rnd, indicator=indicator)
        record_indicator(check, "130户次", world.users["clerk"])
        check.refresh_from_db()
        assert check.progress == (Decimal(130) / target * 100).quantize(Decimal("0.01"))
    assert targets_on_date(indicator, APPROVED - timedelta(days=1))[0]["value"] == 300
    assert targets_on_date(indicator, APPROVED)[0]["value"] == 260


def test_scoring_uses_the_adjusted_target(world: World) -> None:
    system = approved_system(world)
    indicator = system.indicators.get()
    indicator.actual = {
        "raw": "270户次",
        "targets": [{"raw": "270户次", "op": "=", "value": 270, "unit": "户次"}],
    }
    indicator.save()
    adjustment = asked(world, system)
    decide(adjustment, world.users["city_officer"], True, "", APPROVED, TODAY)
    indicator.refresh_from_db()
    assert indicator.recomputed == Decimal(100)  # 270 ≥ 260: full points (was 90 against 300)
    change = Change.objects.filter(indicator=indicator, field="目标值").get()
    assert (change.old, change.new) == ("≥300户次", "≥260户次")
    assert "2025-07-15起" in change.reason


def test_the_requester_and_a_neighbour_cannot_approve(world: World) -> None:
    adjustment = asked(world, approved_system(world))
    with pytest.raises(PermissionDenied, match="四眼原则"):
        decide(adjustment, world.users["clerk"], True, "", APPROVED, TODAY)
    with pytest.raises(PermissionDenied):
        decide(adjustment, world.users["other_clerk"], True, "", APPROVED, TODAY)
    assert TargetAdjustment.objects.get().status == AdjustmentStatus.PENDING


@pytest.mark.parametrize(
    ("approved_on", "message"),
    [
        (date(2025, 6, 30), "早于申请日期2025-07-01"),
        (date(2025, 12, 21), "晚于今天"),
    ],
)
def test_the_approval_date_is_checked(world: World, approved_on: date, message: str) -> None:
    adjustment = asked(world, approved_system(world))
    with pytest.raises(AdjustmentError, match=message):
        decide(adjustment, world.users["city_officer"], True, "", approved_on, TODAY)


def test_a_refusal_needs_an_opinion_and_leaves_the_target(world: World) -> None:
    system = approved_system(world)
    adjustment = asked(world, system)
    with pytest.raises(AdjustmentError, match="请填写审批意见"):
        decide(adjustment, world.users["city_officer"], False, "", APPROVED, TODAY)
    decide(adjustment, world.users["city_officer"], False, "理由不充分", APPROVED, TODAY)
    assert system.indicators.get().target_text == "≥300户次"


def test_a_draft_is_edited_not_adjusted_and_the_window_is_kept(world: World) -> None:
    draft = save_document(plan("300"), world.other_county)
    with pytest.raises(AdjustmentError, match="请直接修改"):
        request_adjustment(
            draft.indicators.get(), world.users["other_clerk"], "≥260户次", "x", ASKED
        )
    system = approved_system(world)
    AdjustmentWindow.objects.create(
        organization=world.province, year=NEXT, closes_on=date(2025, 9, 30)
    )
    with pytest.raises(AdjustmentError, match="当前不在调整时间内"):
        request_adjustment(
            system.indicators.get(), world.users["clerk"], "≥260户次", "x", date(2025, 10, 1)
        )
    request_adjustment(
        system.indicators.get(), world.users["clerk"], "≥260户次", "x", date(2025, 9, 30)
    )


def test_the_reminder_command_names_the_units_within_the_lead_time(
    world: World, capsys: object
) -> None:
    AdjustmentWindow.objects.create(
        organization=world.city, year=NEXT, closes_on=date(2025, 9, 30), remind_days=7
    )
    call_command("send_adjustment_reminders", "--today", "2025-09-20")
    assert capsys.readouterr().out == ""
    call_command("send_adjustment_reminders", "--today", "2025-09-25")
    out = capsys.readouterr().out
    assert "甲市市场监督管理局：绩效目标调整将于2025年09月30日截止（还剩5天）" in out
    assert "（3人，0人有邮箱）" in out  # city officer and both county clerks; not the reviewer


def test_the_reminder_shows_on_the_page_whatever_today_is(client: Client, world: World) -> None:
    today = timezone.localdate()
    AdjustmentWindow.objects.create(
        organization=world.province, year=today.year, closes_on=today + timedelta(days=3)
    )
    login(client, "clerk")
    assert "还剩3天" in client.get("/adjustments/").content.decode()


def test_the_list_page_decides_and_names_bad_dates(client: Client, world: World) -> None:
    adjustment = asked(world, approved_system(world))
    login(client, "city_officer")
    url = f"/adjustments/{adjustment.pk}/decide/"
    page = client.post(url, {"decision": "approve", "approved_on": "7月15日"}, follow=True)
    assert "批复日期应为日期（如2025-07-15），现为「7月15日」" in page.content.decode()
    client.post(url, {"decision": "approve", "approved_on": "2025-07-15"})
    adjustment.refresh_from_db()
    assert (adjustment.status, adjustment.effective_on) == (AdjustmentStatus.APPROVED, APPROVED)
    login(client, "outsider")
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert client.get(f"/indicators/{adjustment.indicator_id}/adjust/").status_code == 404


def test_the_window_form_checks_its_dates_and_rights(client: Client, world: World) -> None:
    login(client, "officer")
    form = {"org": world.province.pk, "closes_on": "2025-09-31", "remind_days": "7"}
    page = client.post("/adjustments/window/", form, follow=True).content.decode()
    assert "截止日期应为日期（如2025-07-15），现为「2025-09-31」" in page
    form.update(closes_on="2025-09-30", opens_on="2025-10-01")
    page = client.post("/adjustments/window/", form, follow=True).content.decode()
    assert "开始日期不能晚于截止日期" in page
    form.update(opens_on="2025-07-01")
    client.post("/adjustments/window/", form)
    window = AdjustmentWindow.objects.get()
    assert (window.year, window.opens_on, window.closes_on) == (
        2025,
        date(2025, 7, 1),
        date(2025, 9, 30),
    )
    assert Change.objects.filter(
        object_type="library.adjustmentwindow", field="调整时间", new__contains="2025-09-30"
    ).exists()
    login(client, "clerk")
    assert client.post("/adjustments/window/", form).status_code == 404  # the province: unseen
    form["org"] = world.county.pk
    assert client.post("/adjustments/window/", form).status_code == 403


def test_the_home_page_reminds_the_units_below_the_window(client: Client, world: World) -> None:
    today = timezone.localdate()
    AdjustmentWindow.objects.create(
        organization=world.city, year=today.year, closes_on=today, remind_days=7
    )
    login(client, "clerk")
    assert "（今天）" in client.get("/").content.decode()
    login(client, "outsider")
    assert "绩效目标调整将于" not in client.get("/").content.decode()


def test_a_clerk_of_one_department_adjusts_only_its_indicators(world: World) -> None:
    from jixiao.web.orgs.models import Department, Membership

    system = approved_system(world)
    food = Department.objects.create(organization=world.county, name="食品经营安全监督管理股")
    Membership.objects.filter(user=world.users["clerk"]).update(department=food)
    clerk = type(world.users["clerk"]).objects.get(pk=world.users["clerk"].pk)  # fresh roles
    indicator = system.indicators.get()
    with pytest.raises(PermissionDenied, match="本处室负责的指标"):
        request_adjustment(indicator, clerk, "≥260户次", "x", ASKED)
    indicator.department = food
    indicator.save()
    assert request_adjustment(indicator, clerk, "≥260户次", "x", ASKED).pk
