"""API errors: every failure answers Chinese JSON, never a 500; reads never write."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from jixiao.web.cycle.models import ReportingPeriod
from jixiao.web.performance.models import IndicatorSystem

from .conftest import World
from .test_api_cycle import bearer

pytestmark = pytest.mark.django_db


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def strict() -> Client:
    """A client as a browser or program meets the API: CSRF enforced, errors as responses."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/periods?year=-1", 422, "查询参数 year：不得小于 1990"),
        ("/api/periods?year=99999", 422, "不得大于 2100"),
        ("/api/orgs?page=9223372036854775808", 422, "查询参数 page：不得大于"),
        ("/api/orgs?page=0", 422, "查询参数 page：不得小于 1"),
        ("/api/disclosure/{county}/0/requests", 422, "路径参数 year：不得小于 1990"),
        ("/api/disclosure/{county}/0/report", 422, "路径参数 year"),
        ("/api/systems?year=abc", 422, "查询参数 year：须为整数"),
        ("/api/no-such-thing", 404, "接口或数据不存在"),
        ("/api/systems/999999", 404, "数据不存在"),
        ("/api/parse-target", 405, "不支持 GET 方法"),
    ],
)
def test_bad_requests_get_a_chinese_4xx(
    strict: Client, world: World, url: str, status: int, words: str
) -> None:
    response = strict.get(url.format(county=world.county.pk), **bearer(world, "clerk"))
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert words in response.json()["detail"]


def test_an_invalid_body_names_the_field_in_chinese(
    strict: Client, world: World, county_system: IndicatorSystem
) -> None:
    indicator = county_system.indicators.first()
    response = strict.patch(
        f"/api/indicators/{indicator.pk}",
        json.dumps({"weight": "十分"}),
        content_type="application/json",
        **bearer(world, "clerk"),
    )
    assert response.status_code == 422
    body = response.json()
    assert "请求体 weight：须为有限的数字" in body["detail"]
    assert body["errors"][0]["loc"] == ["body", "body", "weight"]
    broken = strict.post(
        "/api/parse-target", "{", content_type="application/json", **bearer(world, "clerk")
    )
    assert broken.status_code in (400, 422) and has_chinese(broken.json()["detail"])


@pytest.mark.parametrize("cookie", [False, True])
def test_a_wrong_token_on_a_write_is_401_not_a_csrf_403(
    strict: Client, world: World, county_system: IndicatorSystem, cookie: bool
) -> None:
    if cookie:  # a browser that also holds a (stale) session cookie
        strict.cookies["sessionid"] = "stale"
    response = strict.patch(
        f"/api/indicators/{county_system.indicators.first().pk}",
        json.dumps({"name": "改名"}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer jx_wrong",
    )
    assert response.status_code == 401
    assert "未认证" in response.json()["detail"]


def test_a_session_write_without_the_csrf_header_is_refused_in_chinese(
    strict: Client, world: World, county_system: IndicatorSystem
) -> None:
    from .conftest import login

    login(strict, "clerk")
    response = strict.patch(
        f"/api/indicators/{county_system.indicators.first().pk}",
        json.dumps({"name": "改名"}),
        content_type="application/json",
    )
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert has_chinese(response.json()["detail"])


def test_no_token_is_401_in_chinese(strict: Client, world: World) -> None:
    response = strict.get("/api/systems")
    assert response.status_code == 401 and "未认证" in response.json()["detail"]


def test_reading_periods_never_writes(strict: Client, world: World) -> None:
    before = ReportingPeriod.objects.count()
    response = strict.get("/api/periods?year=2031", **bearer(world, "readonly"))
    assert response.status_code == 200 and response.json() == []
    assert ReportingPeriod.objects.count() == before


def test_a_systems_import_creates_its_years_periods(
    strict: Client, world: World, county_system: IndicatorSystem
) -> None:
    listed = strict.get("/api/periods?year=2024", **bearer(world, "readonly")).json()
    assert [p["name"] for p in listed] == ["1-6月", "全年"]


def test_parse_target_documents_its_own_body() -> None:
    from jixiao.web.api.views import api

    schema = api.get_openapi_schema()
    body = schema["paths"]["/api/parse-target"]["post"]["requestBody"]["content"]
    ref = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {
        "text",
        "direction",
        "unit",
    }


def test_a_year_outside_the_range_in_a_page_address_is_a_404(
    client: Client, world: World
) -> None:
    from .conftest import login

    login(client, "clerk")
    assert client.get(f"/disclosure/{world.county.pk}/0/").status_code == 404
    assert client.get(f"/disclosure/{world.county.pk}/2024/").status_code == 200


def test_range_and_digit_limits_are_worded_in_chinese() -> None:
    from jixiao.web.api.errors import describe

    errors = describe(
        [
            {"loc": ["body", "body", "weight"], "type": "less_than_equal", "ctx": {"le": 100}},
            {"loc": ["body", "body", "weight"], "type": "decimal_max_places", "ctx": {"decimal_places": 4}},
            {"loc": ["query", "page"], "type": "missing"},
        ]
    )
    assert [e["msg"] for e in errors] == [
        "请求体 weight：不得大于 100",
        "请求体 weight：小数不得超过 4 位",
        "查询参数 page：为必填项",
    ]
