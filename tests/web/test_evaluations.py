from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

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
