"""The demo's results after the year: the 真抓实干 pool qualifies units by the simulated scores."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from jixiao.demo.loader import DEMO_PASSWORD, load_demo
from jixiao.demo.outcomes import POOL_NAME, QUALIFYING_SCORE
from jixiao.web.orgs.models import Level, Organization
from jixiao.web.outcomes.models import IncentivePool
from jixiao.web.outcomes.scores import unit_scores

PAID = {Level.CITY: Decimal(1_000_000), Level.COUNTY: Decimal(500_000)}  # seed 003's 100万/50万


def test_the_demo_pool_pays_every_city_and_county_graded_excellent(
    db: None, client: Client
) -> None:
    load_demo(log=lambda *_: None)
    province = Organization.objects.get(name="湖南省市场监督管理局")
    pool = IncentivePool.objects.get(organization=province, name=POOL_NAME)
    assert not pool.listed.exists() and pool.min_score == Decimal(QUALIFYING_SCORE)
    scores = unit_scores(province, 2023)
    shares = list(pool.shares.select_related("organization"))
    units = Organization.objects.filter(
        path__startswith=province.path, level__in=(Level.CITY, Level.COUNTY)
    )
    assert {s.organization for s in shares} == set(units)
    for share in shares:
        unit = scores[share.organization_id]
        assert unit.score is not None and share.score == unit.score
        assert share.qualifies == (unit.grade == "优") == (unit.score >= 90)
        assert share.amount == (PAID[share.organization.level] if share.qualifies else 0)
        if not share.qualifies:
            assert f"低于{QUALIFYING_SCORE}分" in share.reason
    paid = [s for s in shares if s.qualifies]
    assert paid and len(paid) < len(shares)  # the rule leaves the counties that fell short out
    assert any(s.organization.level == Level.CITY for s in paid)
    assert sum(s.amount for s in shares) <= pool.amount

    assert client.login(username="hn_officer", password=DEMO_PASSWORD)
    page = client.get(reverse("outcomes_pool", args=[pool.pk])).content.decode()
    assert "得分不低于90分" in page and "须列入表扬激励名单" not in page
