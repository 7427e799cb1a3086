from __future__ import annotations

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "jixiao.web.performance"
    label = "performance"
    verbose_name = "绩效数据"
