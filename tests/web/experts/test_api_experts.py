"""The REST API of the pools: the same rights, checks, audit and versions as the pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.experts.models import Expert
from jixiao.web.performance.models import IndicatorSystem
from tests.web.conftest import World

from .conftest import Pool

pytestmark = pytest.mark.django_db


def call(user: Any, method: str, url: str, body: Any = None, **headers: str) -> Any:
    _, raw = ApiToken.issue(user, "专家库测试")
    data = json.dumps(body) if body is not None else None
    send = getattr(Client(), method)
    return send(
        url,
        data=data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        **headers,
    )


def test_experts_are_added_listed_and_patched_with_if_match(world: World, pool: Pool) -> None:
    officer = world.users["officer"]
    body = {"organization": world.province.pk, "name": "周专家", "specialties": ["法律"]}
    made = call(officer, "post", "/api/experts", body)
    assert made.status_code == 201, made.content
    listed = call(officer, "get", "/api/experts?specialty=法律").json()
    assert [e["name"] for e in listed["items"]] == ["周专家"]
    url = f"/api/experts/{made.json()['id']}"
    etag = call(officer, "get", url)["ETag"]
    assert call(officer, "patch", url, {"title": "教授"}, HTTP_IF_MATCH=etag).status_code == 200
    stale = call(officer, "patch", url, {"title": "研究员"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 409 and stale.json()["current"]["title"] == "教授"
    bad = call(officer, "post", "/api/experts", body | {"specialties": []})
    assert bad.status_code == 400 and "专业领域：至少填写一项" in bad.json()["detail"]
    assert call(world.users["clerk"], "get", "/api/experts").json()["items"] == []
    assert call(world.users["clerk"], "get", url).status_code == 404


def test_a_draw_sheets_and_combination_through_the_api(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    officer = world.users["officer"]
    url = f"/api/systems/{county_system.pk}/expert-draws"
    made = call(officer, "post", url, {"specialty": "财务", "count": 2})
    assert made.status_code == 201, made.content
    draw = made.json()
    assert draw["replay_matches"] and len(draw["sheets"]) == 2 and draw["excluded"][0]["reason"]
    for sheet_id, points in zip(draw["sheets"], ("6", "10"), strict=True):
        expert = Expert.objects.get(sheets__pk=sheet_id)
        sheet = call(expert.user, "get", f"/api/expert-sheets/{sheet_id}").json()
        scores = {str(r["indicator"]): points for r in sheet["rows"]}
        body = {"scores": scores, "opinion": "同意", "submit": True}
        put = call(expert.user, "put", f"/api/expert-sheets/{sheet_id}", body)
        assert put.status_code == 200 and put.json()["status"] == "submitted", put.content
        other = draw["sheets"][1] if sheet_id == draw["sheets"][0] else draw["sheets"][0]
        assert call(expert.user, "get", f"/api/expert-sheets/{other}").status_code == 403
        assert [s["id"] for s in call(expert.user, "get", "/api/expert-sheets").json()] == [
            sheet_id
        ]
    combined = call(officer, "post", f"/api/expert-draws/{draw['id']}/combine")
    assert combined.status_code == 200, combined.content
    rows = combined.json()["combined"]
    assert [r["points"] for r in rows] == ["8", "8"] and all(r["warning"] for r in rows)
    county_system.refresh_from_db()
    assert str(county_system.score_total) == "16.0000"
    again = call(officer, "post", f"/api/expert-draws/{draw['id']}/combine")
    assert again.status_code == 400 and again.json()["detail"] == "本次专家评分已合成。"


def test_the_combining_rule_is_a_province_setting(world: World, pool: Pool) -> None:
    officer = world.users["officer"]
    url = f"/api/expert-rules/{world.province.pk}"
    assert call(officer, "get", url).json()["method"] == "mean"
    put = call(officer, "put", url, {"method": "trimmed", "spread_percent": "30"})
    assert put.status_code == 200 and put.json()["method"] == "trimmed"
    city = call(officer, "get", f"/api/expert-rules/{world.city.pk}").json()
    assert city["method"] == "trimmed"  # the city inherits the province's rule
    bad = call(officer, "put", url, {"method": "median", "spread_percent": "30"})
    assert bad.status_code == 400 and "合成方法" in bad.json()["detail"]
    assert (
        call(
            world.users["city_officer"], "put", url, {"method": "mean", "spread_percent": "20"}
        ).status_code
        == 404
    )


def test_agencies_entrustments_and_ratings_through_the_api(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    officer = world.users["officer"]
    body = {"organization": world.province.pk, "name": "乙咨询公司", "nature": "consulting"}
    agency = call(officer, "post", "/api/agencies", body).json()
    url = f"/api/systems/{county_system.pk}/entrustments"
    made = call(officer, "post", url, {"agency": agency["id"], "task": "部门整体支出评价"})
    assert made.status_code == 201 and not made.json()["evaluation_done"]
    rating = f"/api/entrustments/{made.json()['id']}/rating"
    early = call(officer, "post", rating, {"score": "85", "opinion": "规范"})
    assert early.status_code == 400 and "尚未完成第三方评价" in early.json()["detail"]
    evaluator = Client()
    evaluator.force_login(world.users["evaluator"])
    evaluator.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    rated = call(officer, "post", rating, {"score": "85", "opinion": "规范"})
    assert rated.status_code == 200 and rated.json()["quality_grade"] == "良好"
    record = call(officer, "get", f"/api/agencies/{agency['id']}").json()
    assert (record["credit"], record["evaluations_count"]) == ("B", 1)
    assert record["recent_projects"][0]["quality_score"] == "85.0000"
    bad = call(officer, "post", "/api/agencies", body | {"nature": "bank"})
    assert bad.status_code == 400 and "机构性质" in bad.json()["detail"]
    clerk = call(world.users["clerk"], "post", url, {"agency": agency["id"]})
    assert clerk.status_code == 403


def test_openapi_documents_the_pool_routes(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/experts",
        "/api/systems/{system_id}/expert-draws",
        "/api/expert-draws/{draw_id}/combine",
        "/api/expert-sheets/{sheet_id}",
        "/api/agencies/{agency_id}",
        "/api/entrustments/{entrustment_id}/rating",
    ):
        assert path in paths, path
