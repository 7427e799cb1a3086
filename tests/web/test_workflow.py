from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from jixiao.web.cycle.models import Transition
from jixiao.web.cycle.workflow import WorkflowError, errors_in, run_system_checks, transition
from jixiao.web.imports.save import save_document
from jixiao.web.performance.models import IndicatorSystem, Status

from .conftest import World, county_document, login

pytestmark = pytest.mark.django_db


def test_the_full_path_runs_county_city_province_and_every_step_is_recorded(
    world: World, county_system: IndicatorSystem
) -> None:
    u = world.users
    transition(county_system, "submit", u["clerk"], comment="请审核")
    transition(county_system, "review", u["reviewer"])
    transition(county_system, "approve", u["officer"], reason="已核")
    transition(county_system, "lock", u["officer"])
    county_system.refresh_from_db()
    assert county_system.status == Status.LOCKED
    steps = list(
        Transition.objects.filter(system=county_system).values_list("action", "user__username")
    )
    assert steps == [
        ("submit", "clerk"),
        ("review", "reviewer"),
        ("approve", "officer"),
        ("lock", "officer"),
    ]


def test_a_reviewer_cannot_approve_and_a_county_cannot_review_itself(
    world: World, county_system: IndicatorSystem
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    with pytest.raises(PermissionDenied, match="上级单位"):
        transition(county_system, "review", world.users["clerk"])
    transition(county_system, "review", world.users["reviewer"])
    with pytest.raises(PermissionDenied):
        transition(county_system, "approve", world.users["reviewer"])


def test_a_return_needs_comments_and_the_unit_can_resubmit(
    world: World, county_system: IndicatorSystem
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    with pytest.raises(WorkflowError, match="退回意见"):
        transition(county_system, "return", world.users["reviewer"])
    transition(county_system, "return", world.users["reviewer"], comment="第1项缺佐证材料")
    county_system.refresh_from_db()
    assert county_system.status == Status.RETURNED
    transition(county_system, "submit", world.users["clerk"], comment="已补充")
    county_system.refresh_from_db()
    assert county_system.status == Status.SUBMITTED


def test_a_step_from_the_wrong_state_is_refused(
    world: World, county_system: IndicatorSystem
) -> None:
    with pytest.raises(WorkflowError, match="草稿"):
        transition(county_system, "approve", world.users["officer"])


def test_check_errors_block_approval_unless_a_reason_is_recorded(world: World) -> None:
    system = save_document(county_document(score="15"), world.county)
    assert errors_in(run_system_checks(system)), "a score above its weight is an error"
    transition(system, "submit", world.users["clerk"])
    transition(system, "review", world.users["reviewer"])
    with pytest.raises(WorkflowError, match="理由"):
        transition(system, "approve", world.users["officer"])
    record = transition(system, "approve", world.users["officer"], reason="评分经专家复核")
    assert record.reason == "评分经专家复核"


def test_unlocking_needs_a_reason_and_a_role_above_the_unit(
    world: World, county_system: IndicatorSystem
) -> None:
    for action, who in (
        ("submit", "clerk"),
        ("review", "reviewer"),
        ("approve", "officer"),
        ("lock", "officer"),
    ):
        transition(county_system, action, world.users[who], reason="通过")
    with pytest.raises(PermissionDenied):
        transition(county_system, "unlock", world.users["clerk"], reason="想改")
    with pytest.raises(WorkflowError, match="解锁须填写理由"):
        transition(county_system, "unlock", world.users["officer"])
    transition(county_system, "unlock", world.users["officer"], reason="财政厅要求更正第2项")
    county_system.refresh_from_db()
    assert county_system.status == Status.RETURNED


def test_the_page_shows_the_steps_and_refuses_a_forbidden_one_in_chinese(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    page = client.get(f"/systems/{county_system.pk}/").content.decode()
    assert 'data-action="submit"' in page and 'data-action="approve"' not in page
    client.post(f"/systems/{county_system.pk}/step/submit/", {"comment": "请审核"})
    refused = client.post(f"/systems/{county_system.pk}/step/approve/")
    assert refused.status_code == 403
    assert "没有权限" in refused.content.decode()
    login(client, "reviewer")
    page = client.get(f"/systems/{county_system.pk}/").content.decode()
    assert 'data-action="review"' in page and "已提交" in page


def test_a_countys_work_is_approved_by_the_province_not_by_its_city(
    world: World, county_system: IndicatorSystem
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    transition(county_system, "review", world.users["city_officer"])
    with pytest.raises(PermissionDenied, match="省级"):
        transition(county_system, "approve", world.users["city_officer"])
    transition(county_system, "approve", world.users["officer"])


def test_a_citys_own_work_is_reviewed_and_approved_by_the_province(world: World) -> None:
    system = save_document(county_document(), world.city)
    transition(system, "submit", world.users["city_officer"])
    with pytest.raises(PermissionDenied):
        transition(system, "review", world.users["reviewer"])
    transition(system, "review", world.users["officer"])
    transition(system, "approve", world.users["officer"])
    system.refresh_from_db()
    assert system.status == Status.APPROVED


def test_the_city_page_shows_the_progress_of_its_counties(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    login(client, "reviewer")
    page = client.get(f"/orgs/{world.city.pk}/").content.decode()
    assert "下级单位填报进度" in page and "乙县市场监督管理局" in page and "已提交" in page
