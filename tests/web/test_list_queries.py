"""List and aggregate pages read a fixed number of queries, however many rows there are.

A query per row (an N+1) is what makes a page that is quick on the demo take seconds on a
province. Each page is read twice, the second time with three times the systems, checks and
red lights; the number of queries must not change. Counting queries is deterministic, so this
is checked here; how long the pages take is measured in bench/ (docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jixiao.web.imports.save import save_document
from jixiao.web.monitoring.models import IndicatorCheck
from jixiao.web.monitoring.records import launch_round, record_many
from jixiao.web.orgs.models import Level, Organization
from jixiao.web.paging import KeysByOrganization
from tests.web.conftest import World, login
from tests.web.monitoring.conftest import county_plan

pytestmark = pytest.mark.django_db

PAGES = {
    "officer": (
        "/systems/",
        "/systems/?year=2024&page=2",
        "/orgs/{province}/",
        "/outcomes/targets/?year=2024&org={province}",
        "/dashboard/{province}/scores/?year=2024",
        "/monitoring/orgs/{province}/checks/?year=2024&as_of={as_of}",
        "/monitoring/orgs/{province}/checks/?year=2024&as_of={as_of}&what=spending",
        "/monitoring/",
        "/orgs/{province}/export/?year=2024",
        "/outcomes/ledger/?org={province}&year=2024",
        "/api/monitoring/orgs/{province}/checks?as_of={as_of}",
        "/api/monitoring/orgs/{province}/spending?as_of={as_of}",
        "/",
        "/api/workbench",
        "/experts/",
        "/agencies/",
        "/api/experts",
        "/api/agencies",
    ),
    "clerk": (
        "/",
        "/api/monitoring/alerts",
        "/monitoring/alerts/",
        "/monitoring/orgs/{county}/checks/?year=2024&as_of={as_of}",
    ),
}


def add_counties(world: World, count: int) -> None:
    """``count`` more counties under the city, each with a project system."""
    for n in range(count):
        name = f"新增{Organization.objects.count()}{n}县市场监督管理局"
        county = Organization.objects.create(name=name, level=Level.COUNTY, parent=world.city)
        save_document(county_plan(name), county)


def add_own_system(world: World, kind: str) -> None:
    """A system of the clerk's county: its own rows, which the clerk may answer."""
    plan = replace(county_plan(world.county.name), kind=kind)
    save_document(plan, world.county, user=world.users["clerk"])


def monitor(world: World, as_of: date) -> None:
    """A round at ``as_of`` with every indicator far behind (red, waiting for an answer)."""
    rnd = launch_round(world.province, 2024, as_of, world.users["officer"])
    checks = IndicatorCheck.objects.filter(round=rnd).select_related(
        "indicator", "organization", "round"
    )
    record_many([(c, "1") for c in checks], [])


def counts(world: World, as_of: date) -> dict[str, int]:
    """The number of queries of each page, read by its persona."""
    ids = {"province": world.province.pk, "county": world.county.pk, "as_of": as_of}
    out = {}
    for persona, paths in PAGES.items():
        client = login(Client(), persona)
        for template in paths:
            path = template.format(**ids)
            client.get(path)  # the first read fills the per-process caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            out[f"{persona} {path.split('?')[0]}{path.count('&')}"] = len(queries)
    return out


def test_list_pages_read_as_many_queries_for_three_times_the_rows(world: World) -> None:
    add_counties(world, 2)
    add_own_system(world, "evaluation_report")
    monitor(world, date(2024, 6, 30))
    small = counts(world, date(2024, 6, 30))
    add_counties(world, 6)
    add_own_system(world, "self_evaluation")
    monitor(world, date(2024, 9, 30))
    assert IndicatorCheck.objects.filter(round__as_of=date(2024, 9, 30)).count() == 30
    assert counts(world, date(2024, 9, 30)) == small


def test_pages_by_organization_keep_the_tree_order_across_page_breaks(world: World) -> None:
    add_counties(world, 3)
    add_own_system(world, "evaluation_report")
    add_own_system(world, "self_evaluation")
    monitor(world, date(2024, 6, 30))
    rows = IndicatorCheck.objects.filter(organization__path__startswith=world.province.path)
    order = ("indicator__system_id", "indicator__position")
    expected = list(rows.order_by("organization__path", *order, "pk").values_list("pk", flat=True))
    keys = KeysByOrganization(rows, order)
    assert len(keys) == len(expected) == 15
    pages = [keys[start : start + 4] for start in range(0, len(keys), 4)]  # breaks mid-unit
    assert [k for page in pages for k in page] == expected
    assert keys[5] == expected[5] and keys[30:40] == []


def test_the_api_lists_checks_by_unit_then_position_across_its_pages(world: World) -> None:
    add_counties(world, 3)
    add_own_system(world, "evaluation_report")
    monitor(world, date(2024, 6, 30))
    rows = IndicatorCheck.objects.filter(organization__path__startswith=world.province.path)
    order = ("organization__path", "indicator__position", "pk")
    expected = list(rows.order_by(*order).values_list("pk", flat=True))
    client = login(Client(), "officer")
    url = f"/api/monitoring/orgs/{world.province.pk}/checks"
    pages = [client.get(url, {"page": n, "page_size": 5}).json() for n in (1, 2, 3)]
    assert pages[0]["count"] == len(expected) == 12
    assert [item["id"] for page in pages for item in page["items"]] == expected
