"""The disclosure register in the web system: pages, API, permissions, the annual report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from jixiao.core import disclosure as std
from jixiao.core.disclosure_register import expand_requests, same_tables
from jixiao.core.workdays import Clock, deadline_state, due_date
from jixiao.ingest import extract_file
from jixiao.web.disclosure.models import AnnualReport, InfoRequest, ProactiveCount, ReviewCase
from jixiao.web.disclosure.register import annual_report
from jixiao.web.imports.save import save_document
from tests.support import seed
from tests.web.conftest import World, login

pytestmark = pytest.mark.django_db
OPEN = "（一）予以公开"


def _form(**values: object) -> dict[str, object]:
    data = {
        "ref": "",
        "received": "2021-03-01",
        "channel": "网络申请",
        "applicant_type": "自然人",
        "applicant_name": "张三",
        "content": "某企业的行政许可决定书",
        "extension_days": 0,
        "outcome": "",
        "replied": "",
    }
    data.update(values)
    return data


def _add(client: Client, org_id: int, **values: object) -> object:
    return client.post(f"/disclosure/{org_id}/requests/new/", _form(**values))


def test_a_county_adds_and_edits_a_request_and_sees_its_due_date(world: World) -> None:
    clerk = login(Client(), "clerk")
    response = _add(clerk, world.county.pk, ref="2021-001", received="2021-09-24")
    assert response.status_code == 302
    saved = InfoRequest.objects.get(ref="2021-001")
    assert saved.organization == world.county and saved.created_by == world.users["clerk"]
    # 20 working days across the National Day holiday and its make-up Saturdays
    assert saved.due == date(2021, 10, 27)
    page = clerk.get(f"/disclosure/{world.county.pk}/2021/").content.decode()
    assert "2021-10-27" in page and "2021-001" in page and "某企业的行政许可决定书"[:10] in page

    edit = f"/disclosure/{world.county.pk}/requests/{saved.pk}/"
    assert "法定答复期限" in clerk.get(edit).content.decode()
    response = clerk.post(
        edit,
        _form(
            ref="2021-001",
            received="2021-09-24",
            correction_sent="2021-09-27",
            correction_received="2021-10-11",
            extension_days=10,
            outcome=OPEN,
            replied="2021-11-10",
        ),
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.due == due_date(Clock(date(2021, 9, 24), 10, date(2021, 10, 11)))
    assert saved.state(date.today()) == "done"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"replied": "2021-02-01", "outcome": OPEN}, "答复日期不能早于收到申请日期"),
        ({"extension_days": 25}, "最长不得超过20个工作日"),
        ({"outcome": OPEN}, "办理结果和答复日期要一起填写"),
        ({"consult_start": "2021-03-05"}, "开始和结束日期要一起填写"),
        ({"applicant_type": "个人"}, "个人"),
    ],
)
def test_bad_input_gets_a_chinese_message(world: World, values: dict, message: str) -> None:
    clerk = login(Client(), "clerk")
    response = _add(clerk, world.county.pk, **values)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_overdue_and_due_soon_requests_are_listed_and_highlighted(world: World) -> None:
    today = date.today()
    soon = next(
        today - timedelta(days=n)
        for n in range(40)
        if deadline_state(due_date(Clock(today - timedelta(days=n))), today) == "soon"
    )
    for ref, received in (("OLD", today - timedelta(days=90)), ("SOON", soon), ("NEW", today)):
        InfoRequest.objects.create(
            organization=world.county,
            ref=ref,
            received=received,
            channel="网络申请",
            applicant_type="自然人",
        )
    page = login(Client(), "clerk").get(f"/disclosure/{world.county.pk}/{today.year}/")
    html = page.content.decode()
    overdue = html.split('id="overdue"')[1].split("</div>")[0]
    due_soon = html.split('id="due-soon"')[1].split("</div>")[0]
    assert "OLD" in overdue and "SOON" not in overdue
    assert "SOON" in due_soon and "NEW" not in due_soon
    assert 'class="deadline overdue"' in html and 'class="deadline soon"' in html


def test_filters_narrow_the_register(world: World) -> None:
    for ref, applicant, channel in (("A", "自然人", "网络申请"), ("B", "商业企业", "信函受理")):
        InfoRequest.objects.create(
            organization=world.county,
            ref=ref,
            received=date(2021, 5, 6),
            channel=channel,
            applicant_type=applicant,
            outcome=OPEN,
            replied=date(2021, 5, 10),
        )
    clerk = login(Client(), "clerk")
    url = f"/disclosure/{world.county.pk}/2021/"
    html = clerk.get(url, {"applicant": "商业企业"}).content.decode()
    assert ">B</a>" in html and ">A</a>" not in html
    html = clerk.get(url, {"channel": "网络申请"}).content.decode()
    assert ">A</a>" in html and ">B</a>" not in html
    html = clerk.get(url, {"state": "overdue"}).content.decode()
    assert "共 0 件" in html


def test_a_bureau_sees_and_edits_only_its_own_register(world: World) -> None:
    request = InfoRequest.objects.create(
        organization=world.county,
        ref="X",
        received=date(2021, 5, 6),
        channel="网络申请",
        applicant_type="自然人",
    )
    county = world.county.pk
    other = login(Client(), "other_clerk")
    assert other.get(f"/disclosure/{county}/2021/").status_code == 404
    assert other.get(f"/disclosure/{county}/2021/report/").status_code == 404
    assert _add(other, county).status_code == 404
    assert other.get(f"/disclosure/{county}/requests/{request.pk}/").status_code == 404
    assert other.get(f"/api/disclosure/{county}/2021/requests").status_code == 404
    assert (
        other.patch(
            f"/api/disclosure/requests/{request.pk}", {"ref": "Y"}, content_type="application/json"
        ).status_code
        == 404
    )
    outsider = login(Client(), "outsider")
    assert outsider.get(f"/disclosure/{county}/2021/").status_code == 404

    city = login(Client(), "city_officer")  # may view below, not edit
    assert city.get(f"/disclosure/{county}/2021/").status_code == 200
    assert "只读" in city.get(f"/disclosure/{county}/2021/").content.decode()
    assert _add(city, county).status_code == 403
    assert city.post(f"/disclosure/{county}/2021/report/issue/pdf/").status_code == 403
    api = city.post(
        f"/api/disclosure/{county}/requests",
        {"received": "2021-05-06", "channel": "网络申请", "applicant_type": "自然人"},
        content_type="application/json",
    )
    assert api.status_code == 403 and "本单位" in api.json()["detail"]
    assert city.get(f"/api/disclosure/{county}/2021/requests").status_code == 200
    request.refresh_from_db()
    assert request.ref == "X" and InfoRequest.objects.count() == 1


def _enter_via_api(client: Client, org_id: int, records: list) -> None:
    for r in records:
        response = client.post(
            f"/api/disclosure/{org_id}/requests",
            {
                "ref": r.ref,
                "received": r.received.isoformat(),
                "channel": r.channel,
                "applicant_type": r.applicant,
                "outcome": r.outcome,
                "replied": r.replied.isoformat() if r.replied else None,
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content


def test_entering_seed_001s_requests_reproduces_its_table_cell_for_cell(world: World) -> None:
    doc = extract_file(seed("001"))
    records = expand_requests(doc.disclosure.requests, 2020, {"网络申请": 20, "信函受理": 9})
    clerk = login(Client(), "clerk")
    _enter_via_api(clerk, world.county.pk, records)
    listed = clerk.get(f"/api/disclosure/{world.county.pk}/2020/requests").json()
    assert listed["count"] == 29
    report = clerk.get(f"/api/disclosure/{world.county.pk}/2020/report").json()
    assert report["can_issue"] and report["blockers"] == []
    tables = report["document"]["disclosure"]["requests"]
    assert tables == {
        k: {c: int(v) for c, v in row.items()} for k, row in doc.disclosure.requests.items()
    }
    # table 二 and 四 entered on their pages, as a user would
    proactive = {
        f"v|{row['item']}|{col}": str(value)
        for row in doc.disclosure.proactive
        for col, value in row.items()
        if col not in ("block", "item", "units")
    }
    assert (
        clerk.post(f"/disclosure/{world.county.pk}/2020/proactive/", proactive).status_code == 302
    )
    reviews = f"/disclosure/{world.county.pk}/2020/reviews/"
    assert clerk.post(reviews, {"group": "行政复议", "result": "结果维持"}).status_code == 302
    # the same report imported (the import route) is compared cell for cell on the page
    save_document(doc, world.county, user=world.users["clerk"])
    page = clerk.get(f"/disclosure/{world.county.pk}/2020/report/").content.decode()
    assert 'id="same"' in page and "各表逐格一致" in page


def test_a_broken_register_is_refused_at_issue_time_with_the_cells_named(world: World) -> None:
    # 2020's report (imported) carried 2 自然人 requests over; the 2021 register lacks them
    save_document(extract_file(seed("001")), world.county, user=world.users["clerk"])
    clerk = login(Client(), "clerk")
    _add(clerk, world.county.pk, received="2021-03-01", outcome=OPEN, replied="2021-03-05")
    page = clerk.get(f"/disclosure/{world.county.pk}/2021/report/").content.decode()
    assert 'id="blockers"' in page and "自然人列" in page
    response = clerk.post(f"/disclosure/{world.county.pk}/2021/report/issue/docx/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "不能出具年度报告" in html
    assert "三、收到和处理申请 · 自然人 · （七）总计＋四、结转下年度继续办理" in html
    assert not AnnualReport.objects.filter(year=2021).exists()
    api = clerk.get(f"/api/disclosure/{world.county.pk}/2021/report").json()
    assert not api["can_issue"] and any("自然人列" in b for b in api["blockers"])


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_issuing_exports_through_the_report_layouts(world: World, fmt: str, tmp_path) -> None:
    doc = extract_file(seed("001"))
    for r in expand_requests(doc.disclosure.requests, 2020):
        InfoRequest.objects.create(
            organization=world.county,
            ref=r.ref,
            received=r.received,
            channel=r.channel,
            applicant_type=r.applicant,
            outcome=r.outcome,
            replied=r.replied,
        )
    clerk = login(Client(), "clerk")
    response = clerk.post(f"/disclosure/{world.county.pk}/2020/report/issue/{fmt}/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    issued = AnnualReport.objects.get(organization=world.county, year=2020)
    assert issued.disclosure["requests"][std.CARRY_OVER]["自然人"] == 2
    if fmt != "pdf":
        out = tmp_path / f"report.{fmt}"
        out.write_bytes(response.content)
        back = extract_file(out)
        assert back.disclosure is not None
        assert same_tables(back.disclosure, annual_report(world.county, 2020)[0].disclosure) == []
    else:
        assert response.content.startswith(b"%PDF")
    # next year's 上年结转 now comes from the issued report
    assert annual_report(world.county, 2021)[0].disclosure.requests[std.CARRIED]["自然人"] == 2


def test_proactive_counts_and_review_cases_are_entered(world: World) -> None:
    clerk = login(Client(), "clerk")
    url = f"/disclosure/{world.county.pk}/2022/proactive/"
    page = clerk.get(url).content.decode()
    assert "本年制发件数" in page and "行政事业性收费" in page  # 2021 format for 2022
    response = clerk.post(url, {"v|行政许可|本年处理决定数量": "4804", "v|规章|本年制发件数": "2"})
    assert response.status_code == 302
    assert ProactiveCount.objects.get(item="行政许可").value == 4804
    response = clerk.post(url, {"v|行政许可|本年处理决定数量": "很多"}, follow=True)
    assert "应填数字" in response.content.decode()
    assert ProactiveCount.objects.get(item="行政许可").value == 4804  # nothing half-saved

    url = f"/disclosure/{world.county.pk}/2022/reviews/"
    response = clerk.post(
        url, {"group": "行政复议", "ref": "复议〔2022〕1号", "result": "结果维持"}
    )
    assert response.status_code == 302 and ReviewCase.objects.count() == 1
    doc = annual_report(world.county, 2022)[0]
    assert doc.disclosure.reviews["行政复议"][std.TOTAL] == 1
    assert any(
        r["item"] == "行政许可" and r["本年处理决定数量"] == 4804 for r in doc.disclosure.proactive
    )
    city = login(Client(), "city_officer")
    assert city.post(url, {"group": "行政复议", "result": "结果维持"}).status_code == 403


def test_the_api_validates_like_the_page_and_patches_a_request(world: World) -> None:
    clerk = login(Client(), "clerk")
    url = f"/api/disclosure/{world.county.pk}/requests"
    bad = clerk.post(
        url,
        {
            "received": "2021-03-01",
            "channel": "网络申请",
            "applicant_type": "自然人",
            "outcome": OPEN,
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "办理结果和答复日期要一起填写" in bad.json()["detail"]
    made = clerk.post(
        url,
        {"received": "2021-09-24", "channel": "信函受理", "applicant_type": "法律服务机构"},
        content_type="application/json",
    )
    assert made.status_code == 201
    body = made.json()
    assert body["due"] == "2021-10-27" and body["state"] == "overdue"
    deadlines = clerk.get(f"/api/disclosure/{world.county.pk}/deadlines").json()
    assert [r["id"] for r in deadlines["overdue"]] == [body["id"]]
    patched = clerk.patch(
        f"/api/disclosure/requests/{body['id']}",
        {"outcome": "（四）无法提供/1.本机关不掌握相关政府信息", "replied": "2021-10-20"},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["state"] == "done"
    report = clerk.get(f"/api/disclosure/{world.county.pk}/2021/report").json()
    requests = report["document"]["disclosure"]["requests"]
    assert requests["（四）无法提供/1.本机关不掌握相关政府信息"]["法律服务机构"] == 1
    assert requests[std.CARRY_OVER][std.TOTAL] == 0


def test_a_due_date_beyond_the_holiday_calendar_is_warned_about(world: World) -> None:
    from jixiao.core.workdays import calendar_known

    uncovered = next(y for y in range(2020, 2200) if not calendar_known(date(y, 1, 1)))
    clerk = login(Client(), "clerk")
    register = f"/disclosure/{world.county.pk}/{uncovered - 1}/"
    assert "日历库尚无" not in clerk.get(register).content.decode()
    _add(clerk, world.county.pk, ref="late", received=f"{uncovered - 1}-12-20")
    assert InfoRequest.objects.get(ref="late").due.year == uncovered
    page = clerk.get(register).content.decode()
    assert f"日历库尚无{uncovered}年的节假日安排" in page
    assert f"尚无{uncovered - 1}年" not in page
