from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.cycle.models import Change
from jixiao.web.performance.models import IndicatorSystem

from .conftest import World, login

pytestmark = pytest.mark.django_db


def test_the_tree_editor_groups_indicators_by_level_with_a_live_sum(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    county_system.figures = [{"name": "分值:产出指标/数量指标", "value": 10}]
    county_system.save()
    login(client, "clerk")
    page = client.get(f"/systems/{county_system.pk}/tree/").content.decode()
    assert "产出指标 › 数量指标" in page and 'data-stated="10"' in page and 'class="sum"' in page


def test_adding_and_moving_an_indicator_is_logged(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    client.post(
        f"/systems/{county_system.pk}/indicators/add/",
        {"path": "产出指标/质量指标", "name": "抽检合格率", "weight": "5"},
    )
    added = county_system.indicators.get(name="抽检合格率")
    assert added.path == ["产出指标", "质量指标"] and added.position == 3
    client.post(f"/indicators/{added.pk}/move/up/")
    added.refresh_from_db()
    assert added.position == 2
    assert set(Change.objects.filter(indicator=added).values_list("field", flat=True)) == {
        "新增指标",
        "序号",
    }


def test_a_read_only_user_cannot_edit_the_tree(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "readonly")
    indicator = county_system.indicators.first()
    response = client.post(f"/indicators/{indicator.pk}/edit/", {"weight": "1"})
    assert response.status_code == 403 and "没有权限编辑" in response.content.decode()


def test_a_weight_that_is_not_a_number_is_refused_and_nothing_changes(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.first()
    reply = client.post(
        f"/indicators/{indicator.pk}/edit/", {"weight": "十分"}, HTTP_HX_REQUEST="true"
    )
    assert "不是数字" in reply.content.decode()
    indicator.refresh_from_db()
    assert indicator.weight == 10 and not Change.objects.filter(indicator=indicator).exists()
