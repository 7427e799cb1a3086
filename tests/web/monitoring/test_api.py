from __future__ import annotations

import json

from django.test import Client

from jixiao.web.monitoring.records import record_indicator
from tests.web.conftest import World, login
from tests.web.monitoring.conftest import Monitored


def put(client: Client, url: str, data: dict) -> object:
    return client.put(url, json.dumps(data), content_type="application/json")


def test_dashboard_api_gives_the_nested_rollup_with_ranks(
    client: Client, world: World, monitored: Monitored
) -> None:
    record_indicator(monitored.check(monitored.county_system, 1), "60户次")
    login(client, "officer")
    data = client.get(f"/api/dashboard/{world.province.pk}", {"year": 2024, "sort": "red"}).json()
    assert data["as_of"] == "2024-06-30" and data["red"] == 1
    city = data["children"][0]
    assert city["org_id"] == world.city.pk and city["rank"] == 1
    assert [c["rank"] for c in city["children"]] == [1, 2]
    assert city["children"][1]["org_id"] == world.county.pk  # most red lights last
    bad = client.get(f"/api/dashboard/{world.province.pk}", {"year": 2024, "sort": "x"})
    assert bad.status_code == 400


def test_dashboard_api_refuses_another_province(client: Client, world: World) -> None:
    login(client, "outsider")
    response = client.get(f"/api/dashboard/{world.province.pk}", {"year": 2024})
    assert response.status_code == 404 and "无权查看" in response.json()["detail"]


def test_checks_api_lists_filters_and_scopes(
    client: Client, world: World, monitored: Monitored
) -> None:
    record_indicator(monitored.check(monitored.county_system, 1), "60户次")
    login(client, "city_officer")
    rows = client.get(f"/api/monitoring/orgs/{world.city.pk}/checks", {"status": "red"}).json()
    assert rows["count"] == 1 and rows["items"][0]["needs_response"]
    other = Client()
    login(other, "other_clerk")
    response = other.get(f"/api/monitoring/orgs/{world.county.pk}/checks")
    assert response.status_code == 404
    own = other.get(f"/api/monitoring/orgs/{world.other_county.pk}/checks").json()
    assert own["count"] == 3


def test_county_answers_through_the_api_and_the_alert_goes(
    client: Client, world: World, monitored: Monitored
) -> None:
    check = monitored.check(monitored.county_system, 1)
    login(client, "clerk")
    saved = put(client, f"/api/monitoring/checks/{check.pk}", {"value": "60户次"}).json()
    assert saved["status"] == "red" and saved["needs_response"]
    assert len(client.get("/api/monitoring/alerts").json()["indicators"]) == 1
    refused = put(client, f"/api/monitoring/checks/{check.pk}", {"reason": "资金未到位"})
    assert refused.status_code == 400 and "纠偏措施" in refused.json()["detail"]
    done = put(
        client,
        f"/api/monitoring/checks/{check.pk}",
        {"reason": "资金未到位", "measure": "三季度集中开展", "likelihood": "possible"},
    ).json()
    assert not done["needs_response"]
    assert client.get("/api/monitoring/alerts").json()["indicators"] == []


def test_officer_above_cannot_answer_through_the_api(
    client: Client, world: World, monitored: Monitored
) -> None:
    check = monitored.check(monitored.county_system, 1)
    login(client, "officer")
    response = put(client, f"/api/monitoring/checks/{check.pk}", {"value": "1户次"})
    assert response.status_code == 403


def test_spending_api_records_money(client: Client, world: World, monitored: Monitored) -> None:
    check = monitored.spending(monitored.county_system)
    login(client, "clerk")
    saved = put(client, f"/api/monitoring/spending/{check.pk}", {"spent": "36"}).json()
    assert saved["status"] == "green" and saved["progress"] == "45.00"
    assert client.get(f"/api/monitoring/spending/{check.pk}").json()["spent"] == "36.0000"
    listed = client.get(f"/api/monitoring/orgs/{world.county.pk}/spending").json()
    assert listed["count"] == 1


def test_rounds_and_thresholds_api(client: Client, world: World, monitored: Monitored) -> None:
    login(client, "officer")
    assert client.get("/api/monitoring/rounds", {"year": 2024}).json()["count"] == 1
    made = client.post(
        "/api/monitoring/rounds",
        json.dumps({"organization": world.province.pk, "as_of": "2024-09-30"}),
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["name"] == "2024年1-9月运行监控"
    body = {
        "progress_red_below": "50",
        "progress_amber_below": "70",
        "spending_red_below": "60",
        "spending_amber_below": "80",
        "default_month": 7,
    }
    saved = put(client, f"/api/monitoring/thresholds/{world.province.pk}", body).json()
    assert saved["progress_amber_below"] == "70.00" and saved["default_month"] == 7
    clerk = Client()
    login(clerk, "clerk")
    assert put(clerk, f"/api/monitoring/thresholds/{world.county.pk}", body).status_code == 403
    inherited = clerk.get(f"/api/monitoring/thresholds/{world.county.pk}").json()
    assert inherited["organization_id"] == world.province.pk
