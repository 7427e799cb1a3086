from __future__ import annotations

from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "jixiao.web.workbench"
    label = "workbench"
    verbose_name = "工作台与通知"
