from __future__ import annotations

from django.contrib import admin

from jixiao.web.cycle.models import Change, Evaluation, ReportingPeriod, Transition


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
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("system", "kind", "evaluator", "total", "grade", "created_at")
    list_filter = ("kind",)
