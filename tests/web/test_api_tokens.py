from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken

from .conftest import World

pytestmark = pytest.mark.django_db


def test_a_bearer_token_authenticates_and_scopes_to_the_users_organisations(
    client: Client, world: World
) -> None:
    token, raw = ApiToken.issue(world.users["city_officer"], "对接测试")
    assert token.key_hash != raw and raw not in token.key_hash
    response = client.get("/api/orgs", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    names = {o["name"] for o in response.json()["items"]}
    assert names == {"甲市市场监督管理局", "乙县市场监督管理局", "丙县市场监督管理局"}


def test_a_wrong_token_is_refused(client: Client, world: World) -> None:
    ApiToken.issue(world.users["city_officer"], "对接测试")
    response = client.get("/api/orgs", HTTP_AUTHORIZATION="Bearer jx_not-a-token")
    assert response.status_code == 401
