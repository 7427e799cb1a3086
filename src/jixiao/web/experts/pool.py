"""Keeping the pools: experts, agencies and a province's combining rule, each write audited.

Pages and API routes both come here, so a value is checked once (bounded lengths, known
choices, an employer the officer may see) and every write is logged through
``jixiao.web.cycle.audit`` with the version the person saw.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from jixiao.core.panels import PanelError, PanelRule
from jixiao.web.cycle.audit import record_created, update_fields
from jixiao.web.experts.access import chain_of, require_manage
from jixiao.web.experts.agencies import refresh_credit
from jixiao.web.experts.models import (
    Agency,
    AgencyNature,
    CombineMethod,
    Expert,
    PanelSettings,
)
from jixiao.web.orgs.models import Organization, path_ids
from jixiao.web.orgs.permissions import visible_orgs

MAX_SPECIALTIES = 10
MAX_RECORDS = 50
SPLIT = re.compile(r"[、,，;；\s]+")


class PoolError(ValueError):
    """Input a pool cannot take; the message says which field and why, in Chinese."""


def parse_specialties(text: str | list[str]) -> list[str]:
    """``财务、法律`` (or a list) → ``["财务", "法律"]``: bounded, trimmed, no repeats."""
    items = text if isinstance(text, list) else SPLIT.split(str(text)[:1000])
    seen: list[str] = []
    for item in (str(i).strip() for i in items):
        if item and item not in seen:
            if len(item) > 50:
                raise PoolError(f"专业领域「{item[:20]}…」过长（不超过50字）。")
            seen.append(item)
    if not seen:
        raise PoolError("专业领域：至少填写一项（多项以顿号分隔）。")
    if len(seen) > MAX_SPECIALTIES:
        raise PoolError(f"专业领域：最多{MAX_SPECIALTIES}项。")
    return seen


def _text(values: dict[str, Any], name: str, label: str, limit: int, required: bool) -> str:
    text = str(values.get(name) or "").strip()
    if required and not text:
        raise PoolError(f"{label}：必填。")
    if len(text) > limit:
        raise PoolError(f"{label}：不超过{limit}字。")
    return text


#: A text field of a register: its label, its longest length, and whether it is required.
TextSpec = tuple[str, int, bool]
ON = (True, "on", "true", "1", 1)


def _common(values: dict[str, Any], texts: dict[str, TextSpec]) -> dict[str, Any]:
    """The checked text fields and ``is_active`` sent (both registers take them alike)."""
    fields = {
        name: _text(values, name, label, limit, required)
        for name, (label, limit, required) in texts.items()
        if name in values
    }
    if "is_active" in values:
        fields["is_active"] = values["is_active"] in ON
    return fields


def _employer(user: Any, value: Any) -> Organization | None:
    if value in (None, ""):
        return None
    try:
        return visible_orgs(user).get(pk=int(value))
    except (ValueError, TypeError, Organization.DoesNotExist) as exc:
        raise PoolError("所在单位：不存在或您无权查看。") from exc


def expert_values(user: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The checked fields of an expert from a form or a request body (partial is fine)."""
    texts = {"name": ("姓名", 50, True), "employer_name": ("工作单位", 100, False)}
    texts |= {"title": ("职称", 50, False), "phone": ("联系电话", 30, False)}
    fields = _common(values, texts)
    if "specialties" in values:
        fields["specialties"] = parse_specialties(values["specialties"])
    if "employer" in values:
        fields["employer"] = _employer(user, values["employer"])
    return fields


def add_expert(org: Organization, values: dict[str, Any], user: Any) -> Expert:
    """A new expert in ``org``'s pool (logged as 新增专家)."""
    require_manage(user, org)
    fields = expert_values(user, {"name": "", "specialties": "", **values})
    with transaction.atomic():
        expert = Expert.objects.create(organization=org, **fields)
        record_created(expert, user, what=f"{expert.name}（{'、'.join(expert.specialties)}）")
    return expert


def edit_expert(
    expert: Expert, values: dict[str, Any], user: Any, expected: int | None = None
) -> None:
    """Change an expert's record (audited; a stale ``expected`` version is refused)."""
    require_manage(user, expert.organization)
    update_fields(expert, expert_values(user, values), user, expected=expected)


def rule_for(org: Organization) -> PanelRule:
    """The combining rule that applies at ``org``: its own setting, else the nearest above."""
    found = {
        s.organization_id: s for s in PanelSettings.objects.filter(organization__in=chain_of(org))
    }
    for each in reversed(chain_of(org)):
        if each.pk in found:
            s = found[each.pk]
            return PanelRule(s.method, s.spread_percent)
    return PanelRule()


