from __future__ import annotations

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "jixiao.web.library"
    label = "library"
    verbose_name = "指标库、目标审核与调整"
