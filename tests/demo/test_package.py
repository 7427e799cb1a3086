"""The demo stands apart from the product, and the product still recognises its accounts."""

from __future__ import annotations

from django.core.management import get_commands

from jixiao.demo.experts import EXPERT_USERNAMES
from jixiao.demo.loader import DEMO_USERS
from jixiao.web.security.production import DEMO_USERNAMES


def test_every_demo_account_is_one_the_production_check_knows() -> None:
    # The product keeps the published names itself (it must not import the demo); an account
    # the demo creates but the list lacks would slip past `jixiao serve --prod`.
    assert {u.username for u in DEMO_USERS} | EXPERT_USERNAMES | {"admin"} == DEMO_USERNAMES


def test_the_demo_command_is_the_demo_packages() -> None:
    # `jixiao serve` and `jixiao demo` call it by name; it lives in jixiao.demo, not in a
    # product app.
    assert get_commands()["load_demo"] == "jixiao.demo"
