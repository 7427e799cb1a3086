from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from jixiao.web.monitoring.models import Light
from jixiao.web.monitoring.records import record_indicator, record_spending
from tests.web.conftest import World, login
from tests.web.monitoring.conftest import Monitored


def red_county(m: Monitored) -> None:
    record_indicator(m.check(m.county_system, 1), "60户次")
    record_spending(m.spending(m.county_system), "8")


def test_dashboard_shows_the_users_top_org_with_ranking_and_chart(
    client: Client, world: World, monitored: Monitored
) -> None:
    red_county(monitored)
    page = login(client, "officer").get(reverse("dashboard")).content.decode()
    assert world.province.name in page and 'id="ranking-chart"' in page
    assert world.city.name in page and "echarts.min.js" in page
    assert "截至 2024年6月30日" in page
    city_link = reverse("dashboard_org", args=[world.city.pk])
    assert city_link in page


def test_drill_down_from_city_to_county_to_system_to_indicator(
    client: Client, world: World, monitored: Monitored
) -> None:
    red_county(monitored)
    login(client, "officer")
    city = client.get(reverse("dashboard_org", args=[world.city.pk]), {"year": 2024})
    county_link = reverse("dashboard_org", args=[world.county.pk])
    assert county_link in city.content.decode()
    county = client.get(county_link, {"year": 2024}).content.decode()
    assert "本单位指标体系" in county and f"system={monitored.county_system.pk}" in county
    rows = client.get(
        reverse("monitoring_checks", args=[world.county.pk]),
        {"year": 2024, "as_of": "2024-06-30", "system": monitored.county_system.pk},
    ).content.decode()
    check = monitored.check(monitored.county_system, 1)
    assert reverse("monitoring_check", args=[check.pk]) in rows and "待说明" in rows
    detail = client.get(reverse("monitoring_check", args=[check.pk])).content.decode()
    assert (
        "时序进度应为50.00%" in detail
        and reverse("indicator_detail", args=[check.indicator_id]) in detail
    )
    assert 'id="answer-form"' not in detail  # the province reads, the county answers


def test_ranking_sorts_by_the_column_asked(
    client: Client, world: World, monitored: Monitored
) -> None:
    red_county(monitored)
    record_indicator(monitored.check(monitored.other_system, 1), "150户次")
    login(client, "officer")
    url = reverse("dashboard_org", args=[world.city.pk])
    by_completion = client.get(url, {"year": 2024, "sort": "completion"}).content.decode()
    names = re.findall(r'<tr data-org="(\d+)"', by_completion)
    assert names == [str(world.other_county.pk), str(world.county.pk)]
    by_red = client.get(url, {"year": 2024, "sort": "red"}).content.decode()
    assert re.findall(r'<tr data-org="(\d+)"', by_red)[0] == str(world.other_county.pk)


def test_red_filter_lists_the_source_rows_of_the_red_count(
    client: Client, world: World, monitored: Monitored
) -> None:
    red_county(monitored)
    login(client, "officer")
    url = reverse("monitoring_checks", args=[world.province.pk])
    page = client.get(url, {"year": 2024, "status": "red"}).content.decode()
    assert page.count('data-status="red"') == 1 and "监督抽查食品经营企业户次" in page
    spending = client.get(
        url, {"year": 2024, "status": "red", "what": "spending"}
    ).content.decode()
    assert "食品抽检项目" in spending and spending.count('data-status="red"') == 1


def test_county_clerk_enters_value_and_reason_and_the_alert_goes(
    client: Client, world: World, monitored: Monitored
) -> None:
    login(client, "clerk")
    check = monitored.check(monitored.county_system, 1)
    save = reverse("monitoring_save", args=[check.pk])
    client.post(save, {"value": "60户次"})
    check.refresh_from_db()
    assert check.status == Light.RED
    home = client.get(reverse("home")).content.decode()
    assert re.search(r'id="nav-alerts"[^>]*>预警 <span class="badge alert"[^>]*>1</span>', home)
    alerts = client.get(reverse("monitoring_alerts")).content.decode()
    assert "监督抽查食品经营企业户次" in alerts
    missing = client.post(save, {"reason": "资金未到位", "measure": ""}, follow=True)
    assert "必须填写偏差原因和纠偏措施" in missing.content.decode()
    client.post(
        save, {"reason": "资金5月才到位", "measure": "三季度集中抽查", "likelihood": "possible"}
    )
    check.refresh_from_db()
    assert check.reason == "资金5月才到位" and not check.needs_response
    assert 'class="badge alert"' not in client.get(reverse("home")).content.decode()


