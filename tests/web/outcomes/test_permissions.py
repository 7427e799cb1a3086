"""Every persona × every results page and API route, expectations written out by hand.

``ok`` allowed (200, or 302 back to the page after a form post), ``403`` refused with a
Chinese message, ``404`` invisible (another county or province, or an object above the
user's organisation), ``anon`` sent to log in / 401.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.outcomes.models import IncentivePool, ProjectProposal, RectificationItem
from tests.web.conftest import World, login

from .support import indicator_with_history

pytestmark = pytest.mark.django_db
PERSONAS = (
    "admin",
    "officer",
    "city_officer",
    "reviewer",
    "clerk",
    "evaluator",
    "readonly",
    "other_clerk",
    "outsider",
    None,
)
V = "view"  # what seeing the county allows
COUNTY_VIEW = dict.fromkeys(
    ("admin", "officer", "city_officer", "reviewer", "clerk", "evaluator", "readonly"), "ok"
)
# action → persona → outcome (missing persona: 404 for other_clerk/outsider, anon for None)
EXPECT: dict[str, dict[str, str]] = {
    "county_view": COUNTY_VIEW,
    "province_view": {
        "admin": "ok",
        "officer": "ok",
        "evaluator": "ok",
        "readonly": "ok",
        "city_officer": "404",
        "reviewer": "404",
        "clerk": "404",
    },
    "province_approve": {
        "admin": "ok",
        "officer": "ok",
        "evaluator": "403",
        "readonly": "403",
        "city_officer": "404",
        "reviewer": "404",
        "clerk": "404",
    },
    "county_edit": {
        "admin": "ok",
        "officer": "ok",
        "city_officer": "ok",
        "clerk": "ok",
        "reviewer": "403",
        "evaluator": "403",
        "readonly": "403",
    },
    # Registering a 整改 item: the unit itself, or whoever evaluates it (#18).
    "county_register": {
        "admin": "ok",
        "officer": "ok",
        "city_officer": "ok",
        "clerk": "ok",
        "evaluator": "ok",
        "reviewer": "403",
        "readonly": "403",
    },
    "county_assess": {
        "admin": "ok",
        "officer": "ok",
        "city_officer": "ok",
        "reviewer": "ok",
        "evaluator": "ok",
        "clerk": "403",
        "readonly": "403",
    },
    "county_approve": {
        "admin": "ok",
        "officer": "ok",
        "city_officer": "ok",
        "reviewer": "403",
        "evaluator": "403",
        "clerk": "403",
        "readonly": "403",
    },
}
PAGE = {"ok": {200, 302}, "403": {403}, "404": {404}, "anon": {302}}
API = {"ok": {200, 201, 400}, "403": {403}, "404": {404}, "anon": {401}}


def outcome(action: str, persona: str | None) -> str:
    if persona is None:
        return "anon"
    return EXPECT[action].get(persona, "404")


@dataclass
class Things:
    pool: IncentivePool
    item: RectificationItem
    proposal: ProjectProposal
    system_id: int
    indicator_id: int


@pytest.fixture
def things(world: World) -> Things:
    pool = IncentivePool.objects.create(
        organization=world.province, year=2023, name="激励", amount=1_000_000, method="score_share"
    )
    item = RectificationItem.objects.create(organization=world.county, year=2023, problem="问题")
    proposal = ProjectProposal.objects.create(
        organization=world.county, year=2024, name="项目", amount=10
    )
    system = indicator_with_history(world.county)
    return Things(pool, item, proposal, system.pk, system.indicators.get().pk)


def pages(world: World, t: Things) -> list[tuple[str, str, str, dict[str, object]]]:
    c, p = world.county.pk, world.province.pk
    return [
        ("county_view", "get", f"/outcomes/rankings/?org={c}", {}),
        ("county_view", "get", f"/outcomes/ledger/?org={c}", {}),
        ("county_view", "get", f"/outcomes/pipeline/?org={c}", {}),
        ("county_view", "get", f"/outcomes/pipeline/{t.proposal.pk}/", {}),
        ("county_view", "get", f"/outcomes/systems/{t.system_id}/targets/", {}),
        ("county_view", "get", f"/outcomes/carried/{t.system_id}/", {}),
        ("county_view", "get", f"/outcomes/targets/?org={c}", {}),
        ("province_view", "get", f"/outcomes/pools/?org={p}", {}),
        ("province_view", "get", f"/outcomes/pools/{t.pool.pk}/", {}),
        ("province_view", "get", f"/outcomes/pools/{t.pool.pk}/export.xlsx", {}),
        ("province_approve", "post", f"/outcomes/pools/{t.pool.pk}/save/", {}),
        (
            "province_approve",
            "post",
            "/outcomes/pools/new/",
            {"org": p, "name": "x", "year": "2023", "amount": "1"},
        ),
        ("county_edit", "post", f"/outcomes/ledger/{t.item.pk}/", {"owner": "张三"}),
        (
            "county_register",
            "post",
            "/outcomes/ledger/add/",
            {"org": c, "year": "2023", "problem": "新问题"},
        ),
        ("county_edit", "post", f"/outcomes/indicators/{t.indicator_id}/target/", {"value": "30"}),
        (
            "county_edit",
            "post",
            "/outcomes/pipeline/new/",
            {"org": c, "name": "新项目", "year": "2024", "amount": "1"},
        ),
        (
            "county_assess",
            "post",
            f"/outcomes/pipeline/{t.proposal.pk}/assess/",
            {"necessity": "1"},
        ),
        ("county_approve", "post", f"/outcomes/pipeline/{t.proposal.pk}/retire/", {}),
    ]


def api_calls(world: World, t: Things) -> list[tuple[str, str, str, dict[str, object]]]:
    c, p = world.county.pk, world.province.pk
    return [
        ("county_view", "get", f"/api/outcomes/rankings?org={c}", {}),
        ("county_view", "get", f"/api/outcomes/ledger?org={c}", {}),
        ("county_view", "get", f"/api/outcomes/proposals?org={c}", {}),
        ("county_view", "get", f"/api/outcomes/systems/{t.system_id}/targets", {}),
        ("province_view", "get", f"/api/outcomes/pools/{t.pool.pk}", {}),
        ("province_approve", "post", f"/api/outcomes/pools/{t.pool.pk}/save", {}),
        (
            "province_approve",
            "post",
            "/api/outcomes/pools",
            {"org": p, "name": "x", "year": 2023, "amount": "1"},
        ),
        ("county_edit", "patch", f"/api/outcomes/ledger/{t.item.pk}", {"owner": "李四"}),
        (
            "county_edit",
            "put",
            f"/api/outcomes/indicators/{t.indicator_id}/target",
            {"value": "30"},
        ),
        (
            "county_assess",
            "post",
            f"/api/outcomes/proposals/{t.proposal.pk}/assessment",
            {"necessity": "1"},
        ),
        ("county_approve", "post", f"/api/outcomes/proposals/{t.proposal.pk}/retire", {}),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_follow_the_rules(world: World, things: Things, persona: str | None) -> None:
    client = Client()
    if persona:
        login(client, persona)
    for action, method, url, data in pages(world, things):
        code = getattr(client, method)(url, data).status_code
        expected = outcome(action, persona)
        assert code in PAGE[expected], f"{persona} {method} {url}: {code}, expected {expected}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_follows_the_rules(world: World, things: Things, persona: str | None) -> None:
    client = Client()
    auth: dict[str, str] = {}
    if persona:
        _, raw = ApiToken.issue(world.users[persona], "矩阵")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    for action, method, url, data in api_calls(world, things):
        if method == "get":
            response = client.get(url, **auth)
        else:
            call = getattr(client, method)
            response = call(url, data=json.dumps(data), content_type="application/json", **auth)
        expected = outcome(action, persona)
        assert response.status_code in API[expected], (
            f"{persona} {method} {url}: {response.status_code}, expected {expected}"
        )
        if expected == "403":
            assert "权限" in response.json()["detail"]


def test_a_refusal_is_a_chinese_page(client: Client, world: World, things: Things) -> None:
    login(client, "readonly")
    response = client.post(f"/outcomes/pools/{things.pool.pk}/save/")
    assert response.status_code == 403 and "您没有权限" in response.content.decode()
