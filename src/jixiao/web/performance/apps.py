from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PerformanceConfig(AppConfig):
    name = "jixiao.web.performance"
    label = "performance"
    verbose_name = "绩效数据"

    def ready(self) -> None:
        post_migrate.connect(store_missing_scores, sender=self)


def store_missing_scores(**kwargs: Any) -> None:
    """After ``migrate``, store the totals of weighted systems that have none yet.

    Systems saved before totals were stored (``IndicatorSystem.score_total``) would show no
    score on the dashboards until someone ran ``rescore``; an upgrade fills them in once.
    """
    from jixiao.web.adapter import store_scores
    from jixiao.web.performance.models import IndicatorSystem

    missing = IndicatorSystem.objects.filter(
        score_total__isnull=True, score_weight__isnull=True, indicators__weight__isnull=False
    ).distinct()
    store_scores(missing.select_related("organization").iterator(chunk_size=200))
