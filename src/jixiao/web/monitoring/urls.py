from __future__ import annotations

from django.urls import path

from jixiao.web.monitoring.views import checks, dashboard, rounds, schedules

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<int:org_id>/", dashboard.dashboard_org, name="dashboard_org"),
    path("dashboard/<int:org_id>/scores/", rounds.score_sources, name="dashboard_scores"),
    path("monitoring/", rounds.round_list, name="monitoring_rounds"),
    path("monitoring/launch/", rounds.round_launch, name="monitoring_launch"),
    path("monitoring/schedule/<int:org_id>/", schedules.schedule_edit, name="monitoring_schedule"),
    path("monitoring/alerts/", rounds.alert_list, name="monitoring_alerts"),
    path(
        "monitoring/thresholds/<int:org_id>/",
        rounds.thresholds_edit,
        name="monitoring_thresholds",
    ),
    path("monitoring/orgs/<int:org_id>/checks/", checks.check_list, name="monitoring_checks"),
    path("monitoring/checks/<int:check_id>/", checks.check_detail, name="monitoring_check"),
    path("monitoring/checks/<int:check_id>/save/", checks.save_check, name="monitoring_save"),
    path(
        "monitoring/spending/<int:check_id>/", checks.spending_detail, name="monitoring_spending"
    ),
    path(
        "monitoring/spending/<int:check_id>/save/",
        checks.save_spending,
        name="monitoring_save_spending",
    ),
]
