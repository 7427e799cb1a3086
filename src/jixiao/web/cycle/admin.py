from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models

from jixiao.web.cycle.audit import record_created, update_fields
from jixiao.web.cycle.models import Change, Evaluation, ReportingPeriod, Transition

ADMIN_REASON = "管理后台修改"


class AuditedAdmin(admin.ModelAdmin):
    """Business data edited in the admin goes through the audit like the pages do.

    An edit is saved by :func:`~jixiao.web.cycle.audit.update_fields` (row lock, old → new
    per field, version bumped), an addition is logged as created, and deletion is not offered:
    what the pages archive or remove, the admin must not erase.
    """

    def save_model(self, request: Any, obj: models.Model, form: Any, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            record_created(obj, request.user, ADMIN_REASON)
            return
        concrete = {f.name for f in type(obj)._meta.concrete_fields}
        values = {n: form.cleaned_data[n] for n in form.changed_data if n in concrete}
        update_fields(obj, values, request.user, ADMIN_REASON)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ("year", "name", "position", "is_final", "closes_on")
    list_filter = ("year",)


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    """Read-only: the workflow log is only ever added to, by the workflow itself."""

    list_display = ("at", "system", "action", "from_status", "to_status", "user")
    list_filter = ("action",)

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Change)
class ChangeAdmin(TransitionAdmin):
    list_display = ("at", "organization", "subject", "field", "old", "new", "user")
    list_filter = ()
    search_fields = ("subject", "field", "reason")


@admin.register(Evaluation)
class EvaluationAdmin(AuditedAdmin):
    list_display = ("system", "kind", "evaluator", "total", "grade", "created_at")
    list_filter = ("kind",)
