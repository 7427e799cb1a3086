from __future__ import annotations

from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "jixiao.web.cycle"
    label = "cycle"
    verbose_name = "绩效运行"
