from __future__ import annotations

from django.contrib import admin

from jixiao.web.cycle.admin import AuditedAdmin
from jixiao.web.monitoring.models import IndicatorCheck, Round, SpendingCheck, Thresholds


@admin.register(Thresholds)
class ThresholdsAdmin(AuditedAdmin):
    list_display = (
        "organization",
        "progress_red_below",
        "progress_amber_below",
        "spending_red_below",
        "spending_amber_below",
        "default_month",
    )


@admin.register(Round)
class RoundAdmin(AuditedAdmin):
    list_display = ("name", "organization", "year", "as_of", "created_by", "created_at")
    list_filter = ("year",)


@admin.register(IndicatorCheck)
class IndicatorCheckAdmin(AuditedAdmin):
    list_display = ("indicator", "organization", "round", "value_text", "status")
    list_filter = ("status",)
    raw_id_fields = ("indicator", "round", "organization")


@admin.register(SpendingCheck)
class SpendingCheckAdmin(AuditedAdmin):
    list_display = ("project", "organization", "round", "budget", "spent", "status")
    list_filter = ("status",)
    raw_id_fields = ("project", "round", "organization")