def rules_for(
    orgs: list[Organization],
) -> list[tuple[Organization, PanelRule, PanelSettings | None]]:
    """Each organisation with the rule that applies there (:func:`rule_for`) and its own setting.

    One query for all of them (the expert page lists a form per organisation), not two each.
    """
    chains = {o.pk: path_ids(o.path) for o in orgs}
    ids = {pk for chain in chains.values() for pk in chain}
    found = {s.organization_id: s for s in PanelSettings.objects.filter(organization_id__in=ids)}
    out = []
    for org in orgs:
        nearest = next((found[pk] for pk in reversed(chains[org.pk]) if pk in found), None)
        rule = PanelRule(nearest.method, nearest.spread_percent) if nearest else PanelRule()
        out.append((org, rule, found.get(org.pk)))
    return out


def save_rule(
    org: Organization, values: dict[str, Any], user: Any, expected: int | None
) -> PanelSettings:
    """Set ``org``'s combining rule (method and 分歧阈值), audited."""
    require_manage(user, org)
    method = str(values.get("method") or "")
    if method not in CombineMethod.values:
        raise PoolError("专家评分合成方法：须为“算术平均”或“去掉一个最高分和一个最低分后平均”。")
    try:
        spread = Decimal(str(values.get("spread_percent")))
        PanelRule(method, spread)
    except (InvalidOperation, PanelError) as exc:
        raise PoolError("分歧阈值(%)：须为大于0、不超过100的数。") from exc
    with transaction.atomic():
        settings, created = PanelSettings.objects.get_or_create(organization=org)
        if created:
            record_created(settings, user)
            expected = None
        update_fields(
            settings, {"method": method, "spread_percent": spread}, user, expected=expected
        )
    return settings


def agency_values(values: dict[str, Any]) -> dict[str, Any]:
    """The checked fields of an agency from a form or a request body (partial is fine)."""
    texts = {"name": ("机构名称", 100, True), "business_scope": ("业务范围", 2000, False)}
    texts |= {"contact": ("联系人及电话", 100, False)}
    fields = _common(values, texts)
    if "nature" in values:
        if values["nature"] not in AgencyNature.values:
            labels = "、".join(str(label) for label in AgencyNature.labels)
            raise PoolError(f"机构性质：须为以下之一：{labels}。")
        fields["nature"] = values["nature"]
    if "bad_records" in values:
        fields["bad_records"] = parse_records(values["bad_records"])
    return fields


def parse_records(value: str | list[Any]) -> list[dict[str, str]]:
    """不良记录 as ``[{"date", "text"}]``: from a list, or text lines ``2024-05-10 报告失实``."""
    lines = value if isinstance(value, list) else str(value)[:20000].splitlines()
    records = []
    for number, item in enumerate(lines, 1):
        line = f"{item.get('date', '')} {item.get('text', '')}" if isinstance(item, dict) else item
        head, _, text = str(line).strip().partition(" ")
        if not head:
            continue
        try:
            on = date.fromisoformat(head)
        except ValueError as exc:
            raise PoolError(
                f"不良记录第{number}条：须以日期开头（如 2024-05-10 报告失实）。"
            ) from exc
        if not text.strip() or len(text) > 500:
            raise PoolError(f"不良记录第{number}条：须写明情况（不超过500字）。")
        records.append({"date": on.isoformat(), "text": text.strip()})
    if len(records) > MAX_RECORDS:
        raise PoolError(f"不良记录：最多{MAX_RECORDS}条。")
    return records


def records_text(agency: Agency) -> str:
    """The 不良记录 as the form's lines."""
    return "\n".join(f"{r['date']} {r['text']}" for r in agency.bad_records or [])


def add_agency(org: Organization, values: dict[str, Any], user: Any) -> Agency:
    """A new agency in ``org``'s register (logged as 新增中介机构)."""
    require_manage(user, org)
    fields = agency_values({"name": "", "nature": "", **values})
    with transaction.atomic():
        agency = Agency.objects.create(organization=org, **fields)
        record_created(agency, user, what=f"{agency.name}（{agency.get_nature_display()}）")
    return agency


def edit_agency(agency: Agency, values: dict[str, Any], user: Any, expected: int | None) -> None:
    """Change an agency's record (its 信用等级 and 评价累计数 follow ratings, not edits)."""
    require_manage(user, agency.organization)
    fields = agency_values(values)
    with transaction.atomic():
        update_fields(agency, fields, user, expected=expected)
        if "bad_records" in fields:
            refresh_credit(agency, user)
