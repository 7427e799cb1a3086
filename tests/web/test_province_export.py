"""The province-wide export: every visible unit's self-evaluation table and the reports."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client
from openpyxl import load_workbook

from jixiao.ingest import extract_file
from jixiao.web.api.models import ApiToken
from jixiao.web.imports.save import save_document
from jixiao.web.performance.models import IndicatorSystem
from tests.support import seed

from .conftest import World, county_document, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def tables(world: World) -> list[IndicatorSystem]:
    """2024 self-evaluation tables of both counties and of the city."""
    return [save_document(county_document(), org) for org in (world.county, world.other_county)]


def sheets(data: bytes) -> list[str]:
    return load_workbook(io.BytesIO(data), read_only=True).sheetnames


def test_the_province_officer_gets_a_summary_and_a_sheet_per_unit(
    client: Client, world: World, tables: list[IndicatorSystem]
) -> None:
    login(client, "officer")
    page = client.get(f"/orgs/{world.province.pk}/export/").content.decode()
    assert "2 个单位" in page and "乙县市场监督管理局" in page
    response = client.get(f"/orgs/{world.province.pk}/export/2024.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert sheets(response.content) == ["汇总", "乙县市场监督管理局", "丙县市场监督管理局"]
    summary = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert summary["A1"].value == "测试省市场监督管理局2024年度部门整体支出绩效自评汇总表"


def test_a_county_exports_only_itself(
    client: Client, world: World, tables: list[IndicatorSystem]
) -> None:
    login(client, "clerk")
    response = client.get(f"/orgs/{world.county.pk}/export/2024.xlsx")
    assert sheets(response.content) == ["汇总", "乙县市场监督管理局"]
    assert client.get(f"/orgs/{world.city.pk}/export/").status_code == 404
    assert client.get(f"/orgs/{world.other_county.pk}/export/2024.xlsx").status_code == 404


def test_another_province_reaches_nothing_by_page_or_api(
    client: Client, world: World, tables: list[IndicatorSystem]
) -> None:
    login(client, "outsider")
    assert client.get(f"/orgs/{world.province.pk}/export/2024.xlsx").status_code == 404
    api = client.get(f"/api/orgs/{world.province.pk}/export?year=2024")
    assert api.status_code == 404 and "无权查看" in api.json()["detail"]


def test_a_year_without_tables_says_so_in_chinese(
    client: Client, world: World, tables: list[IndicatorSystem]
) -> None:
    login(client, "officer")
    page = client.get(f"/orgs/{world.province.pk}/export/2019.xlsx", follow=True)
    assert "没有可导出的自评表" in page.content.decode()


def test_the_api_exports_with_a_token(
    client: Client, world: World, tables: list[IndicatorSystem]
) -> None:
    _, key = ApiToken.issue(world.users["city_officer"], "汇总导出")
    response = client.get(
        f"/api/orgs/{world.city.pk}/export?year=2024&fmt=xlsx",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200
    assert len(sheets(response.content)) == 3
    refused = client.get(
        f"/api/orgs/{world.city.pk}/export?year=2024&fmt=exe",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert refused.status_code == 400 and "不支持" in refused.json()["detail"]


def test_the_package_bundles_the_workbook_and_the_evaluation_reports(
    client: Client, world: World, tables: list[IndicatorSystem]
) -> None:
    save_document(extract_file(seed("003")), world.province, year=2024)
    login(client, "officer")
    response = client.get(f"/orgs/{world.province.pk}/export/2024.zip")
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "测试省市场监督管理局2024年度部门整体支出绩效自评汇总表.xlsx" in names
    assert any(n.endswith("项目支出.docx") for n in names)


def test_a_package_of_reports_alone_still_holds_a_workbook_of_them(
    client: Client, world: World
) -> None:
    save_document(extract_file(seed("003")), world.province, year=2024)
    login(client, "officer")
    page = client.get(f"/orgs/{world.province.pk}/export/?year=2024").content.decode()
    assert "打包下载（工作簿 + 1 份评价报告" in page
    bundle = zipfile.ZipFile(
        io.BytesIO(client.get(f"/orgs/{world.province.pk}/export/2024.zip").content)
    )
    workbooks = [n for n in bundle.namelist() if n.endswith(".xlsx")]
    assert workbooks == ["测试省市场监督管理局2024年度项目支出绩效评价汇总表.xlsx"]
    book = load_workbook(io.BytesIO(bundle.read(workbooks[0])), read_only=True)
    assert book.sheetnames[0] == "汇总" and len(book.sheetnames) == 2
    summary = [c for row in book["汇总"].iter_rows(values_only=True) for c in row if c]
    assert "项目支出绩效评价汇总表" in summary[0] and world.province.name in summary
    assert sum(n.endswith(".docx") for n in bundle.namelist()) == 1
