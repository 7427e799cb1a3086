"""The workbench and notices over the REST API: the token's own user only, documented."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.workflow import transition
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.workbench.models import Notice
from tests.web.conftest import World

pytestmark = pytest.mark.django_db


def bearer(world: World, persona: str) -> dict[str, str]:
    _, raw = ApiToken.issue(world.users[persona], "工作台测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_workbench_counts_what_waits_for_the_tokens_user(
    world: World, county_system: IndicatorSystem, client: Client
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    body = client.get("/api/workbench", **bearer(world, "reviewer")).json()
    assert body["counts"]["to_review"] == 1
    assert body["unread_notices"] == 1
    (desk,) = body["desks"]
    assert desk["organization_id"] == world.city.pk
    (kind,) = desk["kinds"]
    assert kind["entries"][0]["url"] == f"/systems/{county_system.pk}/"
    other = client.get("/api/workbench", **bearer(world, "other_clerk")).json()
    assert other["counts"].get("to_review", 0) == 0 and other["unread_notices"] == 0


def test_notices_are_listed_and_read_for_their_owner_only(
    world: World, county_system: IndicatorSystem, client: Client
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    mine = bearer(world, "reviewer")
    (item,) = client.get("/api/notices?unread=true", **mine).json()["items"]
    assert item["kind"] == "submitted" and item["read_at"] is None
    theirs = client.post(f"/api/notices/{item['id']}/read", **bearer(world, "city_officer"))
    assert theirs.status_code == 404
    read = client.post(f"/api/notices/{item['id']}/read", **mine).json()
    assert read["read_at"] is not None
    assert client.get("/api/notices?unread=true", **mine).json()["items"] == []
    assert client.post("/api/notices/read-all", **bearer(world, "city_officer")).json() == {
        "read": 1
    }
    assert not Notice.objects.filter(read_at__isnull=True).exists()


def test_the_routes_are_in_the_openapi_document(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for route in ("/api/workbench", "/api/notices", "/api/notices/{notice_id}/read"):
        assert route in paths
    assert paths["/api/workbench"]["get"]["summary"].startswith("工作台")


def test_anonymous_callers_are_refused(client: Client) -> None:
    assert client.get("/api/workbench").status_code == 401
    assert client.get("/api/notices").status_code == 401
