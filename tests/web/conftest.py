"""Personas (healthchecks' Alice and Bob): a small province tree with one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from jixiao.core.documents import Document, Indicator, Target
from jixiao.web.imports.save import save_document
from jixiao.web.orgs.models import Level, Membership, Organization, Role
from jixiao.web.performance.models import IndicatorSystem
from tests.web.browser import FAST_HASHERS, browser, demo, demo_site  # noqa: F401  (fixtures)

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


@pytest.fixture(autouse=True)
def _fast_passwords(settings: object) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings: object) -> None:
    """Background tasks run inside the request (django-tasks' own immediate backend).

    The import job itself is the real one (a confined child process reads the file); only
    the queue is skipped. tests/web/test_import_worker.py runs a real worker process.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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


def county_document(score: str = "10") -> Document:
    """A small self-evaluation of the county, built in code (no seed needed)."""
    return Document(
        kind="self_evaluation",
        title="乙县市场监督管理局2024年度部门整体支出绩效自评表",
        year=2024,
        indicators=[
            Indicator(
                id="1",
                name="监督抽查食品经营企业户次",
                path=["产出指标", "数量指标"],
                direction="≥",
                targets=[Target(raw="不少于300户次", op=">=", value=Decimal(300), unit="户次")],
                weight=Decimal(10),
                score=Decimal(score),
                departments=["食品经营安全监督管理股"],
            ),
            Indicator(
                id="2",
                name="投诉举报按时办结率",
                path=["效果指标", "社会效益指标"],
                direction="≥",
                targets=[Target(raw="≥98%", op=">=", value=Decimal(98), unit="%")],
                weight=Decimal(10),
                score=Decimal(10),
                departments=["消费者权益保护股"],
            ),
        ],
    )


@pytest.fixture
def county_system(world: World) -> IndicatorSystem:
    """The county's 2024 system in draft, saved through the real import path."""
    return save_document(county_document(), world.county, user=world.users["clerk"])


def login(client: Client, name: str) -> Client:
    """Log ``client`` in as persona ``name``."""
    assert client.login(username=name, password=PASSWORD)
    return client
