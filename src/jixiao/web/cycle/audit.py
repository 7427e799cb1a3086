"""The audit log and the one way to edit: lock, check the version, log old → new, save.

Every write of a user-editable object goes through :func:`update_fields` (or, for a new or
removed object, :func:`record_created` / :func:`record_removed`). ``update_fields`` reads the
row again under a row lock (``SELECT … FOR UPDATE``; on SQLite the IMMEDIATE transaction holds
the write lock), so the logged old value is the one really overwritten; it refuses the write
with :class:`Stale` when the person's copy (its ``version``) is out of date, so no update is
lost; and it writes one :class:`Change` per changed field in the same transaction, so the log
and the data can never disagree. Each row names the object by type, id and label, so it
outlives the object.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
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
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, list | tuple):
        return "、".join(as_text(v) for v in value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, File):  # a stored or uploaded file: its name, not the storage folder
        return str(value.name or "").rsplit("/", 1)[-1]
    return str(value)


def field_label(model: type[models.Model], name: str) -> str:
    """The Chinese verbose name of a model field, for the log."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # free-form names (e.g. a period's result) stay as given
        return name


def user_name(user: Any) -> str:
    """The name the log keeps for ``user`` (it outlives the account)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return (user.get_full_name() or user.username)[:150]


def object_type(obj: models.Model) -> str:
    """``app_label.model`` of an object, as the log names it."""
    return obj._meta.label_lower


def scope_of(obj: models.Model) -> tuple[int, IndicatorSystem | None, Indicator | None, str]:
    """Where a change of ``obj`` is filed: organisation, system, indicator and a label."""
    if isinstance(obj, IndicatorSystem):
        return obj.organization_id, obj, None, str(obj)
    if isinstance(obj, Indicator):
        return obj.system.organization_id, obj.system, obj, obj.name
    indicator = getattr(obj, "indicator", None)
    if isinstance(indicator, Indicator):
        return indicator.system.organization_id, indicator.system, indicator, indicator.name
    system = getattr(obj, "system", None)
    if system is None and getattr(obj, "project", None) is not None:
        system = obj.project.system
    if system is None and getattr(obj, "evaluation", None) is not None:
        system = obj.evaluation.system
    system = system if isinstance(system, IndicatorSystem) else None
    org = getattr(obj, "organization_id", None) or (system.organization_id if system else None)
    if org is None and getattr(obj, "pool", None) is not None:
        org = obj.pool.organization_id
    return org, system, None, f"{obj._meta.verbose_name}：{obj}"


def _write(
    obj: models.Model, field: str, old: Any, new: Any, user: Any, reason: str
) -> Change | None:
    before, after = as_text(old), as_text(new)
    if before == after:
        return None
    org, system, indicator, subject = scope_of(obj)
    return Change.objects.create(
        organization_id=org,
        system=system,
        indicator=indicator,
        object_type=object_type(obj),
        object_id=str(obj.pk or ""),
        subject=subject[:255],
        field=field[:64],
        old=before,
        new=after,
        reason=reason,
        user=user if getattr(user, "is_authenticated", False) else None,
        user_name=user_name(user),
    )


def log_change(
    system: IndicatorSystem,
    indicator: Indicator | None,
    field: str,
    old: Any,
    new: Any,
    user: Any,
    reason: str = "",
) -> Change | None:
    """Record one change of a system or indicator when the value really changed."""
    return _write(indicator or system, field, old, new, user, reason)


def record(obj: models.Model, field: str, old: Any, new: Any, user: Any, reason: str = "") -> Any:
    """Record one change of any object (filed under its organisation, system, indicator)."""
    return _write(obj, field, old, new, user, reason)


def record_created(obj: models.Model, user: Any, reason: str = "", what: str = "") -> Any:
    """Record that ``obj`` was created (field 新增<kind>, e.g. 新增指标; new value its label)."""
    return _write(obj, f"新增{obj._meta.verbose_name}", "", what or str(obj), user, reason)


def record_removed(obj: models.Model, user: Any, reason: str = "", what: str = "") -> Any:
    """Record that ``obj`` is removed (field 删除<kind>, old value its label)."""
    return _write(obj, f"删除{obj._meta.verbose_name}", what or str(obj), "", user, reason)


class Stale(Exception):
    """The person's copy is out of date: someone saved the object after they opened it.

    Nothing was saved. ``rows`` lists each field they sent with the value now stored and the
    value they sent, so the page (409) can show both.
    """

    def __init__(self, obj: models.Model, expected: int, rows: list[dict[str, str]]) -> None:
        self.obj = obj
        self.expected = expected
        self.current = int(getattr(obj, "version", 0) or 0)
        self.rows = rows
        last = (
            Change.objects.filter(object_type=object_type(obj), object_id=str(obj.pk))
            .order_by("-at", "-pk")
            .first()
        )
        self.by = last.user_name if last else ""
        self.at = last.at if last else None
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """What happened and what to do, in Chinese."""
        by = f"已被{self.by}修改" if self.by else "已被他人修改"
        return (
            f"「{scope_of(self.obj)[3][:40]}」在您打开之后{by}（您打开的是第 {self.expected} 版，"
            f"现在是第 {self.current} 版），您的修改没有保存。请核对当前值后重新提交。"
        )

    def as_dict(self) -> dict[str, Any]:
        """The API's 409 body: the message, the current version and both values per field."""
        return {
            "detail": self.message,
            "current_version": self.current,
            "your_version": self.expected,
            "fields": self.rows,
            "current": {r["name"]: r["current"] for r in self.rows},
            "yours": {r["name"]: r["yours"] for r in self.rows},
        }


