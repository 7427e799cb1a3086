"""Users' own consistency rules: managed by officers, run with the built-in checks everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.web.cycle.workflow import WorkflowError, run_system_checks, transition
from jixiao.web.imports.save import save_document
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem, SystemKind
from jixiao.web.rules.models import UserRule
from tests.support import seed

from .conftest import World, county_document, login

pytestmark = pytest.mark.django_db

OUTPUT = "[分值:产出指标/数量指标/监督抽查食品经营企业户次]"
EFFECT = "[分值:效果指标/社会效益指标/投诉举报按时办结率]"


def make_rule(org: Organization, **fields: object) -> UserRule:
    """A rule that fails on the county document: its two weights add up to 20, not 100."""
    values = {
        "name": "两项分值合计应为100",
        "left": f"{OUTPUT} + {EFFECT}",
        "operator": "=",
        "right": "100",
        "severity": "error",
        **fields,
    }
    return UserRule.objects.create(organization=org, **values)


def codes(system: IndicatorSystem) -> list[str]:
    return [f["rule"] for f in run_system_checks(system)]


def form_data(org: Organization, **fields: object) -> dict[str, object]:
    return {
        "organization": org.pk,
        "name": "得分不超过分值",
        "system_kind": "",
        "left": "[得分:产出指标/数量指标/监督抽查食品经营企业户次]",
        "operator": "<=",
        "right": OUTPUT,
        "severity": "error",
        "missing": "skip_if_any",
        "tolerance": "0.01",
        "description": "",
        **fields,
    }


def test_a_province_rule_runs_on_a_county_system_with_the_built_in_checks(
    world: World, county_system: IndicatorSystem
) -> None:
    rule = make_rule(world.province)
    findings = run_system_checks(county_system)
    (mine,) = [f for f in findings if f["rule"] == rule.code]
    assert mine["severity"] == "error"
    assert "两项分值合计应为100" in mine["where"] and mine["found"] == 20


def test_a_rule_blocks_approval_until_the_approver_gives_a_reason(
    world: World, county_system: IndicatorSystem
) -> None:
    u = world.users
    transition(county_system, "submit", u["clerk"])
    transition(county_system, "review", u["reviewer"])
    make_rule(world.city, name="迟到的规则")  # added after submission: approval checks again
    with pytest.raises(WorkflowError, match="校验发现 1 项错误"):
        transition(county_system, "approve", u["officer"])
    record = transition(county_system, "approve", u["officer"], reason="分值按省厅口径")
    assert any("迟到的规则" in f["where"] for f in record.findings)


def test_submission_records_the_rules_findings(
    world: World, county_system: IndicatorSystem
) -> None:
    rule = make_rule(world.county)
    record = transition(county_system, "submit", world.users["clerk"])
    assert rule.code in [f["rule"] for f in record.findings]


def test_disabled_other_kind_and_other_province_rules_do_not_run(
    world: World, county_system: IndicatorSystem
) -> None:
    rules = [
        make_rule(world.province, is_active=False),
        make_rule(world.province, system_kind=SystemKind.PROJECT),
        make_rule(world.other_province),
        make_rule(world.other_county),
    ]
    found = codes(county_system)
    assert not any(r.code in found for r in rules)
    assert make_rule(world.city, system_kind=SystemKind.OVERALL).code in codes(county_system)


def test_missing_figures_follow_the_rules_strategy(
    world: World, county_system: IndicatorSystem
) -> None:
    skipped = make_rule(world.province, left=f"{OUTPUT} + [总分]")
    counted = make_rule(world.province, left=f"{OUTPUT} + [总分]", missing="never")
    found = codes(county_system)
    assert skipped.code not in found and counted.code in found


def test_an_import_reports_the_rules_findings(
    client: Client, world: World, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    make_rule(world.province, name="总分不低于99.5", left="[总分]", operator=">=", right="99.5")
    login(client, "clerk")
    path = seed("002")
    data = {
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
        "organization": world.county.pk,
        "year": 2024,
    }
    preview = client.post("/imports/", data)
    save = preview["Location"] + "save/"  # seed 002 names 韶关市's bureau: acknowledged
    page = client.post(save, {"acknowledge": "1"}, follow=True).content.decode()
    assert "导入校验" in page and "总分不低于99.5" in page


def test_an_officer_adds_a_rule_through_the_page(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "officer")
    assert "添加校验规则" in client.get("/rules/new/").content.decode()
    response = client.post("/rules/new/", form_data(world.province))
    rule = UserRule.objects.get()
    assert response["Location"] == f"/rules/{rule.pk}/"
    assert rule.created_by == world.users["officer"] and rule.is_active


@pytest.mark.parametrize(
    ("left", "message"),
    [
        ("[不存在的数字]", "未知的数字名称「不存在的数字」"),
        ("[总分] +", "无法解析"),
        ("__import__('os')", "只允许"),
        ("[总分].real", "不允许的写法"),
        ("", "左侧公式不能为空"),
    ],
)
def test_a_bad_formula_is_named_and_not_saved(
    client: Client, world: World, county_system: IndicatorSystem, left: str, message: str
) -> None:
    login(client, "officer")
    page = client.post("/rules/new/", form_data(world.province, left=left)).content.decode()
    assert message in page
    assert not UserRule.objects.exists()


def test_live_validation_names_problems_and_lists_the_names(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "officer")
    bad = client.post("/rules/validate/", form_data(world.province, right="[总分值] * [缺的]"))
    assert "右侧：未知的数字名称「缺的」" in bad.content.decode()
    good = client.post("/rules/validate/", form_data(world.province)).content.decode()
    assert "公式有效" in good
    assert "[得分:产出指标/数量指标/监督抽查食品经营企业户次]" in good


def test_a_trial_shows_the_values_and_the_result(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    rule = make_rule(world.province)
    login(client, "officer")
    page = client.get(f"/rules/{rule.pk}/?system={county_system.pk}").content.decode()
    assert "未通过（错误）" in page and "监督抽查食品经营企业户次" in page
    ok = make_rule(world.province, right="20")
    assert "✓ 通过" in client.get(f"/rules/{ok.pk}/?system={county_system.pk}").content.decode()
    gap = make_rule(world.province, left="[总分]")
    assert "未校验" in client.get(f"/rules/{gap.pk}/?system={county_system.pk}").content.decode()


def test_an_officer_disables_and_reenables_a_rule(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    rule = make_rule(world.province)
    login(client, "officer")
    client.post(f"/rules/{rule.pk}/toggle/")
    rule.refresh_from_db()
    assert not rule.is_active and rule.code not in codes(county_system)
    client.post(f"/rules/{rule.pk}/toggle/")
    rule.refresh_from_db()
    assert rule.is_active


@pytest.mark.parametrize("persona", ["clerk", "reviewer", "evaluator", "readonly"])
def test_only_officers_manage_rules_but_the_units_below_read_them(
    client: Client, world: World, persona: str
) -> None:
    rule = make_rule(world.province)
    login(client, persona)
    assert rule.name in client.get("/rules/").content.decode()
    assert client.get(f"/rules/{rule.pk}/").status_code == 200
    assert client.get("/rules/new/").status_code == 403
    assert client.post(f"/rules/{rule.pk}/toggle/").status_code == 403
    rule.refresh_from_db()
    assert rule.is_active


def test_a_city_officer_cannot_manage_the_provinces_rules(client: Client, world: World) -> None:
    rule = make_rule(world.province)
    login(client, "city_officer")
    assert client.post(f"/rules/{rule.pk}/toggle/").status_code == 403
    refused = client.post("/rules/new/", form_data(world.province)).content.decode()
    assert "选择一个有效的选项" in refused or "Select a valid choice" in refused
    assert UserRule.objects.count() == 1


def test_another_province_sees_nothing_by_url(client: Client, world: World) -> None:
    rule = make_rule(world.province)
    sibling = make_rule(world.other_county, name="丙县规则")
    login(client, "outsider")
    assert client.get(f"/rules/{rule.pk}/").status_code == 404
    assert rule.name not in client.get("/rules/").content.decode()
    login(client, "clerk")
    assert client.get(f"/rules/{sibling.pk}/").status_code == 404


def test_the_trial_lists_only_systems_the_user_may_see(client: Client, world: World) -> None:
    mine = save_document(county_document(), world.county)
    other = save_document(county_document(), world.other_county)
    rule = make_rule(world.province)
    login(client, "clerk")
    page = client.get(f"/rules/{rule.pk}/").content.decode()
    assert f'value="{mine.pk}"' in page and f'value="{other.pk}"' not in page
    assert "未通过" not in client.get(f"/rules/{rule.pk}/?system={other.pk}").content.decode()


def test_the_demo_rules_pass_on_shaoguans_own_self_evaluation(world: World) -> None:
    from jixiao.demo.rules import OWNER, load_demo_rules
    from jixiao.ingest import extract_file

    city = Organization.objects.create(name=OWNER, level="city", parent=world.province)
    system = save_document(extract_file(seed("002")), city)
    assert load_demo_rules(log=lambda *_: None) == load_demo_rules(log=lambda *_: None) == 2
    assert UserRule.objects.filter(organization=city).count() == 2
    findings = [f for f in run_system_checks(system) if f["rule"].startswith("user_rule.")]
    assert findings == []
