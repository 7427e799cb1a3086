from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "jixiao.web.imports"
    label = "imports"
    verbose_name = "文件导入"
