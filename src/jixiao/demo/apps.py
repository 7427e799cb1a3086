"""The demo as a Django app, only so that ``manage.py load_demo`` (``jixiao demo``) exists."""

from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo app: a management command and no models."""

    name = "jixiao.demo"
    label = "demo"
    verbose_name = "演示数据"
