from __future__ import annotations

from django.contrib import admin

from jixiao.web.cycle.admin import AuditedAdmin
from jixiao.web.disclosure.models import AnnualReport, InfoRequest, ProactiveCount, ReviewCase


@admin.register(InfoRequest)
class InfoRequestAdmin(AuditedAdmin):
    list_display = (
        "ref",
        "organization",
        "received",
        "channel",
        "applicant_type",
        "outcome",
        "replied",
    )
    list_filter = ("applicant_type", "channel")
    search_fields = ("ref", "content", "applicant_name")


@admin.register(ProactiveCount)
class ProactiveCountAdmin(AuditedAdmin):
    list_display = ("organization", "year", "item", "column", "value", "unit")
    list_filter = ("year",)


@admin.register(ReviewCase)
class ReviewCaseAdmin(AuditedAdmin):
    list_display = ("organization", "year", "group", "ref", "result")
    list_filter = ("year", "group", "result")


@admin.register(AnnualReport)
class AnnualReportAdmin(AuditedAdmin):
    list_display = ("organization", "year", "issued_at", "issued_by")
