from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.web.cycle.models import Change, Result, periods_for
from jixiao.web.cycle.workflow import transition
from jixiao.web.performance.models import IndicatorSystem

from .conftest import World, login

pytestmark = pytest.mark.django_db


def final_period(system: IndicatorSystem) -> int:
    return next(p.pk for p in periods_for(system.year) if p.is_final)


def test_the_grid_lists_every_indicator_with_an_editable_cell(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    page = client.get(f"/systems/{county_system.pk}/results/").content.decode()
    assert "监督抽查食品经营企业户次" in page and "投诉举报按时办结率" in page
    assert page.count('class="cell" name="value"') == 2 and "readonly" not in page


def test_saving_a_final_result_sets_the_actual_and_logs_old_and_new(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.get(code="1")
    url = f"/indicators/{indicator.pk}/results/{final_period(county_system)}/"
    assert (
        client.post(
            url, {"value": "320户次", "comment": "全年"}, HTTP_HX_REQUEST="true"
        ).status_code
        == 200
    )
    client.post(url, {"value": "330户次", "comment": "全年"}, HTTP_HX_REQUEST="true")
    indicator.refresh_from_db()
    assert indicator.actual_text == "330户次" and indicator.actual["raw"] == "330户次"
    change = Change.objects.filter(indicator=indicator, field__startswith="完成值").first()
    assert (change.old, change.new, change.user.username) == ("320户次", "330户次", "clerk")


def test_a_result_is_read_as_what_was_done_not_with_the_targets_direction(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.get(code="1")
    assert indicator.direction == "≥"
    url = f"/indicators/{indicator.pk}/results/{final_period(county_system)}/"
    client.post(url, {"value": "320", "comment": ""}, HTTP_HX_REQUEST="true")
    [parsed] = Result.objects.get(indicator=indicator).parsed
    assert (parsed["op"], parsed["value"]) == ("=", 320)


def test_evidence_files_are_kept_with_the_result(
    client: Client,
    world: World,
    county_system: IndicatorSystem,
    settings: object,
    tmp_path: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    login(client, "clerk")
    indicator = county_system.indicators.get(code="2")
    url = f"/indicators/{indicator.pk}/results/{final_period(county_system)}/"
    upload = SimpleUploadedFile("办结台账.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert client.post(url, {"value": "99%", "evidence": upload}).status_code == 302
    result = Result.objects.get(indicator=indicator)
    assert result.evidence.name.endswith(".pdf") and result.value_text == "99%"
    again = SimpleUploadedFile("新台账.pdf", b"%PDF-1.4 again", content_type="application/pdf")
    client.post(url, {"value": "99%", "evidence": again})
    logged = indicator.changes.filter(field__startswith="佐证材料").first()
    assert "evidence/" not in logged.old and logged.new == "新台账.pdf"


def test_a_submitted_system_refuses_result_entry_with_a_clear_message(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    login(client, "clerk")
    indicator = county_system.indicators.first()
    response = client.post(
        f"/indicators/{indicator.pk}/results/{final_period(county_system)}/", {"value": "1"}
    )
    assert response.status_code == 403 and "不能修改" in response.content.decode()


def test_a_clerk_of_one_department_cannot_enter_another_departments_result(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    from jixiao.web.orgs.models import Membership

    food = county_system.indicators.get(code="1")
    Membership.objects.filter(user=world.users["clerk"]).update(department=food.department)
    login(client, "clerk")
    other = county_system.indicators.get(code="2")
    period = final_period(county_system)
    assert (
        client.post(f"/indicators/{food.pk}/results/{period}/", {"value": "1"}).status_code == 302
    )
    refused = client.post(f"/indicators/{other.pk}/results/{period}/", {"value": "1"})
    assert refused.status_code == 403 and "本处室" in refused.content.decode()


def test_another_county_cannot_write_a_result_by_url(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "other_clerk")
    indicator = county_system.indicators.first()
    url = f"/indicators/{indicator.pk}/results/{final_period(county_system)}/"
    assert client.post(url, {"value": "0"}).status_code == 404
    assert not Result.objects.exists()


def test_the_audit_log_is_viewable_per_org_and_exportable_as_csv(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.first()
    client.post(f"/indicators/{indicator.pk}/edit/", {"weight": "12", "reason": "上级调整分值"})
    login(client, "city_officer")
    page = client.get(f"/audit/?org={world.city.pk}").content.decode()
    assert "上级调整分值" in page and "分值" in page
    csv = client.get(f"/audit/export.csv?indicator={indicator.pk}").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("时间,单位") and "10,12,上级调整分值" in csv
    login(client, "other_clerk")
    assert "上级调整分值" not in client.get("/audit/").content.decode()
    assert client.get(f"/audit/?org={world.county.pk}").status_code == 404


def test_the_indicator_page_shows_its_own_history_of_changes(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.first()
    client.post(
        f"/indicators/{indicator.pk}/edit/",
        {"target_text": "不少于320户次", "reason": "按年初计划"},
    )
    page = client.get(f"/indicators/{indicator.pk}/").content.decode()
    assert "按年初计划" in page and "不少于320户次" in page


def test_evidence_is_served_only_to_those_who_may_see_the_indicator(
    client: Client,
    world: World,
    county_system: IndicatorSystem,
    settings: object,
    tmp_path: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    login(client, "clerk")
    indicator = county_system.indicators.first()
    url = f"/indicators/{indicator.pk}/results/{final_period(county_system)}/"
    content = b"%PDF-1.4 checks ledger"
    client.post(url, {"value": "1", "evidence": SimpleUploadedFile("台账.pdf", content)})
    result = Result.objects.get(indicator=indicator)
    assert b"".join(client.get(f"/results/{result.pk}/evidence/").streaming_content) == content
    login(client, "other_clerk")
    assert client.get(f"/results/{result.pk}/evidence/").status_code == 404


def test_a_target_typed_as_text_is_shown_back_structured(client: Client, world: World) -> None:
    login(client, "clerk")
    page = client.post("/parse-target/", {"value": "不少于33件"}).content.decode()
    assert "≥ 33 件" in page
    assert (
        "截止 2023-12-31"
        in client.post("/parse-target/", {"value": "2023年12月31日前"}).content.decode()
    )


def test_the_audit_csv_gives_the_same_beijing_time_as_the_page(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.first()
    client.post(f"/indicators/{indicator.pk}/edit/", {"weight": "12", "reason": "上级调整分值"})
    change = Change.objects.get(field="分值")  # the log is append-only: its time is as saved
    beijing = change.at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    utc = change.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    page = client.get(f"/audit/?indicator={indicator.pk}").content.decode()
    csv = client.get(f"/audit/export.csv?indicator={indicator.pk}").content.decode("utf-8-sig")
    assert beijing in page  # Beijing is eight hours ahead of UTC
    assert beijing in csv and utc not in csv


def test_text_or_a_foreign_unit_on_a_numeric_indicator_is_warned_about_where_typed(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.get(code="1")  # 不少于300户次
    url = f"/indicators/{indicator.pk}/results/{final_period(county_system)}/"
    for text, warning in (("abc", "「abc」不是数字"), ("已完成", "「已完成」不是数字")):
        saved = client.post(url, {"value": text}, HTTP_HX_REQUEST="true").content.decode()
        assert warning in saved and "如“300户次”" in saved and "已保存" in saved
    saved = client.post(url, {"value": "95%"}, HTTP_HX_REQUEST="true").content.decode()
    assert "单位「%」与目标值的单位「户次」不一致" in saved
    grid = client.get(f"/systems/{county_system.pk}/results/").content.decode()
    assert "单位「%」与目标值的单位「户次」不一致" in grid
    typed = client.post(
        "/parse-target/", {"value": "已完成", "indicator": indicator.pk}
    ).content.decode()
    assert "「已完成」不是数字" in typed
    fine = client.post(url, {"value": "320户次"}, HTTP_HX_REQUEST="true").content.decode()
    assert "result-warning" not in fine
    login(client, "outsider")
    assert (
        client.post("/parse-target/", {"value": "x", "indicator": indicator.pk}).status_code == 404
    )
