"""Entrusting an evaluation to an agency, rating its work, and the agency's record."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from jixiao.web.cycle.models import Change
from jixiao.web.experts.models import Agency, Entrustment
from jixiao.web.performance.models import IndicatorSystem
from tests.web.conftest import World, login

from .conftest import Pool

pytestmark = pytest.mark.django_db


def entrusted(system: IndicatorSystem, agency: Agency) -> Entrustment:
    officer = login(Client(), "officer")
    body = {"agency": agency.pk, "task": "2024年度部门整体支出绩效评价"}
    assert officer.post(f"/systems/{system.pk}/entrust/", body).status_code == 302
    return system.entrustments.get()


def rate(entrustment: Entrustment, score: str) -> str:
    officer = login(Client(), "officer")
    form = {"score": score, "opinion": "报告规范", "version": entrustment.version}
    url = f"/entrustments/{entrustment.pk}/rate/"
    return officer.post(url, form, follow=True).content.decode()


def test_an_entrusted_evaluation_is_rated_after_it_and_updates_the_agency(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    entrustment = entrusted(county_system, pool.agency)
    assert "受托机构尚未完成第三方评价" in rate(entrustment, "92")
    evaluator = login(Client(), "evaluator")
    evaluator.post(f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"})
    page = rate(entrustment, "92")
    assert "执业质量评价92分（优秀）" in page
    agency = Agency.objects.get(pk=pool.agency.pk)
    assert (agency.evaluations_count, agency.credit) == (1, "A")
    assert "1次执业质量评价平均92分" in agency.credit_note
    entrustment.refresh_from_db()
    assert entrustment.evaluation == county_system.evaluations.get()
    logged = Change.objects.filter(object_type="experts.agency", object_id=str(agency.pk))
    assert {(c.old, c.new) for c in logged} >= {("0", "1"), ("未评级", "A")}


def test_a_bad_record_lowers_the_credit_level_by_the_rule(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    entrustment = entrusted(county_system, pool.agency)
    login(Client(), "evaluator").post(
        f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"}
    )
    rate(entrustment, "95")
    officer = login(Client(), "officer")
    agency = Agency.objects.get(pk=pool.agency.pk)
    form = {"name": agency.name, "nature": "accounting", "version": agency.version}
    form["bad_records"] = f"{timezone.localdate().isoformat()} 评价报告数据失实"
    officer.post(f"/agencies/{agency.pk}/", form)
    agency.refresh_from_db()
    assert agency.credit == "B" and "不良记录1条" in agency.credit_note
    form |= {"version": agency.version, "bad_records": "3月1日 失实"}
    page = officer.post(f"/agencies/{agency.pk}/", form).content.decode()
    assert "不良记录第1条：须以日期开头" in page


def test_a_rating_out_of_range_is_refused_and_only_the_level_above_entrusts(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    url = f"/systems/{county_system.pk}/entrust/"
    assert login(Client(), "clerk").post(url, {"agency": pool.agency.pk}).status_code == 403
    assert login(Client(), "outsider").post(url, {"agency": pool.agency.pk}).status_code == 404
    entrustment = entrusted(county_system, pool.agency)
    login(Client(), "evaluator").post(
        f"/systems/{county_system.pk}/evaluations/", {"kind": "third_party"}
    )
    assert "执业质量评价得分须在0～100分之间" in rate(entrustment, "120")
    assert "须为0～100的数" in rate(entrustment, "优")
    assert Agency.objects.get(pk=pool.agency.pk).evaluations_count == 0
