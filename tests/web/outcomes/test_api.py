"""The results API: same rules and messages as the pages, token auth, 400 on bad input."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.outcomes.models import IncentivePool, ProjectProposal, RectificationItem
from tests.web.conftest import World

from .support import evaluated, indicator_with_history, report_with_problems

pytestmark = pytest.mark.django_db


def bearer(world: World, persona: str) -> dict[str, str]:
    _, raw = ApiToken.issue(world.users[persona], "测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def send(client: Client, method: str, url: str, auth: dict[str, str], body: object = None):
    call = getattr(client, method)
    return call(url, data=json.dumps(body or {}), content_type="application/json", **auth)


def test_rankings_and_a_pool_through_the_api(client: Client, world: World) -> None:
    evaluated(world, world.county, 2024, "10")
    auth = bearer(world, "officer")
    rows = client.get(f"/api/outcomes/rankings?org={world.city.pk}&year=2024", **auth).json()
    assert rows[0]["org_id"] == world.county.pk and rows[0]["place"] == 1
    assert {r["level"] for r in rows} == {"county"} and world.city.pk not in [
        r["org_id"] for r in rows
    ]
    body = {
        "org": world.province.pk,
        "name": "真抓实干激励",
        "year": 2024,
        "amount": "150",
        "city_amount": "100",
        "county_amount": "50",
        "listed_only": True,
        "listed": [world.city.pk, world.county.pk],
    }
    created = send(client, "post", "/api/outcomes/pools", auth, body)
    assert created.status_code == 201
    pool = created.json()
    assert sum(float(s["amount"]) for s in pool["shares"]) == 1_500_000
    saved = send(client, "post", f"/api/outcomes/pools/{pool['id']}/save", auth).json()
    assert saved["saved"] is True
    approved = send(client, "post", f"/api/outcomes/pools/{pool['id']}/approve", auth).json()
    assert approved["status"] == "approved"
    again = send(client, "post", f"/api/outcomes/pools/{pool['id']}/save", auth)
    assert again.status_code == 400 and "已审定" in again.json()["detail"]
    listed = client.get("/api/outcomes/pools", **auth).json()
    assert listed["count"] == 1


def test_a_pool_over_a_bad_amount_answers_400_in_chinese(client: Client, world: World) -> None:
    auth = bearer(world, "officer")
    body = {"org": world.province.pk, "name": "x", "year": 2024, "amount": "abc"}
    response = send(client, "post", "/api/outcomes/pools", auth, body)
    assert response.status_code == 400 and "不是数字" in response.json()["detail"]
    assert not IncentivePool.objects.exists()


def test_a_clerk_cannot_define_a_pool_for_the_province(client: Client, world: World) -> None:
    body = {"org": world.province.pk, "name": "x", "year": 2024, "amount": "1"}
    assert (
        send(client, "post", "/api/outcomes/pools", bearer(world, "clerk"), body).status_code
        == 404
    )
    assert (
        send(client, "post", "/api/outcomes/pools", bearer(world, "readonly"), body).status_code
        == 403
    )


def test_next_years_target_through_the_api(client: Client, world: World) -> None:
    system = indicator_with_history(world.county)
    indicator = system.indicators.get()
    auth = bearer(world, "clerk")
    rows = client.get(f"/api/outcomes/systems/{system.pk}/targets", **auth).json()
    assert float(rows[0]["suggested"]) == 27
    url = f"/api/outcomes/indicators/{indicator.pk}/target"
    refused = send(client, "put", url, auth, {"value": "20"})
    assert refused.status_code == 400 and "请填写理由" in refused.json()["detail"]
    ok = send(client, "put", url, auth, {"value": "20", "reason": "职能划转"})
    assert ok.status_code == 200 and ok.json()["year"] == 2024


def test_the_ledger_through_the_api(client: Client, world: World) -> None:
    system = report_with_problems(world.county)
    auth = bearer(world, "clerk")
    made = send(client, "post", f"/api/outcomes/ledger/from-system/{system.pk}", auth)
    assert made.status_code == 201 and len(made.json()) == 3
    item_id = made.json()[0]["id"]
    refused = send(client, "patch", f"/api/outcomes/ledger/{item_id}", auth, {"status": "closed"})
    assert refused.status_code == 400 and "佐证材料" in refused.json()["detail"]
    upload = SimpleUploadedFile("证明.png", b"\x89PNG\r\n\x1a\n0000")
    response = client.post(f"/api/outcomes/ledger/{item_id}/evidence", {"file": upload}, **auth)
    assert response.status_code == 200 and response.json()["has_evidence"]
    closed = send(
        client,
        "patch",
        f"/api/outcomes/ledger/{item_id}",
        auth,
        {"status": "closed", "deadline": "2020-01-01"},
    )
    assert closed.json()["status"] == "closed" and closed.json()["overdue"] is False
    late = send(
        client,
        "patch",
        f"/api/outcomes/ledger/{made.json()[1]['id']}",
        auth,
        {"deadline": "2020-01-01"},
    )
    assert late.json()["overdue"] is True
    overdue = client.get(
        f"/api/outcomes/ledger?org={world.county.pk}&year=2023&overdue=true", **auth
    )
    assert [i["id"] for i in overdue.json()["items"]] == [made.json()[1]["id"]]
    other = client.get(
        f"/api/outcomes/ledger?org={world.county.pk}", **bearer(world, "other_clerk")
    )
    assert other.status_code == 404
    bad = send(client, "patch", f"/api/outcomes/ledger/{item_id}", auth, {"deadline": "明年"})
    assert bad.status_code == 400 and "不是有效日期" in bad.json()["detail"]
    assert RectificationItem.objects.count() == 3


def test_the_pipeline_through_the_api(client: Client, world: World) -> None:
    auth = bearer(world, "city_officer")
    body = {
        "org": world.city.pk,
        "year": 2025,
        "name": "监测系统",
        "amount": "300",
        "readiness": "ready",
    }
    created = send(client, "post", "/api/outcomes/proposals", auth, body)
    assert created.status_code == 201
    pk = created.json()["id"]
    points = {
        "necessity": "25",
        "economy": "20",
        "targets": "20",
        "feasibility": "20",
        "compliance": "15",
    }
    assessed = send(
        client, "post", f"/api/outcomes/proposals/{pk}/assessment", auth, points
    ).json()
    assert float(assessed["score"]) == 100 and assessed["conclusion"] == "予以支持"
    listed = client.get(f"/api/outcomes/proposals?org={world.city.pk}&year=2025", **auth).json()
    assert listed["items"][0]["eligible"] is True and listed["items"][0]["position"] == 1
    clerk = send(client, "post", f"/api/outcomes/proposals/{pk}/fund", bearer(world, "reviewer"))
    assert clerk.status_code == 403
    funded = send(client, "post", f"/api/outcomes/proposals/{pk}/fund", auth).json()
    assert funded["status"] == "funded" and funded["project_id"]
    assert ProjectProposal.objects.get(pk=pk).project.system.year == 2025