def test_officer_above_cannot_write_the_county_reason(
    client: Client, world: World, monitored: Monitored
) -> None:
    red_county(monitored)
    check = monitored.check(monitored.county_system, 1)
    for name in ("officer", "city_officer", "readonly"):
        c = Client()
        login(c, name)
        response = c.post(
            reverse("monitoring_save", args=[check.pk]), {"reason": "x", "measure": "y"}
        )
        assert response.status_code == 403, name
        assert "本单位的填报人员" in response.content.decode()
    check.refresh_from_db()
    assert check.reason == ""


def test_other_county_and_other_province_cannot_see_by_url(
    client: Client, world: World, monitored: Monitored
) -> None:
    check = monitored.check(monitored.county_system, 1)
    login(client, "other_clerk")
    assert client.get(reverse("monitoring_check", args=[check.pk])).status_code == 404
    assert client.get(reverse("dashboard_org", args=[world.county.pk])).status_code == 404
    assert (
        client.post(reverse("monitoring_save", args=[check.pk]), {"value": "1户次"}).status_code
        == 404
    )
    outsider = Client()
    login(outsider, "outsider")
    assert outsider.get(reverse("dashboard_org", args=[world.province.pk])).status_code == 404
    assert world.province.name not in outsider.get(reverse("dashboard")).content.decode()


def test_saving_needs_csrf(world: World, monitored: Monitored) -> None:
    strict = Client(enforce_csrf_checks=True)
    login(strict, "clerk")
    check = monitored.check(monitored.county_system, 1)
    assert (
        strict.post(reverse("monitoring_save", args=[check.pk]), {"value": "1户次"}).status_code
        == 403
    )


def test_officer_launches_a_round_and_clerk_cannot(client: Client, world: World) -> None:
    login(client, "city_officer")
    page = client.get(reverse("monitoring_rounds")).content.decode()
    assert 'id="launch-form"' in page
    response = client.post(
        reverse("monitoring_launch"),
        {"organization": world.city.pk, "as_of": "2024-03-31"},
        follow=True,
    )
    assert "已发起「2024年1-3月运行监控」" in response.content.decode()
    again = client.post(
        reverse("monitoring_launch"),
        {"organization": world.city.pk, "as_of": "2024-03-31"},
        follow=True,
    )
    assert "已存在" in again.content.decode()
    clerk = Client()
    login(clerk, "clerk")
    refused = clerk.post(
        reverse("monitoring_launch"), {"organization": world.county.pk, "as_of": "2024-03-31"}
    )
    assert refused.status_code == 403


def test_thresholds_page_saves_for_the_officer_only(client: Client, world: World) -> None:
    login(client, "officer")
    url = reverse("monitoring_thresholds", args=[world.province.pk])
    data = {
        "progress_red_below": "50",
        "progress_amber_below": "75",
        "spending_red_below": "60",
        "spending_amber_below": "80",
        "default_month": "7",
    }
    assert client.post(url, data).status_code == 302
    assert 'value="75.00"' in client.get(url).content.decode()
    bad = client.post(url, data | {"progress_red_below": "90"}).content.decode()
    assert "红灯阈值不能高于黄灯阈值" in bad
    clerk = Client()
    login(clerk, "clerk")
    assert clerk.post(url, data).status_code == 404  # the province is above the county
    county = reverse("monitoring_thresholds", args=[world.county.pk])
    assert clerk.post(county, data).status_code == 403


def test_score_sources_list_the_systems_behind_the_score(
    client: Client, world: World, monitored: Monitored
) -> None:
    login(client, "city_officer")
    page = client.get(
        reverse("dashboard_scores", args=[world.city.pk]), {"year": 2024}
    ).content.decode()
    assert reverse("system_detail", args=[monitored.county_system.pk]) in page
    assert "80.00" in page and "70.00" in page


def test_city_and_county_users_see_the_provinces_round_and_open_their_own_data(
    client: Client, world: World, monitored: Monitored
) -> None:
    for name, own, other in (
        ("clerk", world.county, world.other_county),
        ("city_officer", world.city, None),
        ("reviewer", world.city, None),
    ):
        login(client, name)
        page = client.get("/monitoring/").content.decode()
        assert "还没有监控轮次" not in page and monitored.round.name in page, name
        row = page[page.index(monitored.round.name) :].split("</tr>")[0]
        checks = reverse("monitoring_checks", args=[own.pk])
        assert checks in row, name
        assert reverse("monitoring_checks", args=[world.province.pk]) not in row, name
        assert reverse("dashboard_org", args=[own.pk]) in row, name
        if other is not None:
            assert reverse("monitoring_checks", args=[other.pk]) not in row
        opened = client.get(f"{checks}?year=2024&as_of=2024-06-30")
        assert opened.status_code == 200 and "监督抽查食品经营企业户次" in opened.content.decode()
    login(client, "outsider")
    assert monitored.round.name not in client.get("/monitoring/").content.decode()
