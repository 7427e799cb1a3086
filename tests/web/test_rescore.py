"""Rescoring at write time: ``Indicator.recomputed`` follows what was entered, and so do roll-ups."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jixiao.core.documents import Actual, Target
from jixiao.core.scoring import score_document
from jixiao.ingest import extract_file
from jixiao.web.adapter import document_of
from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.evaluations import evaluate
from jixiao.web.cycle.models import EvaluationKind, periods_for
from jixiao.web.imports.save import save_document
from jixiao.web.monitoring.queries import province_rollup
from jixiao.web.performance.models import Indicator, IndicatorSystem
from jixiao.web.performance.rescore import rescore_many
from tests.support import seed

from .conftest import World, county_document, login

pytestmark = pytest.mark.django_db


def final_url(indicator: Indicator) -> str:
    final = next(p for p in periods_for(indicator.system.year) if p.is_final)
    return f"/indicators/{indicator.pk}/results/{final.pk}/"


def county_score(world: World) -> Decimal | None:
    return province_rollup(world.province, 2024).find(world.county.pk).score


def test_import_stores_the_cores_points_and_the_rollup_sums_them(world: World) -> None:
    doc = county_document(score="10")  # 10 printed, but only 270 of 300 was done
    first = doc.indicators[0]
    doc.indicators[0].actual = Actual(
        "270户次", [Target("270户次", "=", Decimal(270), unit="户次")]
    )
    assert first.actual is not None
    system = save_document(doc, world.county)
    by_code = {i.code: i for i in system.indicators.all()}
    assert by_code["1"].score == 10 and by_code["1"].recomputed == Decimal("9.00")
    assert by_code["2"].recomputed == 10  # no actual, full printed score: read as met
    assert county_score(world) == Decimal("95.00")  # (9 + 10) / 20, not the printed 100


def test_a_final_result_rescores_the_indicator_and_the_units_rollup(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    assert county_score(world) == Decimal("100.00")
    indicator = county_system.indicators.get(code="1")
    login(client, "clerk")
    client.post(final_url(indicator), {"value": "150户次", "comment": ""}, HTTP_HX_REQUEST="true")
    indicator.refresh_from_db()
    assert indicator.score == 10 and indicator.recomputed == Decimal("5.00")  # 150 ÷ 300 × 10
    assert county_score(world) == Decimal("75.00")
    page = client.get(f"/indicators/{indicator.pk}/").content.decode()
    assert "复核得分" in page and "10.00 / 10.00 / 5.00" in page  # two decimals, as the forms print
    city = province_rollup(world.province, 2024).find(world.city.pk)
    assert city.score == Decimal("75.00")


def test_a_result_entered_through_the_api_rescores_too(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    _, token = ApiToken.issue(world.users["clerk"], "复核得分测试")
    indicator = county_system.indicators.get(code="1")
    final = next(p for p in periods_for(2024) if p.is_final)
    reply = client.put(
        f"/api/indicators/{indicator.pk}/results/{final.pk}",
        json.dumps({"value": "240户次"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert reply.status_code == 200
    indicator.refresh_from_db()
    assert indicator.recomputed == Decimal("8.00")
    patched = client.patch(
        f"/api/indicators/{indicator.pk}",
        json.dumps({"weight": "5", "reason": "调整分值"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert patched.status_code == 200 and Decimal(str(patched.json()["recomputed"])) == 4


def test_a_tree_edit_of_the_target_or_weight_rescores(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    indicator = county_system.indicators.get(code="1")
    login(client, "clerk")
    client.post(final_url(indicator), {"value": "150户次", "comment": ""}, HTTP_HX_REQUEST="true")
    edit = f"/indicators/{indicator.pk}/edit/"
    client.post(
        edit, {"target_text": "不少于200户次", "reason": "调整目标"}, HTTP_HX_REQUEST="true"
    )
    indicator.refresh_from_db()
    assert indicator.targets[0]["value"] == 200 and indicator.recomputed == Decimal("7.50")
    client.post(edit, {"weight": "8", "reason": "调整分值"}, HTTP_HX_REQUEST="true")
    indicator.refresh_from_db()
    assert indicator.weight == 8 and indicator.recomputed == Decimal("6.00")
    assert county_score(world) == Decimal("88.89")  # (6 + 10) / (8 + 10)


def test_an_evaluation_keeps_the_points_it_computed(
    world: World, county_system: IndicatorSystem
) -> None:
    county_system.indicators.update(recomputed=Decimal("1"))  # stale, written around the app
    evaluate(county_system, EvaluationKind.SELF, world.users["clerk"])
    assert set(county_system.indicators.values_list("recomputed", flat=True)) == {Decimal(10)}


def test_rescore_fills_rows_written_before_the_column(
    world: World, county_system: IndicatorSystem
) -> None:
    other = save_document(county_document(score="10"), world.other_county)
    Indicator.objects.update(recomputed=None)
    world.city.code = "CITY1"
    world.city.save()
    call_command("rescore", year=2024, org="CITY1", batch=1, stdout=_Sink())
    for system in (county_system, other):
        assert set(system.indicators.values_list("recomputed", flat=True)) == {Decimal(10)}
    with pytest.raises(CommandError, match="正整数"):
        call_command("rescore", batch=0, stdout=_Sink())
    with pytest.raises(CommandError, match="找不到"):
        call_command("rescore", org="NO-SUCH-ORG", stdout=_Sink())


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_stored_points_are_what_the_core_scores_for_the_whole_document(
    world: World, prefix: str
) -> None:
    """Per-row rescoring (with the system's rates where a 评分标准 needs them) = score_document."""
    system = save_document(extract_file(seed(prefix)), world.county, year=2024)
    sheet = score_document(document_of(system)).to_dict()
    expected = {row["id"]: row["trace"]["points"] for row in sheet["indicators"]}
    stored = {i.code or str(i.position): i.recomputed for i in system.indicators.all()}
    assert expected and any(v is not None for v in expected.values())
    for key, points in expected.items():
        assert stored[key] == (None if points is None else Decimal(str(points))), key
    assert rescore_many(system.indicators.select_related("system")) == 0


class _Sink:
    """A stdout for call_command that keeps nothing (the command's log is not under test)."""

    def write(self, text: str) -> None:
        del text

    def flush(self) -> None:
        pass


def test_systems_saved_before_totals_were_stored_get_them_after_migrate(world: World) -> None:
    from jixiao.web.performance.apps import store_missing_scores

    system = save_document(county_document(score="10"), world.county)
    stored = (system.score_total, system.score_weight, system.score_grade)
    IndicatorSystem.objects.filter(pk=system.pk).update(
        score_total=None, score_weight=None, score_grade=""
    )
    store_missing_scores()
    system.refresh_from_db()
    assert (system.score_total, system.score_weight, system.score_grade) == stored
    assert stored[0] is not None
