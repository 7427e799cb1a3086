"""Every persona × the monitoring pages and API routes on one county's check.

Expected outcomes are written out by hand from the rules: anyone at or above the county reads;
only the county's own editors answer (not even the province officer or a superuser, who are
not the unit); launching a round is the performance officer's job; another county or province
gets 404 and must not learn the check exists.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.web.conftest import World, login
from tests.web.monitoring.conftest import Monitored

# persona: (read, answer, launch a round at the county)
MATRIX = {
    "admin": ("ok", "403", "ok"),
    "officer": ("ok", "403", "ok"),
    "city_officer": ("ok", "403", "ok"),
    "reviewer": ("ok", "403", "403"),
    "clerk": ("ok", "ok", "403"),
    "evaluator": ("ok", "403", "403"),
    "readonly": ("ok", "403", "403"),
    "other_clerk": ("404", "404", "404"),
    "outsider": ("404", "404", "404"),
    None: ("anon", "anon", "anon"),
}
PAGE = {"ok": {200, 302}, "403": {403}, "404": {404}, "anon": {302}}
API = {"ok": {200, 201}, "403": {403}, "404": {404}, "anon": {401}}


def client_for(persona: str | None) -> Client:
    client = Client()
    if persona:
        login(client, persona)
    return client


@pytest.mark.parametrize("persona", list(MATRIX))
def test_reading(persona: str | None, world: World, monitored: Monitored) -> None:
    expected = MATRIX[persona][0]
    client = client_for(persona)
    check = monitored.check(monitored.county_system, 1)
    spending = monitored.spending(monitored.county_system)
    for url in (
        f"/dashboard/{world.county.pk}/",
        f"/dashboard/{world.county.pk}/scores/",
        f"/monitoring/orgs/{world.county.pk}/checks/",
        f"/monitoring/checks/{check.pk}/",
        f"/monitoring/spending/{spending.pk}/",
        f"/monitoring/thresholds/{world.county.pk}/",
    ):
        assert client.get(url).status_code in PAGE[expected], (persona, url)
    for url in (
        f"/api/dashboard/{world.county.pk}?year=2024",
        f"/api/monitoring/orgs/{world.county.pk}/checks",
        f"/api/monitoring/orgs/{world.county.pk}/spending",
        f"/api/monitoring/checks/{check.pk}",
        f"/api/monitoring/spending/{spending.pk}",
        f"/api/monitoring/thresholds/{world.county.pk}",
    ):
        assert client.get(url).status_code in API[expected], (persona, url)


@pytest.mark.parametrize("persona", list(MATRIX))
def test_answering(persona: str | None, world: World, monitored: Monitored) -> None:
    expected = MATRIX[persona][1]
    client = client_for(persona)
    check = monitored.check(monitored.county_system, 1)
    spending = monitored.spending(monitored.county_system)
    page = client.post(f"/monitoring/checks/{check.pk}/save/", {"value": "200户次"})
    assert page.status_code in PAGE[expected], persona
    money = client.post(f"/monitoring/spending/{spending.pk}/save/", {"spent": "40"})
    assert money.status_code in PAGE[expected], persona
    api = client.put(
        f"/api/monitoring/checks/{check.pk}",
        json.dumps({"value": "210户次"}),
        content_type="application/json",
    )
    assert api.status_code in API[expected], persona
    check.refresh_from_db()
    assert (check.value_text == "210户次") == (expected == "ok"), persona


@pytest.mark.parametrize("persona", list(MATRIX))
def test_launching(persona: str | None, world: World) -> None:
    expected = MATRIX[persona][2]
    client = client_for(persona)
    page = client.post(
        "/monitoring/launch/", {"organization": world.county.pk, "as_of": "2024-03-31"}
    )
    assert page.status_code in PAGE[expected], persona
    api = client.post(
        "/api/monitoring/rounds",
        json.dumps({"organization": world.county.pk, "as_of": "2024-04-30"}),
        content_type="application/json",
    )
    assert api.status_code in API[expected], persona
