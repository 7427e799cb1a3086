from __future__ import annotations

from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "jixiao.web.help"
    label = "help"
    verbose_name = "使用帮助"
