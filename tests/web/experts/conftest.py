"""A province expert pool and agency register around the county's system (tests/web/conftest)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from jixiao.web.experts.models import Agency, Expert
from jixiao.web.performance.models import IndicatorSystem
from tests.web.conftest import PASSWORD, World


@dataclass
class Pool:
    """The experts by name (each with a login) and one agency."""

    experts: dict[str, Expert]
    agency: Agency


def expert(world: World, name: str, employer: object | None = None) -> Expert:
    user = User.objects.create_user(f"expert_{name}", password=PASSWORD, first_name=name)
    return Expert.objects.create(
        organization=world.province,
        name=name,
        employer=employer,
        employer_name="" if employer else "某大学",
        specialties=["财务", "食品安全"],
        user=user,
    )


@pytest.fixture
def pool(world: World, county_system: IndicatorSystem) -> Pool:
    """Five 财务 experts; the county's own must avoid the county's system."""
    return make_pool(world)


def make_pool(world: World) -> Pool:
    """Five 财务 experts (at the county, the city, the other county, two outside) and an agency."""
    experts = {
        "县专家": expert(world, "县专家", world.county),
        "市专家": expert(world, "市专家", world.city),
        "邻县专家": expert(world, "邻县专家", world.other_county),
        "高校甲": expert(world, "高校甲"),
        "高校乙": expert(world, "高校乙"),
    }
    agency = Agency.objects.create(
        organization=world.province, name="某某会计师事务所", nature="accounting"
    )
    return Pool(experts, agency)
