"""Signed results typed in the grid are stored signed and scored as met or not (issue 16)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client

from jixiao.core.documents import Document, Indicator
from jixiao.core.quantities import MAX_VALUE_CHARS
from jixiao.core.targets import parse_target
from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.models import Result, periods_for
from jixiao.web.imports.save import save_document
from jixiao.web.performance.models import Indicator as IndicatorRow

from .conftest import World, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def growth(world: World) -> IndicatorRow:
    """A county system with one growth indicator: 市场主体增长率 ≥5%, 7 points."""
    doc = Document(
        kind="self_evaluation",
        title="乙县市场监督管理局2024年度部门整体支出绩效自评表",
        year=2024,
        indicators=[
            Indicator(
                id="1",
                name="市场主体增长率",
                path=["效益指标", "经济效益指标"],
                direction="≥",
                targets=parse_target("≥5%"),
                weight=Decimal(7),
                score=Decimal(7),
                departments=["食品经营安全监督管理股"],
            )
        ],
    )
    system = save_document(doc, world.county, user=world.users["clerk"])
    return system.indicators.get(code="1")


def _save(client: Client, indicator: IndicatorRow, value: str) -> str:
    final = next(p for p in periods_for(indicator.system.year) if p.is_final)
    url = f"/indicators/{indicator.pk}/results/{final.pk}/"
    response = client.post(url, {"value": value, "comment": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    indicator.refresh_from_db()
    return response.content.decode()


@pytest.mark.parametrize("typed", ["-3%", "负增长3%", "下降3%", "\u22123%"])
def test_a_fall_typed_in_the_grid_is_stored_negative_and_scores_nothing(
    client: Client, world: World, growth: IndicatorRow, typed: str
) -> None:
    login(client, "clerk")
    _save(client, growth, "3%")
    assert growth.recomputed == Decimal("4.20")  # 3 ÷ 5 × 7: a rise keeps its share
    _save(client, growth, typed)
    [parsed] = Result.objects.get(indicator=growth).parsed
    assert parsed["value"] == -3 and growth.recomputed == 0
    assert growth.actual["targets"][0]["value"] == -3


def test_a_value_past_the_cap_is_refused_in_chinese_and_nothing_is_saved(
    client: Client, world: World, growth: IndicatorRow
) -> None:
    login(client, "clerk")
    _save(client, growth, "6%")
    page = _save(client, growth, "1" * (MAX_VALUE_CHARS + 1))
    assert "未保存" in page and "过长" in page and "已保存" not in page
    page = _save(client, growth, "1" * 5000)
    assert "未保存" in page
    assert growth.actual_text == "6%" and Result.objects.get(indicator=growth).value_text == "6%"
    page = _save(client, growth, "9" * 30 + "%")
    assert "位" in page and growth.actual_text == "6%"


def test_the_api_stores_a_fall_signed_and_refuses_a_value_past_the_cap(
    client: Client, world: World, growth: IndicatorRow
) -> None:
    _, raw = ApiToken.issue(world.users["clerk"], "接口测试")
    final = next(p for p in periods_for(growth.system.year) if p.is_final)
    url = f"/api/indicators/{growth.pk}/results/{final.pk}"

    def put(value: str):
        body = json.dumps({"value": value, "comment": ""})
        return client.put(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
        )

    assert put("负增长3%").status_code == 200
    growth.refresh_from_db()
    assert growth.actual["targets"][0]["value"] == -3 and growth.recomputed == 0
    refused = put("a" * (MAX_VALUE_CHARS + 1))
    assert refused.status_code == 422 and "过长" in refused.json()["detail"]
    growth.refresh_from_db()
    assert growth.actual_text == "负增长3%"
