"""The rules API: the same rights and validation as the pages."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.rules.models import UserRule

from .conftest import World
from .test_rules import OUTPUT, make_rule

pytestmark = pytest.mark.django_db


def bearer(world: World, persona: str) -> dict[str, str]:
    _, raw = ApiToken.issue(world.users[persona], "规则接口测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post_json(client: Client, url: str, data: dict, headers: dict[str, str]):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def body(world: World, **fields: object) -> dict[str, object]:
    return {
        "organization": world.province.pk,
        "name": "产出分值不少于5",
        "left": OUTPUT,
        "operator": ">=",
        "right": "5",
        **fields,
    }


def test_an_officer_adds_a_rule_and_tries_it_on_a_county_system(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    officer = bearer(world, "officer")
    created = post_json(client, "/api/rules", body(world), officer)
    assert created.status_code == 201, created.content
    rule = created.json()
    assert rule["code"] == f"user_rule.{rule['id']}" and rule["is_active"]
    trial = client.get(f"/api/rules/{rule['id']}/trial?system={county_system.pk}", **officer)
    assert trial.status_code == 200
    assert trial.json()["passed"]
    assert {k: Decimal(v) for k, v in trial.json()["values"].items()} == {OUTPUT[1:-1]: 10}
    findings = client.get(f"/api/systems/{county_system.pk}/findings", **officer).json()
    assert rule["code"] not in [f["rule"] for f in findings]


def test_a_failing_rule_shows_in_the_systems_findings(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    officer = bearer(world, "officer")
    rule = post_json(client, "/api/rules", body(world, right="50"), officer).json()
    trial = client.get(f"/api/rules/{rule['id']}/trial?system={county_system.pk}", **officer)
    assert not trial.json()["passed"] and trial.json()["findings"][0]["found"] == 10
    findings = client.get(f"/api/systems/{county_system.pk}/findings", **officer).json()
    assert rule["code"] in [f["rule"] for f in findings]


def test_bad_formulas_are_refused_with_the_problem_named(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    officer = bearer(world, "officer")
    refused = post_json(client, "/api/rules", body(world, left="[没有的]"), officer)
    assert refused.status_code == 400 and "未知的数字名称「没有的」" in refused.json()["detail"]
    check = post_json(
        client,
        "/api/rules/validate",
        {"organization": world.province.pk, "left": "1 ** 9", "operator": ">", "right": "0"},
        officer,
    )
    assert check.json()["valid"] is False and "Pow" in check.json()["problems"][0]
    assert not UserRule.objects.exists()


def test_a_clerk_reads_but_cannot_add_or_switch_off(client: Client, world: World) -> None:
    rule = make_rule(world.province)
    clerk = bearer(world, "clerk")
    listed = client.get("/api/rules", **clerk).json()
    assert [r["id"] for r in listed["items"]] == [rule.pk]
    own = body(world, organization=world.county.pk)
    assert post_json(client, "/api/rules", own, clerk).status_code == 403
    refused = client.post(f"/api/rules/{rule.pk}/active?active=false", **clerk)
    assert refused.status_code == 403
    officer = bearer(world, "officer")
    switched = client.post(f"/api/rules/{rule.pk}/active?active=false", **officer)
    assert switched.status_code == 200 and switched.json()["is_active"] is False


def test_another_province_gets_404_for_a_rule_and_its_organisation(
    client: Client, world: World
) -> None:
    rule = make_rule(world.province)
    outsider = bearer(world, "outsider")
    assert client.get(f"/api/rules/{rule.pk}", **outsider).status_code == 404
    assert client.get("/api/rules", **outsider).json()["items"] == []
    assert post_json(client, "/api/rules", body(world), outsider).status_code == 404
