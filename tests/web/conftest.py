"""Personas (healthchecks' Alice and Bob): a small province tree with one user per role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from jixiao.web.orgs.models import Level, Membership, Organization, Role

PASSWORD = "correct-horse-9"


@dataclass
class World:
    """The organisations and users every web test can lean on."""

    province: Organization
    city: Organization
    county: Organization
    other_county: Organization
    other_province: Organization
    users: dict[str, User]


def _user(name: str, org: Organization, role: str) -> User:
    user = User.objects.create_user(name, password=PASSWORD, first_name=name)
    Membership.objects.create(user=user, organization=org, role=role)
    return user


@pytest.fixture
def world(db: None) -> World:
    province = Organization.objects.create(name="测试省市场监督管理局", level=Level.PROVINCE)
    city = Organization.objects.create(
        name="甲市市场监督管理局", level=Level.CITY, parent=province
    )
    county = Organization.objects.create(
        name="乙县市场监督管理局", level=Level.COUNTY, parent=city
    )
    other_county = Organization.objects.create(
        name="丙县市场监督管理局", level=Level.COUNTY, parent=city
    )
    other_province = Organization.objects.create(name="丁省市场监督管理局", level=Level.PROVINCE)
    users = {
        "officer": _user("officer", province, Role.OFFICER),
        "city_officer": _user("city_officer", city, Role.OFFICER),
        "reviewer": _user("reviewer", city, Role.REVIEWER),
        "clerk": _user("clerk", county, Role.CLERK),
        "other_clerk": _user("other_clerk", other_county, Role.CLERK),
        "evaluator": _user("evaluator", province, Role.EVALUATOR),
        "readonly": _user("readonly", province, Role.READONLY),
        "outsider": _user("outsider", other_province, Role.OFFICER),
    }
    users["admin"] = User.objects.create_superuser("admin", "", PASSWORD)
    return World(province, city, county, other_county, other_province, users)
