"""Rule what-if (#17 item 5): preview a province's scoring variants, then apply or discard.

Real database, real import path, real pages and API; the preview must equal what apply then
stores, system by system and unit by unit.
"""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from django.test import Client

from jixiao.core.documents import Actual, Budget, BudgetRow, Document, Indicator, Target
from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.models import Change
from jixiao.web.imports.save import save_document
from jixiao.web.outcomes.scores import unit_scores
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.rules.models import ScoreBasis, ScoringVariant
from tests.web.conftest import World, login

pytestmark = pytest.mark.django_db

#: The variants issue #19 quotes from provincial manuals.
MANUAL = {
    "caps": [
        {"rate": "执行率", "at_least": 70, "below": 80, "cap": 89},
        {"rate": "执行率", "below": 50, "cap": 59},
    ],
    "deviation": {"threshold": 130, "points": 2, "reason_required": True},
    "basis": "省财政厅绩效自评操作手册",
}


def self_evaluation(name: str, spent: str, result: str) -> Document:
    """A self-evaluation: 45 + 45 points of count targets and a 10-point fund block."""

    def count(i: str, label: str, target: int, got: str) -> Indicator:
        return Indicator(
            id=i,
            name=label,
            path=["产出指标", "数量指标"],
            targets=[Target(f"≥{target}人次", ">=", D(target), unit="人次")],
            actual=Actual(f"{got}人次", [Target(f"{got}人次", "=", D(got), unit="人次")]),
            weight=D(45),
        )

    rows = [BudgetRow("年度资金总额", D(100), D(100), D(spent), None, D(10), None)]
    return Document(
        kind="self_evaluation",
        title=f"{name}2024年度部门整体支出绩效自评表",
        year=2024,
        indicators=[count("1", "培训人次", 100, result), count("2", "检查户次", 50, "50")],
        budget=Budget(rows=rows, weight=D(10)),
    )


@pytest.fixture
def province(world: World) -> World:
    """The county (执行率75%, one result at 140%), the other county and the city (95%)."""
    save_document(self_evaluation("乙县", "75", "140"), world.county)
    save_document(self_evaluation("丙县", "95", "100"), world.other_county)
    save_document(self_evaluation("甲市", "95", "100"), world.city)
    return world


def api(world: World, persona: str, method: str, url: str, body=None, **headers):
    _, raw = ApiToken.issue(world.users[persona], "试算测试")
    call = getattr(Client(), method)
    data = json.dumps(body) if body is not None else None
    return call(
        f"/api{url}",
        data=data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        **headers,
    )


def test_the_preview_is_what_apply_then_stores(province: World):
    url = f"/scoring-policies/{province.province.pk}/2024"
    response = api(province, "officer", "post", f"{url}/preview", {"policy": MANUAL})
    assert response.status_code == 200, response.content.decode()
    preview = response.json()
    systems = {s["system_id"]: s for s in preview["changed_systems"]}
    county = IndicatorSystem.objects.get(organization=province.county)
    assert D(systems[county.pk]["old_total"]) == D("97.5")  # 90 + 7.5
    assert D(systems[county.pk]["new_total"]) == D(89)  # capped: 执行率 75%
    assert systems[county.pk]["new_grade"] == "良"
    assert [m["name"] for m in preview["movers"]] == ["培训人次"]  # the 140% result, −2
    assert preview["rescored"] == 0  # every system re-ran the policy on its stored basis
    assert not ScoringVariant.objects.exists()  # nothing saved by a preview

    applied = api(province, "officer", "put", url, {"policy": MANUAL}, HTTP_IF_MATCH='"0"')
    assert applied.status_code == 200, applied.content.decode()
    assert applied.json()["version"] == 1
    stored = {s.pk: s for s in IndicatorSystem.objects.all()}
    for s in preview["changed_systems"]:
        assert D(str(s["new_total"])) == stored[s["system_id"]].score_total
        assert s["new_grade"] == stored[s["system_id"]].score_grade
    units = unit_scores(province.province, 2024)
    for u in preview["units"]:
        new = None if u["new_score"] is None else D(str(u["new_score"]))
        assert units[u["org_id"]].score == new
        assert units[u["org_id"]].grade == u["new_grade"]


