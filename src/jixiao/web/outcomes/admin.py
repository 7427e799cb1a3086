from __future__ import annotations

from django.contrib import admin

from jixiao.web.outcomes.models import (
    IncentivePool,
    ProjectProposal,
    RectificationItem,
    TargetSuggestion,
)

admin.site.register(IncentivePool)
admin.site.register(RectificationItem)
admin.site.register(ProjectProposal)
admin.site.register(TargetSuggestion)
