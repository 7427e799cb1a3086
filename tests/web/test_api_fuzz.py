"""Schemathesis over the API's own OpenAPI schema: no input gives a 5xx.

Cases are generated from the schema django-ninja publishes at ``/api/openapi.json``: valid
requests, invalid ones (wrong types, out-of-range numbers, missing fields) and valid ones aimed
at rows that exist (the county's system, its indicators, the year's periods), so that the code
behind the checks runs too. They are sent in-process to the real Django WSGI app with a clerk's
bearer token. The budget is small and fixed (derandomized, a few examples per operation and
mode), so the suite stays fast; every 5xx is collected and reported together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from jixiao.web.api.views import api
from jixiao.web.cycle.models import periods_for
from jixiao.web.performance.models import IndicatorSystem

from .conftest import World
from .test_api_cycle import bearer

pytestmark = pytest.mark.django_db

BUDGET = settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Keep the test's transaction across requests, as Django's own test client does.

    Django's WSGI handler closes the database connection around each request; inside a test
    that would close the transaction holding the fixtures.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def existing_rows(world: World, system: IndicatorSystem) -> dict[str, Any]:
    """Path parameters that name real rows the clerk may see."""
    return {
        "system_id": system.pk,
        "indicator_id": system.indicators.first().pk,
        "org_id": world.county.pk,
        "period_id": next(p for p in periods_for(system.year) if p.is_final).pk,
        "year": system.year,
        "fmt": "xlsx",
    }


def cases(operation: Any, known: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Valid and invalid requests, free and aimed at existing rows."""
    names = {p.name for p in operation.path_parameters}
    aimed = {k: v for k, v in known.items() if k in names}
    return st.one_of(
        operation.as_strategy(),
        operation.as_strategy(GenerationMode.NEGATIVE),
        operation.as_strategy(path_parameters=aimed),
        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=aimed),
    )


def test_no_generated_request_gives_a_server_error(
    world: World, county_system: IndicatorSystem, keep_test_connection: None
) -> None:
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
    schema.app = WSGIHandler()
    headers = {"Authorization": bearer(world, "clerk")["HTTP_AUTHORIZATION"]}
    known = existing_rows(world, county_system)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @BUDGET
        @given(case=cases(operation, known))
        def call(case: schemathesis.Case) -> None:
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200}"
                )

        call()
    assert not failures, "\n".join(failures)


def row_counts() -> dict[str, int]:
    """Rows per model, to see whether anything was written."""
    from django.apps import apps

    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_no_generated_read_writes_a_row(
    world: World, county_system: IndicatorSystem, keep_test_connection: None
) -> None:
    """A read-only user's GETs, valid or not, leave every table as it was."""
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
    schema.app = WSGIHandler()
    headers = {"Authorization": bearer(world, "readonly")["HTTP_AUTHORIZATION"]}
    known = existing_rows(world, county_system)
    before = row_counts()
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() != "GET":
            continue

        @settings(BUDGET, max_examples=2)
        @given(case=cases(operation, known))
        def call(case: schemathesis.Case) -> None:
            case.call(headers=headers)

        call()
    after = row_counts()
    assert {k: (before[k], v) for k, v in after.items() if v != before[k]} == {}
