"""The demo's expert pool: five experts (three with logins), two agencies, 回避 visible."""

from __future__ import annotations

import pytest

from jixiao.core.panels import draw_experts
from jixiao.demo.experts import EXPERT_USERNAMES, load_experts_demo
from jixiao.web.experts.models import Agency, Expert
from jixiao.web.experts.panels import candidate_of
from jixiao.web.orgs.models import Level, Organization

pytestmark = pytest.mark.django_db


def test_the_demo_pool_loads_once_and_its_county_expert_avoids_the_county() -> None:
    province = Organization.objects.create(name="湖南省市场监督管理局", level=Level.PROVINCE)
    city = Organization.objects.create(
        name="张家界市市场监督管理局", level=Level.CITY, parent=province
    )
    county = Organization.objects.create(
        name="慈利县市场监督管理局", level=Level.COUNTY, parent=city
    )
    load_experts_demo(log=lambda *_: None)
    load_experts_demo(log=lambda *_: None)
    assert Expert.objects.count() == 5 and Agency.objects.count() == 2
    logins = set(Expert.objects.exclude(user=None).values_list("user__username", flat=True))
    assert logins == EXPERT_USERNAMES
    candidates = [candidate_of(e) for e in Expert.objects.all()]
    draw = draw_experts(candidates, "财务", 3, (county.pk, county.name), seed=1)
    assert [x.name for x in draw.excluded] == ["陈静（模拟）"]  # 赵强 (city) may score a county
