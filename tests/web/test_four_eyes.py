"""Four eyes on approval (#16): nobody judges their own submission; a lock is lifted only by
the level that set it."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.workflow import available_actions, transition
from jixiao.web.imports.save import save_document
from jixiao.web.orgs.models import Level, Membership, Organization, Role
from jixiao.web.performance.models import IndicatorSystem, Status

from .conftest import PASSWORD, World, county_document, login

pytestmark = pytest.mark.django_db


def second_officer(world: World) -> User:
    user = User.objects.create_user("officer2", password=PASSWORD, first_name="officer2")
    Membership.objects.create(user=user, organization=world.province, role=Role.OFFICER)
    return user


def lock_county_system(world: World, system: IndicatorSystem) -> None:
    u = world.users
    transition(system, "submit", u["clerk"])
    transition(system, "review", u["reviewer"])
    transition(system, "approve", u["officer"])
    transition(system, "lock", u["officer"])


def test_a_province_officer_cannot_take_their_own_system_from_draft_to_locked_alone(
    world: World,
) -> None:
    system = save_document(county_document(), world.province)
    officer = world.users["officer"]
    transition(system, "submit", officer)
    for action in ("review", "approve", "lock"):
        assert action not in available_actions(officer, system)
    with pytest.raises(PermissionDenied, match=r"四眼原则.*本人提交.*不能由您本人审核通过"):
        transition(system, "review", officer)
    colleague = second_officer(world)
    transition(system, "review", colleague)
    with pytest.raises(PermissionDenied, match="不能由您本人审批通过"):
        transition(system, "approve", officer)
    transition(system, "approve", colleague)
    with pytest.raises(PermissionDenied, match="不能由您本人锁定"):
        transition(system, "lock", officer)
    transition(system, "lock", colleague)
    system.refresh_from_db()
    assert system.status == Status.LOCKED
    users = set(system.transitions.values_list("user__username", flat=True))
    assert users == {"officer", "officer2"}


def test_the_rule_holds_for_superusers_and_for_each_new_submission(
    world: World, county_system: IndicatorSystem
) -> None:
    admin = world.users["admin"]
    transition(county_system, "submit", admin)
    with pytest.raises(PermissionDenied, match="四眼原则"):
        transition(county_system, "review", admin)
    transition(county_system, "return", world.users["reviewer"], comment="请补充")
    transition(county_system, "submit", world.users["clerk"])
    transition(county_system, "review", admin)  # the new submission is the clerk's
    county_system.refresh_from_db()
    assert county_system.status == Status.REVIEWED


def test_the_submitter_may_still_withdraw_by_returning(world: World) -> None:
    system = save_document(county_document(), world.city)
    officer = world.users["officer"]
    transition(system, "submit", world.users["city_officer"])
    transition(system, "return", officer, comment="请修改")
    system.refresh_from_db()
    assert system.status == Status.RETURNED


def test_a_city_officer_cannot_unlock_what_the_province_locked(
    world: World, county_system: IndicatorSystem
) -> None:
    lock_county_system(world, county_system)
    county_system.refresh_from_db()
    city_officer = world.users["city_officer"]
    assert "unlock" not in available_actions(city_officer, county_system)
    with pytest.raises(PermissionDenied, match="锁定它的省级"):
        transition(county_system, "unlock", city_officer, reason="想改")
    transition(county_system, "unlock", world.users["officer"], reason="财政厅要求更正")
    county_system.refresh_from_db()
    assert county_system.status == Status.RETURNED


def test_in_a_deeper_tree_only_the_level_that_locked_may_unlock(world: World) -> None:
    """A unit under a county is approved above the county: the city or the province may lock
    it. What the province locked, the city may not unlock; what the city locked, the city (or
    the province above it) may."""
    unit = Organization.objects.create(name="乙县检测所", level=Level.UNIT, parent=world.county)
    clerk = User.objects.create_user("unit_clerk", password=PASSWORD)
    Membership.objects.create(user=clerk, organization=unit, role=Role.CLERK)
    u = world.users

    def run_to_locked(locker: User) -> IndicatorSystem:
        system = save_document(county_document(), unit, replace=True)
        transition(system, "submit", clerk)
        transition(system, "review", u["reviewer"])
        transition(system, "approve", locker)
        transition(system, "lock", locker)
        system.refresh_from_db()
        return system

    system = run_to_locked(u["officer"])
    with pytest.raises(PermissionDenied, match="由测试省市场监督管理局锁定"):
        transition(system, "unlock", u["city_officer"], reason="想改")
    transition(system, "unlock", u["officer"], reason="省厅要求")

    system = run_to_locked(u["city_officer"])
    assert "unlock" in available_actions(u["city_officer"], system)
    transition(system, "unlock", u["city_officer"], reason="市局更正")
    system.refresh_from_db()
    assert system.status == Status.RETURNED


def test_the_page_explains_why_the_submitter_has_no_review_button(
    client: Client, world: World
) -> None:
    system = save_document(county_document(), world.province)
    transition(system, "submit", world.users["officer"])
    login(client, "officer")
    page = client.get(f"/systems/{system.pk}/").content.decode()
    assert 'data-action="review"' not in page and "四眼原则" in page
    refused = client.post(f"/systems/{system.pk}/step/review/")
    assert refused.status_code == 403 and "四眼原则" in refused.content.decode()
    system.refresh_from_db()
    assert system.status == Status.SUBMITTED


def test_the_api_refuses_self_approval_in_chinese(client: Client, world: World) -> None:
    system = save_document(county_document(), world.province)
    _, raw = ApiToken.issue(world.users["officer"], "接口测试")
    url = f"/api/systems/{system.pk}/transitions"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def post(action: str):
        return client.post(url, json.dumps({"action": action}), "application/json", **headers)

    assert post("submit").status_code == 201
    refused = post("review")
    assert refused.status_code == 403 and "四眼原则" in refused.json()["detail"]
