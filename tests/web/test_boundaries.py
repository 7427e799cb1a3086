"""Numbers at every boundary: out-of-range values are refused in Chinese, and a value that is
in the database anyway (written before these checks, or by hand) never breaks a page."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from jixiao.web.cycle.models import Change, Result, periods_for
from jixiao.web.performance.models import Indicator, IndicatorSystem

from .conftest import World, login
from .test_api_cycle import bearer

pytestmark = pytest.mark.django_db

HUGE = ["99999999999999", "1e30", "-1", "100.5", "NaN", "12.123456"]


@pytest.fixture
def strict() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("weight", HUGE)
def test_the_api_refuses_a_weight_out_of_range_and_saves_nothing(
    strict: Client, world: World, county_system: IndicatorSystem, weight: str
) -> None:
    indicator = county_system.indicators.first()
    response = strict.patch(
        f"/api/indicators/{indicator.pk}",
        json.dumps({"weight": weight}),
        content_type="application/json",
        **bearer(world, "clerk"),
    )
    assert response.status_code == 422, response.content[:300]
    assert "请求体 weight" in response.json()["detail"]
    indicator.refresh_from_db()
    assert indicator.weight == 10 and not Change.objects.exists()


@pytest.mark.parametrize("weight", HUGE)
def test_the_tree_editor_refuses_a_weight_out_of_range_in_chinese(
    client: Client, world: World, county_system: IndicatorSystem, weight: str
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.first()
    response = client.post(
        f"/indicators/{indicator.pk}/edit/", {"weight": weight}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="err"' in text and "分值" in text
    indicator.refresh_from_db()
    assert indicator.weight == 10


def test_a_5000_digit_result_is_refused_in_chinese_and_the_grid_still_renders(
    strict: Client, world: World, county_system: IndicatorSystem
) -> None:
    indicator = county_system.indicators.first()
    period = next(p for p in periods_for(2024) if p.is_final)
    auth = bearer(world, "clerk")
    api = strict.put(
        f"/api/indicators/{indicator.pk}/results/{period.pk}",
        json.dumps({"value": "9" * 5000}),
        content_type="application/json",
        **auth,
    )
    assert api.status_code == 422 and "数字过长（5000 位）" in api.json()["detail"]
    parsed = strict.post(
        "/api/parse-target", json.dumps({"text": "9" * 5000}), content_type="application/json", **auth
    )
    assert parsed.status_code == 200 and parsed.json() == []
    login(strict, "clerk")
    page = strict.post(
        f"/indicators/{indicator.pk}/results/{period.pk}/",
        {"value": "9" * 5000},
        HTTP_HX_REQUEST="true",
    )
    assert page.status_code == 200 and "未保存" in page.content.decode()
    assert not Result.objects.exists()
    grid = strict.get(f"/systems/{county_system.pk}/results/")
    assert grid.status_code == 200 and "监督抽查食品经营企业户次" in grid.content.decode()


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="only SQLite keeps such a number")
@pytest.mark.parametrize("stored", ["99999999999999", "1e30"])
def test_every_page_reads_a_weight_out_of_range_already_in_the_database(
    strict: Client, world: World, county_system: IndicatorSystem, stored: str
) -> None:
    indicator = county_system.indicators.first()
    table = Indicator._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET weight = {stored} WHERE id = %s", [indicator.pk])
    login(strict, "officer")
    system = county_system.pk
    for url in (
        f"/systems/{system}/",
        f"/systems/{system}/tree/",
        f"/systems/{system}/results/",
        f"/indicators/{indicator.pk}/",
        f"/systems/{system}/export/xlsx/",
        f"/api/systems/{system}/indicators",
        f"/api/systems/{system}/document",
        f"/api/systems/{system}/score",
        "/",
    ):
        response = strict.get(url)
        assert response.status_code == 200, (url, response.content[:300])
    # … and the weight can be corrected from the page.
    login(strict, "clerk")
    strict.post(f"/indicators/{indicator.pk}/edit/", {"weight": "10", "reason": "改正"})
    indicator.refresh_from_db()
    assert indicator.weight == 10


@pytest.mark.parametrize("spent", [Decimal("1e30"), "1e30", "-3", Decimal("NaN"), "9" * 40])
def test_spending_out_of_range_is_refused_in_chinese(spent: object) -> None:
    from jixiao.web.monitoring.records import MonitoringError, parse_money

    with pytest.raises(MonitoringError, match="支出金额"):
        parse_money(spent)
    assert parse_money("12.5万元") == Decimal("12.5")


def test_an_import_with_a_number_beyond_its_column_is_refused_naming_it(world: World) -> None:
    from jixiao.web.imports.save import SaveError, save_document

    from .conftest import county_document

    doc = county_document()
    doc.indicators[1].weight = Decimal("1e30")
    with pytest.raises(SaveError, match="「投诉举报按时办结率」的数字超出可保存的范围：分值 1E"):
        save_document(doc, world.county, user=world.users["clerk"])
    assert not IndicatorSystem.objects.exists()


@pytest.mark.parametrize("year", ["0", "-1", "99999", "9" * 30, "abc", "２０２４"])
def test_a_year_out_of_range_in_a_query_falls_back_instead_of_failing(
    client: Client, world: World, county_system: IndicatorSystem, year: str
) -> None:
    login(client, "officer")
    for url in (
        f"/orgs/{world.province.pk}/export/?year={year}",
        f"/dashboard/{world.province.pk}/?year={year}",
        f"/outcomes/rankings/?year={year}",
    ):
        assert client.get(url).status_code in (200, 302), url