def test_apply_is_audited_versioned_and_refused_when_stale(province: World):
    url = f"/scoring-policies/{province.province.pk}/2024"
    assert (
        api(province, "officer", "put", url, {"policy": MANUAL, "reason": "按手册"}).status_code
        == 200
    )
    variant = ScoringVariant.objects.get()
    created = Change.objects.get(object_type="rules.scoringvariant", object_id=str(variant.pk))
    assert "总分最高89分" in created.new and created.user_name == "officer"
    looser = {**MANUAL, "caps": [{"rate": "执行率", "below": 50, "cap": 59}]}
    stale = api(province, "officer", "put", url, {"policy": looser}, HTTP_IF_MATCH='"0"')
    assert stale.status_code == 409
    assert ScoringVariant.objects.get().to_core().caps == variant.to_core().caps
    ok = api(province, "officer", "put", url, {"policy": looser}, HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200
    change = Change.objects.filter(object_type="rules.scoringvariant", field="评分规则").get()
    assert "70%（含）至80%" in change.old and "70%（含）至80%" not in change.new
    county = IndicatorSystem.objects.get(organization=province.county)
    assert county.score_total == D("95.50")  # no cap at 75% any more; −2 for the 140% result


def test_only_a_province_officer_may_preview_or_apply(province: World):
    url = f"/scoring-policies/{province.province.pk}/2024"
    for persona in ("clerk", "city_officer", "readonly", "evaluator"):
        response = api(province, persona, "post", f"{url}/preview", {"policy": MANUAL})
        assert response.status_code in (403, 404), persona
    assert (
        api(province, "outsider", "post", f"{url}/preview", {"policy": MANUAL}).status_code == 404
    )
    city = f"/scoring-policies/{province.city.pk}/2024"
    assert api(province, "city_officer", "put", city, {"policy": MANUAL}).status_code == 403
    assert login(Client(), "clerk").get("/rules/scoring/").status_code == 403
    assert not ScoringVariant.objects.exists()


def test_bad_rules_are_refused_in_chinese_and_nothing_is_saved(province: World):
    url = f"/scoring-policies/{province.province.pk}/2024"
    bad = {"caps": [{"rate": "执行率", "below": 80, "cap": 189}]}
    response = api(province, "officer", "put", url, {"policy": bad})
    assert response.status_code == 400
    assert "封顶规则第1条「最高分」" in response.json()["detail"]
    page = login(Client(), "officer").post(
        "/rules/scoring/",
        {
            "org": province.province.pk,
            "year": 2024,
            "action": "preview",
            "grade_0": "优",
            "minimum_0": "九十",
            "grade_1": "差",
            "minimum_1": "0",
            "q_met": "80",
            "q_partial": "60",
        },
    )
    assert page.status_code == 400
    assert "「九十」不是数" in page.content.decode()
    assert not ScoringVariant.objects.exists()


def test_the_page_previews_then_applies(province: World):
    client = login(Client(), "officer")
    shown = client.get(f"/rules/scoring/?org={province.province.pk}&year=2024")
    assert shown.status_code == 200 and "现行规则" in shown.content.decode()
    form = {
        "org": province.province.pk,
        "year": 2024,
        "version": 0,
        "grade_0": "优",
        "minimum_0": "90",
        "grade_1": "良",
        "minimum_1": "80",
        "grade_2": "中",
        "minimum_2": "60",
        "grade_3": "差",
        "minimum_3": "0",
        "q_met": "80",
        "q_partial": "60",
        "cap_0_rate": "执行率",
        "cap_0_at_least": "70",
        "cap_0_below": "80",
        "cap_0_cap": "89",
    }
    preview = client.post("/rules/scoring/", {**form, "action": "preview"})
    text = preview.content.decode()
    assert preview.status_code == 200 and "试算结果（尚未保存）" in text
    assert "97.50 → <strong>89.00</strong>" in text
    assert not ScoringVariant.objects.exists()
    client.post("/rules/scoring/", {**form, "action": "apply"})
    county = IndicatorSystem.objects.get(organization=province.county)
    assert county.score_total == D("89.00") and county.score_grade == "良"


def test_a_stale_basis_is_rescored_in_full(province: World):
    """A system whose kept basis no longer gives its stored total is scored row by row."""
    county = IndicatorSystem.objects.get(organization=province.county)
    ScoreBasis.objects.filter(system=county).delete()
    url = f"/scoring-policies/{province.province.pk}/2024"
    preview = api(province, "officer", "post", f"{url}/preview", {"policy": MANUAL}).json()
    assert preview["rescored"] == 1
    new = {s["system_id"]: s["new_total"] for s in preview["changed_systems"]}
    assert D(new[county.pk]) == D(89)
