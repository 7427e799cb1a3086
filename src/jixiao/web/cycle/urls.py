from __future__ import annotations

from django.urls import path

from jixiao.web.cycle.views import audit, drafts, evaluations, exports, results, tree, workflow
from jixiao.web.cycle.views import province as province_views

urlpatterns = [
    path("systems/<int:system_id>/results/", results.results_grid, name="results_grid"),
    path(
        "indicators/<int:indicator_id>/results/<int:period_id>/",
        results.save_result,
        name="save_result",
    ),
    path("results/<int:result_id>/evidence/", results.evidence, name="evidence"),
    path("parse-target/", results.parse_preview, name="parse_preview"),
    path("systems/<int:system_id>/step/<str:action>/", workflow.take_step, name="take_step"),
    path("systems/<int:system_id>/tree/", tree.tree_editor, name="tree_editor"),
    path("indicators/<int:indicator_id>/edit/", tree.edit_indicator, name="edit_indicator"),
    path(
        "indicators/<int:indicator_id>/move/<str:direction>/",
        tree.move_indicator,
        name="move_indicator",
    ),
    path("systems/<int:system_id>/indicators/add/", tree.add_indicator, name="add_indicator"),
    path("indicators/<int:indicator_id>/", audit.indicator_detail, name="indicator_detail"),
    path(
        "systems/<int:system_id>/evaluations/",
        evaluations.start_evaluation,
        name="start_evaluation",
    ),
    path(
        "evaluations/<int:evaluation_id>/", evaluations.evaluation_detail, name="evaluation_detail"
    ),
    path(
        "evaluations/<int:evaluation_id>/rows/<int:row_id>/",
        evaluations.adjust_score,
        name="adjust_score",
    ),
    path("systems/<int:system_id>/export/<str:fmt>/", exports.export_system, name="export_system"),
    path("systems/<int:system_id>/report/", drafts.report_draft, name="report_draft"),
    path(
        "systems/<int:system_id>/report/<str:fmt>/",
        drafts.report_download,
        name="report_download",
    ),
    path("orgs/<int:org_id>/export/", province_views.province_export, name="province_export"),
    path(
        "orgs/<int:org_id>/export/<int:year>.<str:fmt>",
        province_views.province_download,
        name="province_download",
    ),
    path("audit/", audit.audit_log, name="audit_log"),
    path("audit/export.csv", audit.audit_export, name="audit_export"),
]
