from __future__ import annotations

from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "jixiao.web.rules"
    label = "rules"
    verbose_name = "自定义校验规则"