def version_of(obj: models.Model | None) -> int:
    """The object's version (0 for one not yet saved)."""
    return int(getattr(obj, "version", 0) or 0) if obj is not None and obj.pk else 0


_TAG = re.compile(r'^\s*(?:W/)?"?(\d{1,18})"?\s*$')


def etag(obj: models.Model | None) -> str:
    """The ETag of an object: its version, quoted."""
    return f'"{version_of(obj)}"'


def expected_version(text: str | None) -> int | None:
    """The version in an ``If-Match`` header or a form's hidden field; None when absent or *.

    A value that is not a version (garbage) counts as stale: it matches nothing.
    """
    if text is None or not text.strip() or text.strip() == "*":
        return None
    match = _TAG.match(text.split(",")[0])
    return int(match.group(1)) if match else -1


def check_version(
    current: models.Model, expected: int | None, values: dict[str, Any], labels: dict[str, str]
) -> None:
    """Raise :class:`Stale` when ``expected`` is given and is not the stored version."""
    if expected is None or expected == version_of(current):
        return
    rows = [
        {
            "name": name,
            "label": labels.get(name, name),
            "current": as_text(getattr(current, name, "")),
            "yours": as_text(value),
        }
        for name, value in values.items()
    ]
    raise Stale(current, expected, rows)


def label_for(model: type[models.Model], name: str, labels: dict[str, str] | None) -> str:
    """A field's name in the log: as given, else its verbose name.

    Other objects' fields carry their model's name first (整改事项·状态); systems' and
    indicators' do not, as their changes are filed under their own name.
    """
    if labels and name in labels:
        return labels[name]
    if model in (Indicator, IndicatorSystem):
        return field_label(model, name)
    return f"{model._meta.verbose_name}·{field_label(model, name)}"


def save_changed(
    obj: models.Model, fields: Iterable[str], user: Any, reason: str = "", **options: Any
) -> list[Change]:
    """Save the ``fields`` already set on ``obj`` the audited way (:func:`update_fields`)."""
    return update_fields(
        obj, {name: getattr(obj, name) for name in fields}, user, reason, **options
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


def lock(model: type[models.Model], **lookup: Any) -> Any:
    """The row, read again under a row lock (inside the caller's transaction)."""
    return model._base_manager.select_for_update().get(**lookup)


def update_fields(
    obj: models.Model,
    values: dict[str, Any],
    user: Any,
    reason: str = "",
    expected: int | None = None,
    labels: dict[str, str] | None = None,
    quiet: Iterable[str] = (),
) -> list[Change]:
    """Set ``values`` on any object under a row lock, log each changed field, bump, save.

    ``expected`` is the version the person saw (If-Match, the form's hidden field); a
    different stored version raises :class:`Stale` and nothing is saved. ``obj`` ends up
    holding what is stored. ``labels`` names fields for the log (default: verbose names);
    ``quiet`` fields are saved but not logged (who and when, a value's parsed form: the
    log already has them).
    """
    labels = {name: label_for(type(obj), name, labels) for name in values}
    quiet = set(quiet)
    check_numbers(obj, values)
    with transaction.atomic():
        current = lock(type(obj), pk=obj.pk)
        check_version(
            current, expected, {k: v for k, v in values.items() if k not in quiet}, labels
        )
        changes: list[Change] = []
        dirty = False  # a quiet field alone (who saved, when removed) is saved too
        for name, value in values.items():
            if name in quiet:
                dirty = dirty or getattr(current, name) != value
                setattr(current, name, value)
                continue
            label = labels[name]
            old, new = shown(current, name, getattr(current, name)), shown(current, name, value)
            change = _write(current, label, old, new, user, reason)
            if change is not None:
                changes.append(change)
            setattr(current, name, value)
        if changes or dirty:
            bump(current)
            current.save()
            if changes:
                _rescore(current)
    copy_into(obj, current)
    return changes


def _rescore(obj: models.Model) -> None:
    """The roll-ups read the stored scores, not the inputs: recompute them with the change."""
    if isinstance(obj, Indicator):
        rescore(obj)
    elif isinstance(obj, IndicatorSystem):
        store_score(obj)


def shown(obj: models.Model, name: str, value: Any) -> Any:
    """A value as the log shows it: a choice by its Chinese label (草稿, not draft)."""
    try:
        choices = dict(type(obj)._meta.get_field(name).flatchoices)
    except Exception:  # not a model field
        return value
    return choices.get(value, value) if choices else value


def bump(obj: models.Model) -> None:
    """Count one more saved version of ``obj`` (objects without a version are left alone)."""
    if hasattr(obj, "version"):
        obj.version = version_of(obj) + 1


def copy_into(target: models.Model, source: models.Model) -> None:
    """Make ``target`` hold ``source``'s stored values (the caller's copy is then current)."""
    for f in type(source)._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


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
                c.user_name,
            )
        )
    return out.getvalue()
