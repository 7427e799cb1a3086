from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.models import periods_for
from jixiao.web.performance.models import IndicatorSystem
from tests.support import seed

from .conftest import World

pytestmark = pytest.mark.django_db


def bearer(world: World, persona: str) -> dict[str, str]:
    _, raw = ApiToken.issue(world.users[persona], "接口测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post_json(client: Client, url: str, data: dict, headers: dict[str, str]):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_the_whole_cycle_runs_through_the_api(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    clerk, reviewer, officer = (bearer(world, p) for p in ("clerk", "reviewer", "officer"))
    indicator = county_system.indicators.first()
    period = next(p for p in periods_for(2024) if p.is_final)
    put = client.put(
        f"/api/indicators/{indicator.pk}/results/{period.pk}",
        json.dumps({"value": "315户次", "comment": "见台账"}),
        content_type="application/json",
        **clerk,
    )
    assert put.status_code == 200 and put.json()["value_text"] == "315户次"
    url = f"/api/systems/{county_system.pk}/transitions"
    assert post_json(client, url, {"action": "submit"}, clerk).status_code == 201
    wrong = post_json(client, url, {"action": "lock"}, officer)
    assert wrong.status_code == 409 and "不能锁定" in wrong.json()["detail"]
    assert post_json(client, url, {"action": "review"}, reviewer).status_code == 201
    approve = post_json(client, url, {"action": "approve", "reason": "复核无误"}, officer)
    assert approve.status_code == 201 and approve.json()["to_status"] == "approved"
    steps = [t["action"] for t in client.get(url, **clerk).json()]
    assert steps == ["submit", "review", "approve"]
    changes = client.get(f"/api/changes?system={county_system.pk}", **clerk).json()
    entered = [c for c in changes["items"] if c["field"] == "完成值（全年）"]
    assert entered[0]["user"] == "clerk" and entered[0]["new"] == "315户次"
    steps = [(c["new"], c["user"]) for c in changes["items"] if c["field"] == "状态"]
    assert steps[0] == ("已审批", "officer")  # workflow steps are in the change log too


def test_results_can_be_filtered_by_period_and_are_paginated(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    headers = bearer(world, "clerk")
    half, final = periods_for(2024)
    for period, value in ((half, "150户次"), (final, "310户次")):
        client.put(
            f"/api/indicators/{county_system.indicators.first().pk}/results/{period.pk}",
            json.dumps({"value": value}),
            content_type="application/json",
            **headers,
        )
    listed = client.get(
        f"/api/systems/{county_system.pk}/results?period={half.pk}", **headers
    ).json()
    assert listed["count"] == 1 and listed["items"][0]["value_text"] == "150户次"


def test_a_file_is_imported_through_the_api_job_then_confirmed(
    client: Client, world: World, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    path = Path(seed("002"))
    auth = bearer(world, "clerk")
    started = client.post(
        "/api/imports",
        {
            "file": SimpleUploadedFile(path.name, path.read_bytes()),
            "organization": world.county.pk,
            "year": 2023,
        },
        **auth,
    )
    assert started.status_code == 202, started.content
    job = started.json()
    url = f"/api/imports/{job['id']}"
    state = client.get(url, **auth).json()
    assert state["finished"] and state["status"] == "ready" and state["percent"] == 100
    assert state["document"]["kind"] == "self_evaluation" and state["document"]["indicators"] == 44
    assert state["other_bureau"] == "韶关市市场监督管理局"
    refused = client.post(f"{url}/confirm", {}, content_type="application/json", **auth)
    assert refused.status_code == 400 and "韶关市市场监督管理局" in refused.json()["detail"]
    assert not IndicatorSystem.objects.exists()
    assert client.get(url, **bearer(world, "other_clerk")).status_code == 404
    saved = client.post(
        f"{url}/confirm",
        json.dumps({"acknowledge_other_bureau": True}),
        content_type="application/json",
        **auth,
    )
    assert saved.status_code == 201, saved.content
    system = IndicatorSystem.objects.get(pk=saved.json()["id"])
    assert system.organization == world.county and system.indicators.count() == 44
    assert client.get(url, **auth).json()["system_id"] == system.pk


def test_an_api_import_job_can_be_withdrawn(
    client: Client, world: World, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    auth = bearer(world, "clerk")
    data = {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 broken"), "organization": world.county.pk}
    job = client.post("/api/imports", data, **auth).json()
    assert job["status"] == "failed" and job["message"].startswith("a.pdf: ")
    assert client.delete(f"/api/imports/{job['id']}", **auth).status_code == 204
    assert client.get(f"/api/imports/{job['id']}", **auth).json()["status"] == "cancelled"


def test_an_api_import_of_a_bad_file_says_why_and_saves_nothing(
    client: Client, world: World
) -> None:
    response = client.post(
        "/api/imports",
        {"file": SimpleUploadedFile("a.pdf", b"not a pdf"), "organization": world.county.pk},
        **bearer(world, "clerk"),
    )
    assert response.status_code == 400 and "不符" in response.json()["detail"]
    assert not IndicatorSystem.objects.exists()


def test_the_session_api_needs_the_csrf_token_for_writes(
    world: World, county_system: IndicatorSystem
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.login(username="clerk", password="correct-horse-9")
    url = f"/api/systems/{county_system.pk}/transitions"
    response = client.post(url, json.dumps({"action": "submit"}), content_type="application/json")
    assert response.status_code == 403
    county_system.refresh_from_db()
    assert county_system.status == "draft"
