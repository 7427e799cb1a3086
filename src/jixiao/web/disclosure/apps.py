from __future__ import annotations

from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "jixiao.web.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开"
