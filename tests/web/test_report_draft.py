"""The drafted 绩效自评报告 in the web system (#19.7): drafted from the system's data, edited,
saved with an audit entry, protected against a lost update, issued as Word and PDF."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from jixiao.web.cycle.models import Change, ReportDraft
from jixiao.web.performance.models import IndicatorSystem
from tests.web.browser import MARKS, log_in

from .conftest import PASSWORD, World, login

pytestmark = pytest.mark.django_db


def url(system: IndicatorSystem, tail: str = "") -> str:
    return f"/systems/{system.pk}/report/{tail}"


def test_the_page_drafts_the_report_from_the_systems_figures(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    page = client.get(url(county_system)).content.decode()
    assert "乙县市场监督管理局2024年度部门整体支出绩效自评报告" in page
    assert "一、基本情况" in page and "五、整改措施" in page
    assert f"本年度设定绩效指标{county_system.indicators.count()}个" in page
    assert not ReportDraft.objects.exists()  # opening the page saves nothing


def test_a_save_is_versioned_and_audited_with_old_and_new_text(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    text = "乙县2024年度自评报告\n一、基本情况\n全年完成各项任务。\n"
    response = client.post(url(county_system), {"text": text, "version": "0"})
    assert response.status_code == 302
    saved = ReportDraft.objects.get(system=county_system)
    assert (saved.text, saved.version, saved.updated_by.username) == (text, 1, "clerk")
    edited = text.replace("全年完成", "全年基本完成")
    client.post(url(county_system), {"text": edited, "version": "1"})
    change = Change.objects.filter(system=county_system, field="自评报告").first()
    assert (change.old, change.new, change.user.username) == (text, edited, "clerk")
    assert "全年基本完成" in client.get(url(county_system)).content.decode()


def test_a_stale_save_is_refused_with_both_texts_and_nothing_saved(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    client.post(url(county_system), {"text": "标题\n一、甲\n第一人的正文。\n", "version": "0"})
    response = client.post(
        url(county_system), {"text": "标题\n一、甲\n第二人的正文。\n", "version": "0"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "他人已保存" in page and "第一人的正文" in page and "第二人的正文" in page
    assert ReportDraft.objects.get(system=county_system).text.count("第一人") == 1


def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    response = client.post(url(county_system), {"text": "字" * 70_000, "version": "0"})
    assert response.status_code == 400 and "报告过长" in response.content.decode()
    assert client.post(url(county_system), {"text": "  ", "version": "0"}).status_code == 400
    assert (
        not ReportDraft.objects.exists() and not Change.objects.filter(field="自评报告").exists()
    )


def test_only_the_units_editors_may_save_and_others_may_not_see(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "readonly")
    assert client.get(url(county_system)).status_code == 200
    assert client.post(url(county_system), {"text": "标题\n", "version": "0"}).status_code == 403
    login(client, "other_clerk")
    assert client.get(url(county_system)).status_code == 404
    assert client.get(url(county_system, "docx/")).status_code == 404
    assert not ReportDraft.objects.exists()


def test_the_report_downloads_as_word_with_the_saved_text(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    client.post(
        url(county_system),
        {"text": "乙县自评报告\n一、基本情况\n已保存的正文。\n", "version": "0"},
    )
    response = client.get(url(county_system, "docx/"))
    assert response.status_code == 200
    from docx import Document as Word

    paragraphs = [p.text for p in Word(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[:3] == ["乙县自评报告", "一、基本情况", "已保存的正文。"]
    assert client.get(url(county_system, "pdf/")).content.startswith(b"%PDF")
    assert client.get(url(county_system, "exe/")).status_code == 404


@MARKS[0]
@MARKS[1]
def test_a_clerk_edits_the_drafted_report_in_a_browser_and_a_colleague_cannot_overwrite_it(
    transactional_db: None,
    world: World,
    county_system: IndicatorSystem,
    live_server: object,
    browser: object,
) -> None:
    base = live_server.url
    first = log_in(browser, base, "clerk", PASSWORD)
    second = log_in(browser, base, "clerk", PASSWORD)
    for page in (first, second):
        page.goto(f"{base}/systems/{county_system.pk}/")
        page.click("text=自评报告")
        assert "二、绩效目标完成情况" in page.input_value("#report-text")
    first.fill(
        "#report-text",
        first.input_value("#report-text") + "\n（一）补充说明\n由第一位填报人补充。",
    )
    first.click("button[value=save]")
    first.wait_for_selector("text=报告已保存")
    assert "第 1 版" in first.content()
    second.fill("#report-text", second.input_value("#report-text") + "\n由第二位填报人补充。")
    second.click("button[value=save]")
    second.wait_for_selector("#theirs")
    assert "由第一位填报人补充" in second.inner_text("#theirs")
    assert "由第二位填报人补充" in second.input_value("#report-text")
    assert "第二位" not in ReportDraft.objects.get(system=county_system).text
    with first.expect_download() as download:
        first.click("a[href$='/report/docx/']")
    assert download.value.suggested_filename.endswith("绩效自评报告.docx")
