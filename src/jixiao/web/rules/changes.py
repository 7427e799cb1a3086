"""Adding a rule and switching it on or off: the page and the API, audited the same way."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jixiao.web.cycle.audit import record_created, update_fields
from jixiao.web.rules.models import UserRule


def add_rule(form: Any, user: Any, check: Any = None) -> UserRule:
    """Store a validated rule form, logged as created (``check`` refuses an org first)."""
    with transaction.atomic():
        rule = form.save(commit=False)
        if check is not None:
            check(rule.organization)
        rule.created_by = user
        rule.save()
        record_created(rule, user, what=f"{rule.name}：{rule.left} {rule.operator} {rule.right}")
    return rule


def set_active(rule: UserRule, active: bool, user: Any, expected: int | None = None) -> UserRule:
    """Switch a rule on or off (启用/停用), logged; refused when stale (``expected``)."""
    update_fields(rule, {"is_active": active}, user, expected=expected)
    return rule
