"""The organisation page pages the unit's own systems (``?own=``) apart from those below (``?page=``).

A unit keeps its systems year after year; the page listed all of them at once, so it grew
with the unit's history. Each list now shows a page of rows with its own page links, and the
page reads as many queries for 105 systems as for 5.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jixiao.web.paging import PAGE_SIZE
from jixiao.web.performance.models import IndicatorSystem, SystemKind
from tests.web.conftest import World, login

pytestmark = pytest.mark.django_db


def add_systems(world: World, first: int, count: int) -> None:
    """``count`` systems of the county itself, one title each, over twenty years."""
    IndicatorSystem.objects.bulk_create(
        IndicatorSystem(
            organization=world.county,
            year=2000 + n % 20,
            kind=SystemKind.PROJECT,
            title=f"自有体系{n:03d}",
        )
        for n in range(first, first + count)
    )


def own_titles(html: str) -> list[str]:
    """The titles listed in the own-systems card of ``html``."""
    card = html.split('id="own-systems"', 1)[1].split("</div>", 1)[0]
    return re.findall(r"自有体系\d{3}", card)


def read(client: Client, path: str) -> tuple[str, int]:
    """The page's text and its number of queries (read once before, to fill the caches)."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_own_systems_are_paged_each_once_and_keep_the_other_list_page(world: World) -> None:
    client = login(Client(), "officer")
    url = f"/orgs/{world.county.pk}/"
    add_systems(world, 0, 5)
    _, few = read(client, url)
    add_systems(world, 5, PAGE_SIZE)
    first, many = read(client, f"{url}?page=3")
    assert many == few
    second, _ = read(client, f"{url}?page=3&own=2")
    shown = own_titles(first) + own_titles(second)
    assert len(own_titles(first)) == PAGE_SIZE
    assert sorted(shown) == [f"自有体系{n:03d}" for n in range(PAGE_SIZE + 5)]
    assert "?page=3&own=2" in first
    assert "?page=3&own=1" in second
