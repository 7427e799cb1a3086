"""Monitoring plans: the province sets them, ``open_rounds`` opens their rounds once each."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jixiao.web.cycle.models import Change
from jixiao.web.monitoring.models import IndicatorCheck, Round, Schedule
from jixiao.web.monitoring.records import launch_round, record_indicator
from jixiao.web.monitoring.schedules import save_schedule
from tests.web.conftest import World, login
from tests.web.monitoring.conftest import JUNE, Monitored

PLAN = {"frequency": "quarterly", "first_month": 1, "last_month": 11, "open_days": 0}


def put(client: Client, url: str, data: dict, **headers: str) -> object:
    return client.put(url, json.dumps(data), content_type="application/json", **headers)


def open_rounds(today: str) -> str:
    out = io.StringIO()
    call_command("open_rounds", "--today", today, stdout=out)
    return out.getvalue()


@pytest.fixture
def planned(world: World, monitored: Monitored) -> Schedule:
    """A quarterly 2024 plan of the province, 10 working days to fill (June is launched)."""
    plan = PLAN | {"fill_workdays": 10, "active": True}
    return save_schedule(world.province, 2024, plan, world.users["officer"])


def test_the_province_officer_sets_the_plan_on_its_page_and_it_is_audited(
    client: Client, world: World
) -> None:
    login(client, "officer")
    url = f"/monitoring/schedule/{world.province.pk}/?year=2024"
    assert "尚未设定监控计划" in client.get(url).content.decode()
    form = {k: str(v) for k, v in PLAN.items()} | {"fill_workdays": "10", "active": "on"}
    response = client.post(url, form | {"year": "2024", "version": "0"}, follow=True)
    page = response.content.decode()
    assert "监控计划已保存" in page and "2024-09-30" in page and "2024-10-18" in page
    plan = Schedule.objects.get(organization=world.province, year=2024)
    assert (plan.frequency, plan.last_month, plan.version) == ("quarterly", 11, 1)
    fields = set(Change.objects.filter(object_id=str(plan.pk)).values_list("field", flat=True))
    assert {"新增监控计划", "监控计划·结束月份"} <= fields  # the changed fields, old → new
    stale = client.post(url, form | {"year": "2024", "version": "0", "fill_workdays": "5"})
    assert stale.status_code == 409
    assert Schedule.objects.get(pk=plan.pk).fill_workdays == 10  # nothing overwritten


def test_bad_plan_input_is_refused_in_chinese_and_nothing_is_saved(
    client: Client, world: World
) -> None:
    login(client, "officer")
    url = f"/monitoring/schedule/{world.province.pk}/"
    bad = {**PLAN, "first_month": "三月", "fill_workdays": "10", "year": "2024"}
    page = client.post(url, bad, follow=True).content.decode()
    assert "「起始月份」须为整数" in page
    late = {**PLAN, "open_days": "20", "fill_workdays": "3", "year": "2024"}
    assert "晚于填报截止日期" in client.post(url, late, follow=True).content.decode()
    assert not Schedule.objects.exists()


def test_only_the_province_officer_may_set_a_plan(client: Client, world: World) -> None:
    body = PLAN | {"fill_workdays": 10}
    api = f"/api/monitoring/schedules/{world.province.pk}/2024"
    for persona in ("city_officer", "clerk", "readonly", "evaluator"):
        refused = put(login(Client(), persona), api, body)
        assert refused.status_code in (403, 404), persona
    city = login(Client(), "city_officer")
    own = put(city, f"/api/monitoring/schedules/{world.city.pk}/2024", body)
    assert own.status_code == 403 and "省级单位设定" in own.json()["detail"]
    outsider = login(Client(), "outsider")
    assert outsider.get(f"/monitoring/schedule/{world.province.pk}/").status_code == 404
    reader = login(Client(), "readonly")
    page = reader.get(f"/monitoring/schedule/{world.province.pk}/").content.decode()
    assert "监控计划由省级绩效管理员设定" in page
    assert reader.post(f"/monitoring/schedule/{world.province.pk}/", body).status_code == 403
    assert not Schedule.objects.exists()


def test_the_api_sets_and_reads_a_plan_with_its_version(client: Client, world: World) -> None:
    login(client, "officer")
    api = f"/api/monitoring/schedules/{world.province.pk}/2024"
    assert client.get(api).status_code == 404
    made = put(client, api, PLAN | {"frequency": "monthly", "fill_workdays": 5})
    body = made.json()
    assert made.status_code == 200 and body["version"] == 1 and len(body["periods"]) == 11
    assert made["ETag"] == '"1"'
    stale = put(client, api, PLAN | {"fill_workdays": 7}, HTTP_IF_MATCH='"0"')
    assert stale.status_code == 409
    bad = put(client, api, PLAN | {"frequency": "weekly", "fill_workdays": 5})
    assert bad.status_code == 400 and "监控频次只能是" in bad.json()["detail"]
    assert client.get(api).json()["frequency"] == "monthly"


def test_open_rounds_opens_the_due_round_once_with_its_deadline(
    world: World, planned: Schedule
) -> None:
    out = open_rounds("2024-10-08")
    autumn = Round.objects.get(organization=world.province, as_of=date(2024, 9, 30))
    assert autumn.schedule == planned and autumn.deadline == date(2024, 10, 18)
    assert autumn.checks.count() == 6 and autumn.spending.count() == 2
    assert "2024年1-9月运行监控" in out and "6个指标" in out
    created = Change.objects.get(object_type="monitoring.round", object_id=str(autumn.pk))
    assert created.reason == "按监控计划自动发起"
    assert "没有到期" in open_rounds("2024-10-08")  # twice: nothing opened twice
    assert Round.objects.filter(organization=world.province).count() == 2


def test_a_round_launched_by_hand_in_the_period_counts(world: World, planned: Schedule) -> None:
    # June 30 was launched by hand (the fixture); a hand round on 25 September covers Q3
    launch_round(world.province, 2024, date(2024, 9, 25), world.users["officer"])
    assert "没有到期" in open_rounds("2024-07-05")
    assert "没有到期" in open_rounds("2024-10-08")
    assert Round.objects.filter(organization=world.province).count() == 2
    assert not Round.objects.filter(schedule=planned).exists()


def test_a_stopped_plan_and_a_missed_period_open_nothing(world: World, planned: Schedule) -> None:
    assert "没有到期" in open_rounds("2024-10-21")  # Q3's filling time ended on 18 October
    save_schedule(world.province, 2024, PLAN | {"fill_workdays": 10}, world.users["officer"])
    assert "没有到期" in open_rounds("2024-10-08")  # not active
    assert not Round.objects.filter(schedule=planned).exists()
    with pytest.raises(CommandError, match="--today 应为日期"):
        open_rounds("明天")


def test_the_rounds_page_shows_the_deadline_and_who_opened_it(
    client: Client, world: World, planned: Schedule
) -> None:
    open_rounds("2024-10-08")
    check = IndicatorCheck.objects.filter(round__as_of=JUNE, organization=world.county).first()
    record_indicator(check, "1户次")  # far behind: red
    login(client, "clerk")
    page = client.get("/monitoring/").content.decode()
    assert "按监控计划自动发起" in page and "2024-10-18" in page
    assert JUNE.isoformat() in page
    # the clerk's county's own checks (3) and red lights (1) in each round
    cells = re.findall(r'<td class="num(?: err)?">(\d+)</td>', page)
    assert cells == ["3", "0", "3", "1"]  # September first, then June
