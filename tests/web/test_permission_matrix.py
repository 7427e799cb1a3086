"""The whole matrix: every persona × pages and API routes on one county's system.

Expected outcomes are written out by hand from the rules (not derived from the code):
``ok`` allowed, ``403`` refused with a Chinese message, ``404`` invisible (another county or
province: it must not even learn the system exists), ``anon`` sent to log in / 401.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.models import periods_for
from jixiao.web.cycle.workflow import transition
from jixiao.web.performance.models import IndicatorSystem

from .conftest import World, login

pytestmark = pytest.mark.django_db

# persona: (view, edit a result, submit, review after someone else's submission)
MATRIX = {
    "admin": ("ok", "ok", "ok", "ok"),
    "officer": ("ok", "ok", "ok", "ok"),
    "city_officer": ("ok", "ok", "ok", "ok"),
    "reviewer": ("ok", "403", "403", "ok"),
    "clerk": ("ok", "ok", "ok", "403"),
    "evaluator": ("ok", "403", "403", "403"),
    "readonly": ("ok", "403", "403", "403"),
    "other_clerk": ("404", "404", "404", "404"),
    "outsider": ("404", "404", "404", "404"),
    None: ("anon", "anon", "anon", "anon"),
}
PAGE_CODES = {"ok": {200, 302}, "403": {403}, "404": {404}, "anon": {302}}
API_CODES = {"ok": {200, 201}, "403": {403}, "404": {404}, "anon": {401}}


def page_urls(system: IndicatorSystem) -> list[str]:
    indicator = system.indicators.first()
    return [
        f"/systems/{system.pk}/",
        f"/systems/{system.pk}/results/",
        f"/systems/{system.pk}/tree/",
        f"/indicators/{indicator.pk}/",
        f"/audit/?system={system.pk}",
        f"/audit/export.csv?system={system.pk}",
        f"/systems/{system.pk}/build/",
        f"/systems/{system.pk}/target-review/",
    ]


def api_urls(system: IndicatorSystem) -> list[str]:
    indicator = system.indicators.first()
    return [
        f"/api/systems/{system.pk}",
        f"/api/systems/{system.pk}/indicators",
        f"/api/systems/{system.pk}/document",
        f"/api/systems/{system.pk}/results",
        f"/api/systems/{system.pk}/transitions",
        f"/api/systems/{system.pk}/findings",
        f"/api/systems/{system.pk}/score",
        f"/api/changes?system={system.pk}",
        f"/api/changes?indicator={indicator.pk}",
        f"/api/systems/{system.pk}/references",
        f"/api/systems/{system.pk}/target-checks",
        f"/api/systems/{system.pk}/target-reviews",
    ]


def as_persona(world: World, persona: str | None) -> tuple[Client, dict[str, str]]:
    """A logged-in page client and bearer headers for the API (token auth, no CSRF)."""
    client = Client()
    if persona is None:
        return client, {}
    login(client, persona)
    _, raw = ApiToken.issue(world.users[persona], "矩阵测试")
    return client, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def expect(code: int, outcome: str, codes: dict[str, set[int]], what: str) -> None:
    assert code in codes[outcome], f"{what}: got {code}, expected {outcome}"


@pytest.mark.parametrize("persona", list(MATRIX))
def test_every_persona_sees_exactly_what_its_role_allows(
    world: World, county_system: IndicatorSystem, persona: str | None
) -> None:
    outcome = MATRIX[persona][0]
    client, headers = as_persona(world, persona)
    for url in page_urls(county_system):
        response = client.get(url)
        expect(response.status_code, outcome, PAGE_CODES, f"{persona} GET {url}")
    api = Client()
    for url in api_urls(county_system):
        expect(api.get(url, **headers).status_code, outcome, API_CODES, f"{persona} API {url}")


@pytest.mark.parametrize("persona", list(MATRIX))
def test_every_persona_may_write_results_only_as_its_role_allows(
    world: World, county_system: IndicatorSystem, persona: str | None
) -> None:
    outcome = MATRIX[persona][1]
    client, headers = as_persona(world, persona)
    indicator = county_system.indicators.first()
    period = next(p for p in periods_for(county_system.year) if p.is_final)
    page = client.post(f"/indicators/{indicator.pk}/results/{period.pk}/", {"value": "310户次"})
    expect(page.status_code, outcome, PAGE_CODES, f"{persona} page write")
    if outcome == "403":
        assert "没有权限" in page.content.decode()
    api = Client().put(
        f"/api/indicators/{indicator.pk}/results/{period.pk}",
        json.dumps({"value": "320户次"}),
        content_type="application/json",
        **headers,
    )
    expect(api.status_code, outcome, API_CODES, f"{persona} API write")
    if outcome in {"403", "404"}:
        assert api.json()["detail"]


@pytest.mark.parametrize("persona", list(MATRIX))
def test_every_persona_may_take_workflow_steps_only_as_its_role_allows(
    world: World, county_system: IndicatorSystem, persona: str | None
) -> None:
    _, submit, review = MATRIX[persona][1:]
    client, headers = as_persona(world, persona)
    page = client.post(f"/systems/{county_system.pk}/step/submit/")
    expect(page.status_code, submit, PAGE_CODES, f"{persona} submit")

    def api_review() -> object:
        return Client().post(
            f"/api/systems/{county_system.pk}/transitions",
            json.dumps({"action": "review"}),
            content_type="application/json",
            **headers,
        )

    if submit == review == "ok":  # four eyes (#16): never the review of one's own submission
        refused = api_review()
        assert refused.status_code == 403 and "四眼原则" in refused.json()["detail"]
        transition(county_system, "return", world.users["reviewer"], comment="请他人提交")
    county_system.refresh_from_db()
    if county_system.status != "submitted":
        Client().post(f"/systems/{county_system.pk}/step/submit/")  # anonymous: no effect
        login(other := Client(), "clerk")
        other.post(f"/systems/{county_system.pk}/step/submit/")
    expect(api_review().status_code, review, API_CODES, f"{persona} API review")


def test_a_county_cannot_list_another_countys_systems_through_api_filters(
    world: World, county_system: IndicatorSystem
) -> None:
    _, headers = as_persona(world, "other_clerk")
    listed = Client().get(f"/api/systems?org={world.county.pk}", **headers).json()
    assert listed["count"] == 0
    changes = Client().get(f"/api/changes?org={world.county.pk}", **headers)
    assert changes.status_code == 404


IMPORTERS = {"admin", "officer", "city_officer", "clerk", "other_clerk", "outsider"}


@pytest.mark.parametrize("persona", list(MATRIX))
def test_only_importing_roles_reach_the_import_page_and_only_for_their_own_units(
    world: World, persona: str | None
) -> None:
    client, _ = as_persona(world, persona)
    response = client.get("/imports/")
    if persona is None:
        assert response.status_code == 302
        return
    if persona not in IMPORTERS:
        assert response.status_code == 403 and "没有导入数据的权限" in response.content.decode()
        return
    page = response.content.decode()
    assert response.status_code == 200
    assert (world.county.name in page) == (
        persona in {"admin", "officer", "city_officer", "clerk"}
    )
