from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.orgs.permissions import can, visible_orgs
from jixiao.web.performance.models import IndicatorSystem, SystemKind

from .conftest import PASSWORD, World

pytestmark = pytest.mark.django_db


def login(client: Client, world: World, name: str) -> Client:
    assert client.login(username=name, password=PASSWORD)
    return client


def test_login_page_is_chinese_and_protected_pages_redirect_to_it(client: Client) -> None:
    page = client.get("/login/")
    assert page.status_code == 200
    assert "登录" in page.content.decode() and 'lang="zh-CN"' in page.content.decode()
    assert client.get("/").status_code == 302


def test_passwords_are_stored_hashed(world: World) -> None:
    user = world.users["clerk"]
    assert user.password.startswith(("pbkdf2_", "argon2", "bcrypt", "scrypt"))
    assert PASSWORD not in user.password


def test_login_with_wrong_password_is_refused_in_chinese(client: Client, world: World) -> None:
    page = client.post("/login/", {"username": "clerk", "password": "wrong"})
    assert page.status_code == 200
    assert "用户名或密码不正确" in page.content.decode()


def test_csrf_is_enforced_on_login() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "x", "password": "y"}).status_code == 403


def test_a_county_user_sees_only_its_own_county(world: World) -> None:
    assert set(visible_orgs(world.users["clerk"])) == {world.county}


def test_a_city_user_sees_its_counties_but_not_the_province(world: World) -> None:
    seen = set(visible_orgs(world.users["city_officer"]))
    assert seen == {world.city, world.county, world.other_county}


def test_roles_allow_only_their_actions(world: World) -> None:
    assert can(world.users["clerk"], "edit", world.county)
    assert not can(world.users["clerk"], "edit", world.other_county)
    assert not can(world.users["reviewer"], "edit", world.county)
    assert can(world.users["reviewer"], "review", world.county)
    assert not can(world.users["readonly"], "edit", world.province)
    assert not can(world.users["outsider"], "view", world.county)


def test_another_countys_page_is_refused_by_url(client: Client, world: World) -> None:
    login(client, world, "clerk")
    assert client.get(f"/orgs/{world.county.id}/").status_code == 200
    assert client.get(f"/orgs/{world.other_county.id}/").status_code == 404


def test_another_countys_system_is_refused_by_url_and_api(client: Client, world: World) -> None:
    system = IndicatorSystem.objects.create(
        organization=world.other_county, year=2024, kind=SystemKind.OVERALL, title="丙县 2024"
    )
    login(client, world, "clerk")
    assert client.get(f"/systems/{system.id}/").status_code == 404
    assert client.get(f"/api/systems/{system.id}").status_code == 404
    login(client, world, "city_officer")
    assert client.get(f"/systems/{system.id}/").status_code == 200
    assert client.get(f"/api/systems/{system.id}").json()["title"] == "丙县 2024"


def test_the_api_refuses_anonymous_callers(client: Client) -> None:
    assert client.get("/api/orgs").status_code == 401


def test_the_openapi_description_is_served(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"].startswith("JiXiao")
    assert "/api/systems" in spec["paths"]
