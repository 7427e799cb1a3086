from __future__ import annotations

from django.contrib import admin

from jixiao.web.cycle.admin import AuditedAdmin
from jixiao.web.rules.models import UserRule


@admin.register(UserRule)
class UserRuleAdmin(AuditedAdmin):
    list_display = ("name", "organization", "system_kind", "severity", "is_active")
    list_filter = ("is_active", "severity", "system_kind")
    search_fields = ("name", "left", "right")
