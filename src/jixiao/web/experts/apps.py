from __future__ import annotations

from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "jixiao.web.experts"
    label = "experts"
    verbose_name = "专家库与中介机构库"
