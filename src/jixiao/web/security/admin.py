from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jixiao.web.security.models import LoginAttempt


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    """Read-only: a security log is looked at, never changed."""

    list_display = ("at", "username", "address", "success")
    list_filter = ("success",)
    search_fields = ("username", "address")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
