"""Two people edit the same value: the second save is refused with both values, nothing saved.

The API sends an ETag and honours If-Match (409 with the stored and the sent value, in
Chinese); a page posts the version it showed and a stale save answers with the 409 page.
A write without If-Match is still accepted (older integrations), and logged.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.models import Change, Result, periods_for
from jixiao.web.performance.models import Indicator, IndicatorSystem
from tests.web.conftest import World, login

pytestmark = pytest.mark.django_db


def bearer(world: World, persona: str) -> dict[str, str]:
    _, raw = ApiToken.issue(world.users[persona], "冲突测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def put(client: Client, url: str, auth: dict, body: dict, tag: str | None = None) -> object:
    extra = {"HTTP_IF_MATCH": tag} if tag is not None else {}
    return client.put(url, json.dumps(body), content_type="application/json", **auth, **extra)


def test_the_api_refuses_a_stale_if_match_with_both_values(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    indicator = county_system.indicators.first()
    url = f"/api/indicators/{indicator.pk}/results/{periods_for(2024)[0].pk}"
    auth = bearer(world, "clerk")
    first = client.get(url, **auth)
    assert first.status_code == 200 and first["ETag"] == '"0"'
    saved = put(client, url, auth, {"value": "100户次"}, first["ETag"])
    assert saved.status_code == 200 and saved["ETag"] == '"1"' and saved.json()["version"] == 1
    stale = put(client, url, auth, {"value": "90户次"}, first["ETag"])  # Bob's old copy
    assert stale.status_code == 409 and stale["ETag"] == '"1"'
    body = stale.json()
    assert "您的修改没有保存" in body["detail"] and "clerk" in body["detail"]
    assert body["current"]["value_text"] == "100户次" and body["yours"]["value_text"] == "90户次"
    assert Result.objects.get(indicator=indicator).value_text == "100户次"  # nothing saved
    garbage = put(client, url, auth, {"value": "80户次"}, "not-a-tag")
    assert garbage.status_code == 409
    blind = put(client, url, auth, {"value": "110户次"})  # no If-Match: accepted, and logged
    assert blind.status_code == 200 and blind.json()["version"] == 2
    log = Change.objects.filter(indicator=indicator).order_by("pk")
    assert [(c.old, c.new) for c in log] == [("", "100户次"), ("100户次", "110户次")]


def test_the_api_patch_of_an_indicator_honours_if_match(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    indicator = county_system.indicators.first()
    url = f"/api/indicators/{indicator.pk}"
    auth = bearer(world, "clerk")
    tag = client.get(url, **auth)["ETag"]
    ok = client.patch(
        url,
        json.dumps({"name": "户数（改）"}),
        content_type="application/json",
        HTTP_IF_MATCH=tag,
        **auth,
    )
    assert ok.status_code == 200 and ok["ETag"] != tag
    stale = client.patch(
        url,
        json.dumps({"name": "次数（改）"}),
        content_type="application/json",
        HTTP_IF_MATCH=tag,
        **auth,
    )
    assert stale.status_code == 409 and stale.json()["fields"][0]["label"] == "指标名称"
    assert Indicator.objects.get(pk=indicator.pk).name == "户数（改）"


def test_a_stale_form_shows_the_409_page_with_both_values(
    world: World, county_system: IndicatorSystem
) -> None:
    indicator = county_system.indicators.first()
    alice, bob = login(Client(), "clerk"), login(Client(), "officer")
    page = alice.get(f"/indicators/{indicator.pk}/").content.decode()
    assert 'name="version" value="1"' in page
    url = f"/indicators/{indicator.pk}/edit/"
    assert alice.post(url, {"name": "爱丽丝的名称", "version": "1"}).status_code == 302
    response = bob.post(url, {"name": "鲍勃的名称", "version": "1"})  # Bob opened it before
    text = response.content.decode()
    assert response.status_code == 409
    assert "修改冲突" in text and "爱丽丝的名称" in text and "鲍勃的名称" in text
    assert Indicator.objects.get(pk=indicator.pk).name == "爱丽丝的名称"
    again = bob.post(url, {"name": "鲍勃的名称", "version": "2"})  # after looking again
    assert again.status_code == 302
    assert Indicator.objects.get(pk=indicator.pk).name == "鲍勃的名称"


def test_a_stale_grid_save_answers_with_a_fragment(
    world: World, county_system: IndicatorSystem
) -> None:
    indicator = county_system.indicators.first()
    period = periods_for(2024)[-1]
    clerk = login(Client(), "clerk")
    url = f"/indicators/{indicator.pk}/results/{period.pk}/"
    first = clerk.post(url, {"value": "300户次", "version": "0"}, HTTP_HX_REQUEST="true")
    assert first.status_code == 200 and first["ETag"] == '"1"'
    stale = clerk.post(url, {"value": "200户次", "version": "0"}, HTTP_HX_REQUEST="true")
    text = stale.content.decode()
    assert stale.status_code == 409 and "300户次" in text and "200户次" in text
    assert "<html" not in text  # a fragment for the cell, not a page
    assert Result.objects.get(indicator=indicator, period=period).value_text == "300户次"


def test_a_stale_proactive_table_is_refused_whole(world: World) -> None:
    from jixiao.web.disclosure.models import ProactiveCount

    alice, bob = login(Client(), "clerk"), login(Client(), "clerk")
    url = f"/disclosure/{world.county.pk}/2022/proactive/"
    assert 'name="ver|行政许可|本年处理决定数量" value="0"' in bob.get(url).content.decode()
    cell = "v|行政许可|本年处理决定数量"
    assert alice.post(url, {cell: "4804", "ver|行政许可|本年处理决定数量": "0"}).status_code == 302
    stale = bob.post(
        url, {cell: "100", "v|规章|本年制发件数": "2", "ver|行政许可|本年处理决定数量": "0"}
    )
    assert stale.status_code == 409 and "4804" in stale.content.decode()
    assert ProactiveCount.objects.get(item="行政许可").value == 4804
    made = ProactiveCount.objects.get(item="规章", column="本年制发件数")
    assert made.value == 0  # Bob's other cell was not saved either: nothing half-saved


def test_a_weight_typed_in_the_tree_editor_is_version_checked(
    world: World, county_system: IndicatorSystem
) -> None:
    """The tree editor saves each weight in place; a stale one is refused, not lost (#16)."""
    indicator = county_system.indicators.first()
    alice, bob = login(Client(), "clerk"), login(Client(), "clerk")
    page = alice.get(f"/systems/{county_system.pk}/tree/").content.decode()
    hidden = f'id="version-{indicator.pk}" value="{indicator.version}"'
    assert hidden in page and f'hx-include="#version-{indicator.pk}"' in page
    url, shown = f"/indicators/{indicator.pk}/edit/", str(indicator.version)
    saved = alice.post(url, {"weight": "12", "version": shown}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and "已保存" in saved.content.decode()
    moved = f'id="version-{indicator.pk}" value="{indicator.version + 1}" hx-swap-oob="true"'
    assert moved in saved.content.decode()  # the page's next save sends the new version
    stale = bob.post(url, {"weight": "8", "version": shown}, HTTP_HX_REQUEST="true")
    text = stale.content.decode()
    assert stale.status_code == 409 and "12" in text and "8" in text
    assert Indicator.objects.get(pk=indicator.pk).weight == 12
    again = alice.post(
        url, {"weight": "11", "version": str(indicator.version + 1)}, HTTP_HX_REQUEST="true"
    )
    assert again.status_code == 200 and Indicator.objects.get(pk=indicator.pk).weight == 11
