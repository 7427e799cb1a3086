"""The REST API of the library, reviews and adjustments: same rights and scoping as the pages."""

from __future__ import annotations

import json
from datetime import datetime

from django.test import Client
from django.utils import timezone

from jixiao.web.cycle.models import Action
from jixiao.web.cycle.workflow import transition
from jixiao.web.imports.save import save_document
from jixiao.web.library.building import create_system
from jixiao.web.library.models import TargetAdjustment
from jixiao.web.performance.models import Status
from tests.web.conftest import World, login

from .conftest import NEXT, SPOT_CHECKS, Library, plan


def post(client: Client, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_library_lists_filters_and_is_scoped(
    client: Client, world: World, library: Library
) -> None:
    login(client, "clerk")
    names = [e["name"] for e in client.get("/api/library").json()["items"]]
    assert names == [SPOT_CHECKS, "服务对象满意度"] or sorted(names) == sorted(
        [SPOT_CHECKS, "服务对象满意度"]
    )
    only = client.get("/api/library", {"mandatory": True}).json()["items"]
    assert [e["name"] for e in only] == ["服务对象满意度"]
    assert client.get("/api/library/offers").status_code == 403
    assert client.get(f"/api/library/{library.entry.pk}").json()["name"] == SPOT_CHECKS
    login(client, "outsider")
    assert client.get(f"/api/library/{library.entry.pk}").status_code == 404
    assert client.get("/api/library", {"province": world.province.pk}).status_code == 404


def test_the_curator_patches_and_merges_through_the_api(
    client: Client, world: World, library: Library
) -> None:
    login(client, "officer")
    url = f"/api/library/{library.entry.pk}"
    patched = client.patch(
        url, json.dumps({"reference_value": "≥340户次"}), content_type="application/json"
    )
    assert patched.json()["reference_value"] == "≥340户次"
    bad = client.patch(url, json.dumps({"kind": "both"}), content_type="application/json")
    assert bad.status_code == 400 and "共性指标" in bad.json()["detail"]
    offers = client.get("/api/library/offers").json()["items"]
    assert offers
    merged = post(
        client,
        f"/api/library/offers/{offers[0]['id']}",
        {"action": "merge", "entry": library.entry.pk},
    )
    assert merged.json() == {"merged": 3}


def test_a_clerk_builds_and_the_city_reviews_through_the_api(
    client: Client, world: World, library: Library
) -> None:
    system = create_system(world.county, NEXT, "overall", world.users["clerk"])
    login(client, "clerk")
    assert post(client, f"/api/systems/{system.pk}/copy-last-year", {}).status_code == 201
    picked = post(
        client, f"/api/systems/{system.pk}/library-picks", {"entries": [library.mandatory.pk]}
    )
    assert picked.status_code == 201 and len(picked.json()) == 1
    for bad in ([2**63], [0], list(range(1, 502))):  # beyond a column, no row, too many
        refused = post(client, f"/api/systems/{system.pk}/library-picks", {"entries": bad})
        assert refused.status_code == 422 and "detail" in refused.json()
    refs = client.get(f"/api/systems/{system.pk}/references").json()
    spot = next(r for r in refs if r["entry_id"] == library.entry.pk)
    assert (spot["reference_value"], spot["last_year"], spot["targets"]["median"]) == (
        "≥330户次",
        "320",
        "300",
    )
    checks = {c["code"]: c for c in client.get(f"/api/systems/{system.pk}/target-checks").json()}
    assert checks["review.mandatory"]["passed"]
    transition(system, Action.SUBMIT, world.users["clerk"])
    assert (
        post(client, f"/api/systems/{system.pk}/target-reviews", {"result": "pass"}).status_code
        == 403
    )
    login(client, "reviewer")
    refused = post(client, f"/api/systems/{system.pk}/target-reviews", {"result": "reject"})
    assert refused.status_code == 409 and "请填写审核意见" in refused.json()["detail"]
    done = post(
        client, f"/api/systems/{system.pk}/target-reviews", {"result": "pass", "opinion": "同意"}
    )
    assert done.status_code == 201 and done.json()["result_label"] == "通过"
    system.refresh_from_db()
    assert system.status == Status.REVIEWED


def test_an_adjustment_through_the_api(client: Client, world: World) -> None:
    system = save_document(plan("300"), world.county)
    for action, who in (
        (Action.SUBMIT, "clerk"),
        (Action.REVIEW, "reviewer"),
        (Action.APPROVE, "officer"),
    ):
        transition(system, action, world.users[who])
    indicator = system.indicators.get()
    login(client, "clerk")
    made = post(
        client,
        f"/api/indicators/{indicator.pk}/adjustments",
        {"after": "≥260户次", "reason": "企业减少"},
    )
    assert made.status_code == 201 and made.json()["before_text"] == "≥300户次"
    again = post(
        client, f"/api/indicators/{indicator.pk}/adjustments", {"after": "≥250户次", "reason": "x"}
    )
    assert again.status_code == 400 and "已有待审批的调整申请" in again.json()["detail"]
    item = TargetAdjustment.objects.get()
    # the request was filed on 1 July 2025 (dates are the target year's, not the test run's)
    TargetAdjustment.objects.update(requested_at=timezone.make_aware(datetime(2025, 7, 1, 9)))
    assert (
        post(client, f"/api/adjustments/{item.pk}/decision", {"approve": True}).status_code == 403
    )
    login(client, "city_officer")
    decided = post(
        client,
        f"/api/adjustments/{item.pk}/decision",
        {"approve": True, "opinion": "同意", "approved_on": "2025-07-15"},
    )
    assert (decided.json()["status"], decided.json()["effective_on"]) == ("approved", "2025-07-15")
    indicator.refresh_from_db()
    assert indicator.target_text == "≥260户次"
    login(client, "outsider")
    assert client.get("/api/adjustments").json()["count"] == 0
