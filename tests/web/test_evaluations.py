from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.evaluations import evaluate
from jixiao.web.cycle.models import Change, Evaluation
from jixiao.web.performance.models import IndicatorSystem

from .conftest import World, login

pytestmark = pytest.mark.django_db


def test_a_third_party_evaluation_keeps_the_cores_scores_per_indicator(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "evaluator")
    response = client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    evaluation = Evaluation.objects.get()
    assert response["Location"] == f"/evaluations/{evaluation.pk}/"
    assert evaluation.evaluator == world.users["evaluator"]
    assert evaluation.scores.count() == county_system.indicators.count()
    assert evaluation.total is not None and evaluation.sheet["recomputed_total"] is not None
    page = client.get(f"/evaluations/{evaluation.pk}/").content.decode()
    assert "第三方评价" in page and "监督抽查食品经营企业户次" in page


def test_a_manual_adjustment_needs_a_reason_and_is_logged(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "evaluator")
    client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    evaluation = Evaluation.objects.get()
    row = evaluation.scores.first()
    url = f"/evaluations/{evaluation.pk}/rows/{row.pk}/"
    page = client.post(url, {"adjusted": "8"}, follow=True).content.decode()
    assert "须填写理由" in page
    client.post(url, {"adjusted": "8", "reason": "佐证材料不全，扣2分"})
    row.refresh_from_db()
    assert row.adjusted == 8 and row.reason == "佐证材料不全，扣2分"
    change = Change.objects.get(field="第三方评价调整得分")
    assert (change.new, change.reason) == ("8", "佐证材料不全，扣2分")


def test_the_kinds_of_evaluation_follow_the_roles(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    assert (
        client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "self"}).status_code
        == 302
    )
    refused = client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    assert refused.status_code == 403 and "第三方评价" in refused.content.decode()
    login(client, "reviewer")
    assert (
        client.post(
            f"/systems/{county_system.pk}/evaluations/", {"kind": "department"}
        ).status_code
        == 302
    )
    assert set(Evaluation.objects.values_list("kind", flat=True)) == {"self", "department"}


def adjust_url(evaluation: Evaluation, row: object) -> str:
    return f"/evaluations/{evaluation.pk}/rows/{row.pk}/"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("99", "超出范围：应在0至10分（该指标分值）之间"),
        ("-1", "超出范围"),
        ("十分", "不是数字"),
        ("NaN", "不是数字"),
    ],
)
def test_an_adjustment_outside_the_weight_is_refused_in_chinese_and_nothing_is_saved(
    client: Client, world: World, county_system: IndicatorSystem, typed: str, message: str
) -> None:
    login(client, "evaluator")
    client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    evaluation = Evaluation.objects.get()
    row = evaluation.scores.get(indicator__code="1")
    page = client.post(
        adjust_url(evaluation, row), {"adjusted": typed, "reason": "核查"}, follow=True
    )
    assert page.status_code == 200
    assert message in page.content.decode() and "监督抽查食品经营企业户次" in page.content.decode()
    row.refresh_from_db()
    evaluation.refresh_from_db()
    assert row.adjusted is None and not Change.objects.filter(field__contains="调整").exists()
    assert evaluation.total == 20


def test_an_adjustment_counts_in_the_evaluation_and_the_system_and_can_be_withdrawn(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "evaluator")
    client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    evaluation = Evaluation.objects.get()
    row = evaluation.scores.get(indicator__code="1")
    client.post(adjust_url(evaluation, row), {"adjusted": "7.5分", "reason": "佐证不全"})
    evaluation.refresh_from_db()
    county_system.refresh_from_db()
    assert evaluation.total == county_system.score_total == Decimal("17.5")
    adjusted = next(r for r in evaluation.sheet["indicators"] if r["id"] == "1")
    assert adjusted["adjustment"] == {"points": 7.5, "reason": "佐证不全"}
    assert adjusted["computed"] == 10 and adjusted["recomputed"] == 7.5
    page = client.get(f"/systems/{county_system.pk}/").content.decode()
    assert 'id="recomputed-total">17.50<' in page and "含评价调整 1 项" in page
    refused = client.post(adjust_url(evaluation, row), {"adjusted": ""}, follow=True)
    assert "取消" in refused.content.decode() and "须填写理由" in refused.content.decode()
    client.post(adjust_url(evaluation, row), {"adjusted": "", "reason": "补交了佐证"})
    evaluation.refresh_from_db()
    assert evaluation.total == 20
    changes = Change.objects.filter(field="第三方评价调整得分").order_by("at", "pk")
    assert [(c.old, c.new, c.reason) for c in changes] == [
        ("", "7.5", "佐证不全"),
        ("7.5", "", "补交了佐证"),
    ]


def test_only_the_latest_evaluation_can_be_adjusted(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "evaluator")
    client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    first = Evaluation.objects.get()
    client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    row = first.scores.get(indicator__code="1")
    page = client.post(adjust_url(first, row), {"adjusted": "5", "reason": "x"}, follow=True)
    assert "只能调整该指标体系最近一次评价的得分" in page.content.decode()
    row.refresh_from_db()
    assert row.adjusted is None


def test_the_api_adjusts_within_the_weight_and_refuses_others_and_outsiders(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    evaluation = evaluate(county_system, "third_party", world.users["evaluator"])
    indicator = county_system.indicators.get(code="1")
    url = f"/api/evaluations/{evaluation.pk}/scores/{indicator.pk}"

    def put(user: str, body: dict) -> object:
        _, token = ApiToken.issue(world.users[user], "调整得分")
        return client.put(
            url,
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    refused = put("evaluator", {"adjusted": "99", "reason": "核查"})
    assert refused.status_code == 400 and "应在0至10分" in refused.json()["detail"]
    assert put("outsider", {"adjusted": "5", "reason": "x"}).status_code == 404
    done = put("evaluator", {"adjusted": "6", "reason": "佐证不全"})
    assert done.status_code == 200
    assert done.json()["total"] == 16 and done.json()["adjusted"] == 6
    county_system.refresh_from_db()
    assert county_system.score_total == 16
    assert Change.objects.filter(field="第三方评价调整得分", new="6").count() == 1


def test_scores_are_shown_with_two_decimals_as_the_forms_print_them(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "evaluator")
    client.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    evaluation = Evaluation.objects.get()
    Evaluation.objects.filter(pk=evaluation.pk).update(total=Decimal("99.4300"))
    row = evaluation.scores.first()
    type(row).objects.filter(pk=row.pk).update(computed=Decimal("7.6200"))
    page = client.get(f"/evaluations/{evaluation.pk}/").content.decode()
    assert "99.43" in page and "7.62" in page
    assert not re.search(r"\d\.\d{3,}", page), re.findall(r"\d+\.\d{3,}", page)
