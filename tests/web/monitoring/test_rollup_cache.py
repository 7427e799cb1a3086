"""The dashboards' cached roll-up: served from the shared cache, new figures right after a write.

These tests commit (``transaction=True``) as the server does, so the data version is published
on commit exactly as between two gunicorn workers; inside a test transaction the writer would
read past the cache.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.cycle.models import periods_for
from jixiao.web.monitoring.cache import data_version
from jixiao.web.monitoring.records import record_many
from jixiao.web.performance.models import Indicator
from tests.web.conftest import World, login
from tests.web.monitoring.conftest import Monitored

pytestmark = pytest.mark.django_db(transaction=True)


def county_row(client: Client, world: World) -> str:
    """The county's row of the city dashboard's ranking table."""
    page = client.get(reverse("dashboard_org", args=[world.city.pk]), {"year": 2024})
    assert page.status_code == 200
    found = re.search(rf'<tr data-org="{world.county.pk}".*?</tr>', page.content.decode(), re.S)
    assert found is not None
    return found.group(0)


def indicator_queries(client: Client, world: World) -> int:
    """How many statements of a dashboard request count the indicator table (the roll-up's)."""
    with CaptureQueriesContext(connection) as queries:
        county_row(client, world)
    table = Indicator._meta.db_table
    rollup = f'FROM "{table}" WHERE'
    return sum(rollup in q["sql"] and "COUNT(" in q["sql"] for q in queries.captured_queries)


def test_second_dashboard_is_served_from_the_cache(
    client: Client, world: World, monitored: Monitored
) -> None:
    login(client, "officer")
    assert indicator_queries(client, world) >= 1  # the first request counts the indicators
    assert indicator_queries(client, world) == 0  # the second reads the cached roll-up


def test_an_answered_check_shows_on_the_next_dashboard(world: World, monitored: Monitored) -> None:
    officer = login(Client(), "officer")
    before = county_row(officer, world)
    version = data_version()
    clerk = login(Client(), "clerk")
    check = monitored.check(monitored.county_system, 1)
    clerk.post(reverse("monitoring_save", args=[check.pk]), {"value": "60户次"})
    assert data_version() != version
    after = county_row(officer, world)
    red = 'status=red">{}</a>'
    assert red.format(0) in before and red.format(1) in after  # 60 of 300 户次 is a red light
    assert "%</a>" not in before and "40.00%</a>" in after  # the unit's completion appears
    assert indicator_queries(officer, world) == 0  # cached again under the new version


def test_a_saved_final_result_changes_the_score_on_the_next_dashboard(
    world: World, monitored: Monitored
) -> None:
    officer = login(Client(), "officer")
    before = county_row(officer, world)
    final = next(p for p in periods_for(2024) if p.is_final)
    indicator = monitored.county_system.indicators.get(position=1)
    clerk = login(Client(), "clerk")
    url = reverse("save_result", args=[indicator.pk, final.pk])
    assert clerk.post(url, {"value": "320户次"}).status_code in {200, 302}
    indicator.refresh_from_db()
    assert indicator.actual_text == "320户次"
    after = county_row(officer, world)
    assert after != before  # 40 → 50 points for the first indicator: the county's score moved


def test_a_bulk_upload_of_answers_shows_on_the_next_dashboard(
    world: World, monitored: Monitored
) -> None:
    officer = login(Client(), "officer")
    before = county_row(officer, world)
    check = monitored.check(monitored.county_system, 1)
    record_many([(check, "60户次")], [])
    after = county_row(officer, world)
    red = 'status=red">{}</a>'
    assert red.format(0) in before and red.format(1) in after  # bulk_update sends no signal
