"""Response shapes of the API (pydantic, via django-ninja)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema


class OrgOut(Schema):
    id: int
    name: str
    code: str
    level: str
    parent_id: int | None


class SystemOut(Schema):
    id: int
    organization_id: int
    organization: str
    year: int
    kind: str
    doc_kind: str
    title: str
    status: str


class IndicatorOut(Schema):
    id: int
    position: int
    code: str
    path: list[str]
    name: str
    nature: str
    direction: str
    target_text: str
    unit: str
    actual_text: str
    weight: Decimal | None
    score: Decimal | None
    deviation: str
    departments: list[str]
    owners: list[str]


class ErrorOut(Schema):
    detail: str
