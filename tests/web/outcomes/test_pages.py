"""The results pages end to end on real databases: rankings, pools, targets, ledger, pipeline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from jixiao.web.cycle.evaluations import adjust, evaluate
from jixiao.web.cycle.models import Evaluation
from jixiao.web.outcomes.models import (
    IncentivePool,
    ProjectProposal,
    RectificationItem,
    TargetSuggestion,
)
from jixiao.web.performance.models import Project
from tests.web.conftest import World, login

from .support import evaluated, indicator_with_history, report_with_problems

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_rankings_order_units_by_score_and_compare_with_last_year(
    client: Client, world: World
) -> None:
    evaluated(world, world.county, 2024, "10")
    evaluated(world, world.other_county, 2024, "5")
    evaluated(world, world.county, 2023, "5")
    evaluated(world, world.other_county, 2023, "10")
    login(client, "city_officer")
    page = client.get(f"/outcomes/rankings/?org={world.city.pk}&year=2024&level=county")
    rows = page.context["rows"]
    assert [r.name for r, _, _ in rows] == [world.county.name, world.other_county.name]
    first, second = rows[0][0], rows[1][0]
    assert (first.place, first.last_place, first.moved) == (1, 2, 1)
    assert first.change > 0 and second.change < 0
    assert "↑1" in page.content.decode()


def test_all_levels_rank_each_level_on_its_own_and_leave_out_the_scope_itself(
    client: Client, world: World
) -> None:
    evaluated(world, world.county, 2024, "5")
    evaluated(world, world.other_county, 2024, "10")
    login(client, "officer")
    page = client.get(f"/outcomes/rankings/?org={world.province.pk}&year=2024")
    rows = [r for r, _, _ in page.context["rows"]]
    assert world.province.name not in [r.name for r in rows]
    assert [(r.group, r.name, r.place) for r in rows] == [
        ("city", world.city.name, 1),
        ("county", world.other_county.name, 1),
        ("county", world.county.name, 2),
    ]
    html = page.content.decode()
    assert "市州（本层级内排名）" in html and "县市区（本层级内排名）" in html


def test_a_fixed_pool_pays_listed_cities_and_counties_and_exports_xlsx(
    client: Client, world: World
) -> None:
    login(client, "officer")
    response = client.post(
        "/outcomes/pools/new/",
        {
            "org": world.province.pk,
            "name": "真抓实干激励",
            "year": "2023",
            "amount": "200",
            "method": "fixed",
            "city_amount": "100",
            "county_amount": "50",
            "listed_only": "1",
            "listed": [world.city.pk, world.county.pk],
        },
    )
    pool = IncentivePool.objects.get()
    assert response["Location"] == f"/outcomes/pools/{pool.pk}/"
    table = client.get(f"/outcomes/pools/{pool.pk}/").context["table"]
    paid = {s.name: s.amount for s in table.shares}
    assert paid[world.city.name] == 1_000_000 and paid[world.county.name] == 500_000
    assert paid[world.other_county.name] == 0 and table.unallocated == 500_000
    client.post(f"/outcomes/pools/{pool.pk}/save/")
    assert pool.shares.filter(qualifies=True).count() == 2
    client.post(f"/outcomes/pools/{pool.pk}/approve/")
    pool.refresh_from_db()
    assert pool.status == "approved" and pool.approved_by == world.users["officer"]
    refused = client.post(f"/outcomes/pools/{pool.pk}/save/", follow=True).content.decode()
    assert "已审定" in refused
    book = load_workbook(BytesIO(client.get(f"/outcomes/pools/{pool.pk}/export.xlsx").content))
    cells = list(book.active.iter_rows(values_only=True))
    total = next(r for r in cells if r[0] == "合计")
    assert total[6] == 1_500_000
    assert "每个市州100万元" in cells[1][0]


def test_a_score_share_pool_follows_the_evaluations(client: Client, world: World) -> None:
    evaluated(world, world.county, 2024, "10")
    evaluated(world, world.other_county, 2024, "0")
    login(client, "officer")
    client.post(
        "/outcomes/pools/new/",
        {
            "org": world.province.pk,
            "name": "绩效管理激励",
            "year": "2024",
            "amount": "10",
            "method": "score_share",
        },
    )
    pool = IncentivePool.objects.get()
    table = client.get(f"/outcomes/pools/{pool.pk}/").context["table"]
    amounts = {s.name: s.amount for s in table.shares}
    assert amounts[world.county.name] > amounts[world.other_county.name] > 0
    assert table.allocated == 100_000


def test_a_pool_with_a_bad_amount_says_so_in_chinese(client: Client, world: World) -> None:
    login(client, "officer")
    page = client.post(
        "/outcomes/pools/new/",
        {"org": world.province.pk, "name": "x", "year": "2023", "amount": "一百万"},
        follow=True,
    ).content.decode()
    assert "资金池金额" in page and "不是数字" in page
    assert not IncentivePool.objects.exists()


def test_a_target_below_the_three_year_average_needs_a_reason(
    client: Client, world: World
) -> None:
    system = indicator_with_history(world.county)
    indicator = system.indicators.get()
    login(client, "officer")
    index = client.get(f"/outcomes/targets/?org={world.county.pk}&year=2023").content.decode()
    assert f"/outcomes/systems/{system.pk}/targets/" in index
    page = client.get(f"/outcomes/systems/{system.pk}/targets/").content.decode()
    assert "建议取二者较高者27" in page
    url = f"/outcomes/indicators/{indicator.pk}/target/"
    refused = client.post(url, {"value": "20"}, follow=True).content.decode()
    assert "低于近三年平均值27" in refused and not TargetSuggestion.objects.exists()
    client.post(url, {"value": "20", "reason": "机构改革，职能划转"})
    saved = TargetSuggestion.objects.get()
    assert (saved.year, saved.value, saved.reason) == (2024, 20, "机构改革，职能划转")
    client.post(url, {"value": "28"})
    saved.refresh_from_db()
    assert saved.value == 28


def test_problems_of_an_imported_report_become_ledger_items_once(
    client: Client, world: World
) -> None:
    system = report_with_problems(world.county)
    login(client, "clerk")
    offered = client.get(f"/outcomes/ledger/?org={world.county.pk}&year={system.year}")
    assert f"/outcomes/ledger/from-system/{system.pk}/" in offered.content.decode()
    client.post(f"/outcomes/ledger/from-system/{system.pk}/")
    client.post(f"/outcomes/ledger/from-system/{system.pk}/")
    items = RectificationItem.objects.order_by("pk")
    assert [i.problem for i in items] == [
        "培训费列支欠规范。",
        "执行率偏低，科技项目执行率40.95%。",
        "个别单位项目实施进度滞后。",
    ]
    assert items[0].cause == "对资金使用范围认识模糊。"


def test_findings_of_an_evaluation_become_ledger_items(client: Client, world: World) -> None:
    system = evaluated(world, world.county, 2024, "10")
    evaluation = Evaluation.objects.get(system=system)
    evaluation.findings = [
        {
            "rule": "weights.sum_mismatch",
            "severity": "error",
            "where": "合计",
            "message": "分值合计20，应为100",
        },
        {"rule": "baseline.below_average", "severity": "note", "where": "x", "message": "已说明"},
    ]
    evaluation.save()
    login(client, "city_officer")
    client.post(f"/outcomes/ledger/from-evaluation/{evaluation.pk}/")
    item = RectificationItem.objects.get()
    assert item.problem == "合计：分值合计20，应为100" and item.evaluation == evaluation


def test_the_evaluator_registers_an_evaluations_deductions_and_a_problem_by_hand(
    client: Client, world: World
) -> None:
    system = evaluated(world, world.county, 2024, "5")  # the first indicator half done
    evaluation = Evaluation.objects.get(system=system)
    assert "score.missing_deviation" in [f["rule"] for f in evaluation.findings]
    login(client, "evaluator")
    page = client.get(f"/evaluations/{evaluation.pk}/").content.decode()
    assert 'id="to-ledger"' in page
    ledger = client.get(f"/outcomes/ledger/?org={world.county.pk}&year=2024").content.decode()
    assert 'id="ledger-sources"' in ledger and "手工登记" in ledger
    client.post(f"/outcomes/ledger/from-evaluation/{evaluation.pk}/")
    registered = RectificationItem.objects.count()  # one per deduction and per finding
    item = RectificationItem.objects.get(problem__startswith="监督抽查食品经营企业户次：扣")
    assert item.area == "指标扣分"
    assert item.evaluation == evaluation and item.created_by == world.users["evaluator"]
    again = client.post(f"/outcomes/ledger/from-evaluation/{evaluation.pk}/", follow=True)
    assert "均已在台账中" in again.content.decode()
    assert RectificationItem.objects.count() == registered
    client.post(
        "/outcomes/ledger/add/",
        {"org": world.county.pk, "year": 2024, "problem": "档案不全", "deadline": ""},
    )
    assert RectificationItem.objects.filter(problem="档案不全", organization=world.county).exists()


def test_an_evaluation_without_problems_says_why_and_a_viewer_is_told_who_registers(
    client: Client, world: World
) -> None:
    system = evaluated(world, world.county, 2024, "10")
    evaluation = Evaluation.objects.get(system=system)
    evaluation.findings = [{"rule": "weights.rounded", "severity": "note", "where": "x"}]
    evaluation.save()
    login(client, "evaluator")
    page = client.post(f"/outcomes/ledger/from-evaluation/{evaluation.pk}/", follow=True)
    assert (
        "没有扣分的指标" in page.content.decode() and "1 项提示无需整改" in page.content.decode()
    )
    login(client, "readonly")
    ledger = client.get(f"/outcomes/ledger/?org={world.county.pk}&year=2024").content.decode()
    assert 'id="ledger-sources"' not in ledger and "由本单位填报人、管理员或评价人登记" in ledger
    refused = client.post(
        "/outcomes/ledger/add/", {"org": world.county.pk, "year": 2024, "problem": "x"}
    )
    assert refused.status_code == 403 and not RectificationItem.objects.exists()


def test_closing_needs_evidence_of_an_allowed_type_and_overdue_items_are_marked(
    client: Client, world: World
) -> None:
    item = RectificationItem.objects.create(
        organization=world.county, year=2023, problem="台账不全", deadline=date(2024, 1, 31)
    )
    login(client, "clerk")
    url = f"/outcomes/ledger/{item.pk}/"
    page = client.get(f"/outcomes/ledger/?org={world.county.pk}&year=2023").content.decode()
    assert 'class="overdue"' in page and "已逾期" in page
    refused = client.post(url, {"status": "closed"}, follow=True).content.decode()
    assert "销号须先上传整改佐证材料" in refused
    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf")
    refused = client.post(url, {"status": "closed", "evidence": fake}, follow=True)
    assert "「evidence.pdf」的内容与扩展名 .pdf 不符" in refused.content.decode()
    exe = SimpleUploadedFile("tool.exe", b"MZ")
    assert "不能作为佐证材料" in client.post(url, {"evidence": exe}, follow=True).content.decode()
    item.refresh_from_db()
    assert item.status == "open" and not item.evidence
    good = SimpleUploadedFile("整改报告.pdf", PDF)
    client.post(url, {"status": "closed", "measure": "补齐台账", "evidence": good})
    item.refresh_from_db()
    assert item.status == "closed" and item.closed_at and item.evidence
    assert client.get(f"/outcomes/ledger/{item.pk}/evidence/").status_code == 200
    page = client.get(f"/outcomes/ledger/?org={world.county.pk}&year=2023").content.decode()
    assert "已逾期" not in page


def test_open_items_are_carried_into_next_years_evaluation_view(
    client: Client, world: World
) -> None:
    system = evaluated(world, world.county, 2024, "10")
    RectificationItem.objects.create(organization=world.county, year=2023, problem="旧问题未改")
    RectificationItem.objects.create(
        organization=world.county, year=2023, problem="已改好", status="closed"
    )
    RectificationItem.objects.create(organization=world.other_county, year=2023, problem="别县")
    login(client, "clerk")
    page = client.get(f"/outcomes/carried/{system.pk}/").content.decode()
    assert "旧问题未改" in page and "已改好" not in page and "别县" not in page


def test_the_pipeline_ranks_funds_rolls_and_retires(client: Client, world: World) -> None:
    login(client, "city_officer")
    ids = []
    for name, priority, readiness in (
        ("乙项目", "2", "ready"),
        ("甲项目", "1", "ready"),
        ("丙项目", "1", "not_ready"),
    ):
        client.post(
            "/outcomes/pipeline/new/",
            {
                "org": world.city.pk,
                "name": name,
                "year": "2025",
                "amount": "100",
                "priority": priority,
                "readiness": readiness,
            },
        )
        ids.append(ProjectProposal.objects.get(name=name).pk)
    points = {
        "necessity": "20",
        "economy": "16",
        "targets": "16",
        "feasibility": "16",
        "compliance": "12",
    }
    for pk in ids:
        client.post(f"/outcomes/pipeline/{pk}/assess/", points)
    bad = client.post(
        f"/outcomes/pipeline/{ids[0]}/assess/", {**points, "economy": "25"}, follow=True
    )
    assert "「投入经济性」得分应在0至20分之间" in bad.content.decode()
    ranked = client.get(f"/outcomes/pipeline/?org={world.city.pk}&year=2025").context["ranked"]
    assert [p.name for _, p in ranked] == ["甲项目", "乙项目", "丙项目"]
    assert not ranked[2][0].eligible
    refused = client.post(f"/outcomes/pipeline/{ids[2]}/fund/", follow=True).content.decode()
    assert "不能安排预算" in refused
    client.post(f"/outcomes/pipeline/{ids[1]}/fund/")
    funded = ProjectProposal.objects.get(pk=ids[1])
    project = Project.objects.get(pk=funded.project_id)
    assert funded.status == "funded" and project.system.year == 2025
    assert project.system.organization == world.city and project.available_total == Decimal(100)
    client.post(f"/outcomes/pipeline/{ids[0]}/roll/", {"reason": "年内不需用款"})
    assert ProjectProposal.objects.get(rolled_from_id=ids[0]).year == 2026
    refused = client.post(f"/outcomes/pipeline/{ids[2]}/retire/", follow=True).content.decode()
    assert "退出项目库须填写理由" in refused
    client.post(f"/outcomes/pipeline/{ids[2]}/retire/", {"reason": "难以实施"})
    assert ProjectProposal.objects.get(pk=ids[2]).status == "retired"


def test_a_units_score_is_its_systems_stored_total_adjustments_included(world: World) -> None:
    from jixiao.web.outcomes.scores import unit_scores

    system = evaluated(world, world.county, 2024, "5")
    evaluate(system, "self", world.users["clerk"])
    latest = Evaluation.objects.filter(system=system).order_by("-created_at", "-pk").first()
    system.refresh_from_db()
    found = unit_scores(world.province, 2024)
    assert latest.total == system.score_total == 15 and system.score_weight == 20
    assert found[world.county.pk].score == Decimal("75.00")  # 15 of 20 on the 100-point scale
    row = latest.scores.get(indicator__code="1")
    adjust(row, "10", "现场核查已全部完成", world.users["clerk"])
    system.refresh_from_db()
    assert unit_scores(world.province, 2024)[world.county.pk].score == Decimal("100.00")
    assert system.score_total == 20 and system.score_grade == "优"  # 20 of 20 is 100 points


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("/outcomes/pools/new/", {"name": "x", "year": "2023", "amount": "1e20"}, "数值过大"),
        ("/outcomes/pipeline/new/", {"name": "x", "year": "2024", "amount": "-1"}, "不小于0"),
        ("/outcomes/pipeline/new/", {"name": "", "year": "2024", "amount": "1"}, "请填写项目名称"),
        (
            "/outcomes/ledger/add/",
            {"year": "2023", "problem": "x", "deadline": "6月底"},
            "不是有效日期",
        ),
    ],
)
def test_bad_input_gives_a_chinese_message_not_an_error(
    client: Client, world: World, url: str, data: dict[str, str], message: str
) -> None:
    login(client, "officer")
    response = client.post(url, {**data, "org": world.province.pk}, follow=True)
    assert response.status_code == 200 and message in response.content.decode()
    assert not IncentivePool.objects.exists() and not ProjectProposal.objects.exists()
    assert not RectificationItem.objects.exists()
