"""The audit log: every change of a value, with who, when, old → new and why.

Edits go through :func:`update_fields`, which compares old and new values, writes one
:class:`Change` per changed field and saves, all in one transaction — so the log and the data
can never disagree.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from jixiao.reports.cells import csv_text
from jixiao.web.adapter import store_score
from jixiao.web.cycle.models import Change
from jixiao.web.performance.models import Indicator, IndicatorSystem
from jixiao.web.performance.rescore import rescore


def as_text(value: Any) -> str:
    """A stored value as the log shows it (numbers without trailing zeros, lists joined)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, list | tuple):
        return "、".join(as_text(v) for v in value)
    return str(value)


def field_label(model: type[models.Model], name: str) -> str:
    """The Chinese verbose name of a model field, for the log."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # free-form names (e.g. a period's result) stay as given
        return name


def log_change(
    system: IndicatorSystem,
    indicator: Indicator | None,
    field: str,
    old: Any,
    new: Any,
    user: Any,
    reason: str = "",
) -> Change | None:
    """Record one change when the value really changed; returns the row or None."""
    before, after = as_text(old), as_text(new)
    if before == after:
        return None
    return Change.objects.create(
        organization_id=system.organization_id,
        system=system,
        indicator=indicator,
        subject=(indicator.name if indicator else str(system))[:255],
        field=field[:64],
        old=before,
        new=after,
        reason=reason,
        user=user if getattr(user, "is_authenticated", False) else None,
    )


def check_numbers(obj: models.Model, values: dict[str, Any]) -> None:
    """Refuse numbers the fields cannot keep (range, digits) before anything is written.

    Raises ValidationError with one Chinese line per field, naming it (e.g. ``分值：…``).
    """
    problems = []
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if value is None or not isinstance(field, models.DecimalField):
            continue
        try:
            field.clean(value, obj)
        except ValidationError as exc:
            problems.append(f"{field.verbose_name}：{'；'.join(exc.messages)}")
    if problems:
        raise ValidationError(problems)


def update_fields(
    obj: models.Model, values: dict[str, Any], user: Any, reason: str = ""
) -> list[Change]:
    """Set ``values`` on an indicator or system, log each changed field, save; atomically."""
    indicator = obj if isinstance(obj, Indicator) else None
    system = obj.system if isinstance(obj, Indicator) else obj
    check_numbers(obj, values)
    changes: list[Change] = []
    with transaction.atomic():
        for name, value in values.items():
            label = field_label(type(obj), name)
            change = log_change(system, indicator, label, getattr(obj, name), value, user, reason)
            if change is not None:
                changes.append(change)
            setattr(obj, name, value)
        if changes:
            obj.save()
            _rescore(indicator, system)
    return changes


def _rescore(indicator: Indicator | None, system: IndicatorSystem) -> None:
    """The roll-ups read the stored scores, not the inputs: recompute them with the change."""
    if indicator is not None:
        rescore(indicator)
    else:
        store_score(system)


CSV_HEADER = ("时间", "单位", "指标体系", "对象", "字段", "原值", "新值", "理由", "修改人")


def changes_csv(changes: Iterable[Change]) -> str:
    """The log as CSV (UTF-8 with BOM so that Excel opens the Chinese correctly).

    Times are local (Asia/Shanghai, settings.TIME_ZONE), as the audit page shows them.
    Every field goes through ``reports.cells.csv_text``: a value typed as ``=…`` or ``@…`` is
    shown in Excel as typed, never run as a formula.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for c in changes:
        writer.writerow(
            csv_text(field)
            for field in (
                timezone.localtime(c.at).strftime("%Y-%m-%d %H:%M:%S"),
                c.organization.name,
                str(c.system) if c.system else "",
                c.subject,
                c.field,
                c.old,
                c.new,
                c.reason,
                (c.user.get_full_name() or c.user.username) if c.user else "",
            )
        )
    return out.getvalue()
