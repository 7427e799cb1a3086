from __future__ import annotations

import pytest
from django.test import Client

from jixiao.ingest import extract_file
from jixiao.web.api.models import ApiToken
from jixiao.web.imports.save import save_document
from jixiao.web.performance.models import IndicatorSystem
from tests.support import seed

from .conftest import World, login

pytestmark = pytest.mark.django_db


def test_a_system_exports_to_xlsx_that_reads_back_with_the_same_indicators(
    client: Client, world: World, tmp_path: object
) -> None:
    system = save_document(extract_file(seed("002")), world.county)
    login(client, "clerk")
    response = client.get(f"/systems/{system.pk}/export/xlsx/")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    out = tmp_path / "back.xlsx"
    out.write_bytes(response.content)
    back = extract_file(out)
    assert [i.name for i in back.indicators] == list(
        system.indicators.values_list("name", flat=True)
    )


def test_another_county_cannot_export_by_url_or_api(client: Client, world: World) -> None:
    system = save_document(extract_file(seed("002")), world.county)
    login(client, "other_clerk")
    assert client.get(f"/systems/{system.pk}/export/pdf/").status_code == 404
    _, raw = ApiToken.issue(world.users["other_clerk"], "t")
    api = Client().get(
        f"/api/systems/{system.pk}/export?fmt=pdf", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert api.status_code == 404


def test_a_system_exports_as_yitihua_tables_and_imports_back(
    client: Client, world: World, tmp_path: object
) -> None:
    """The system page's 一体化交换表: the national tables, which the import reads again."""
    world.county.code = "430102001"
    world.county.save()
    system = save_document(extract_file(seed("000")), world.county)
    login(client, "clerk")
    page = client.get(f"/systems/{system.pk}/").content.decode()
    assert f"/systems/{system.pk}/export/yitihua/" in page
    response = client.get(f"/systems/{system.pk}/export/yitihua/")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert "%E4%B8%80%E4%BD%93%E5%8C%96" in response["Content-Disposition"]  # 一体化
    out = tmp_path / "yitihua.xlsx"
    out.write_bytes(response.content)
    from openpyxl import load_workbook

    book = load_workbook(out)
    assert book.sheetnames == ["BGT_PERF_GOAL_INFO", "BGT_PERF_INDICATOR"]
    head, first = list(book["BGT_PERF_INDICATOR"].iter_rows(values_only=True))[:2]
    assert dict(zip(head, first, strict=True))["DEPT_CODE"] in (430102001, "430102001")
    back = extract_file(out)
    assert [i.name for i in back.indicators] == list(
        system.indicators.values_list("name", flat=True)
    )
    login(client, "other_clerk")
    assert client.get(f"/systems/{system.pk}/export/yitihua/").status_code == 404


def test_formula_like_text_in_an_export_stays_text(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    """A name typed as a formula is exported as text (xlsx) and quoted (the audit CSV)."""
    import io

    from openpyxl import load_workbook

    from jixiao.web.cycle.audit import update_fields

    evil = '=HYPERLINK("http://evil.example","点我")'
    indicator = county_system.indicators.first()
    update_fields(indicator, {"name": evil}, world.users["clerk"], "@SUM(1)")
    login(client, "clerk")
    book = load_workbook(io.BytesIO(client.get(f"/systems/{county_system.pk}/export/xlsx/").content))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == evil for c in cells)
    csv = client.get("/audit/export.csv").content.decode("utf-8-sig")
    assert "'" + evil.replace('"', '""') in csv and "'@SUM(1)" in csv


def test_a_control_character_in_a_name_does_not_break_the_export(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    from jixiao.web.cycle.audit import update_fields

    indicator = county_system.indicators.first()
    update_fields(indicator, {"name": "抽检\x1b户次"}, world.users["clerk"])
    login(client, "clerk")
    assert client.get(f"/systems/{county_system.pk}/export/xlsx/").status_code == 200
