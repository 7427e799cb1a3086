from __future__ import annotations

from django.urls import path

from jixiao.web.outcomes.views import ledger, pipeline, pools, rankings, targets

urlpatterns = [
    path("outcomes/rankings/", rankings.rankings, name="outcomes_rankings"),
    path("outcomes/pools/", pools.pool_list, name="outcomes_pools"),
    path("outcomes/pools/new/", pools.pool_create, name="outcomes_pool_create"),
    path("outcomes/pools/<int:pool_id>/", pools.pool_detail, name="outcomes_pool"),
    path("outcomes/pools/<int:pool_id>/save/", pools.pool_save, name="outcomes_pool_save"),
    path(
        "outcomes/pools/<int:pool_id>/approve/", pools.pool_approve, name="outcomes_pool_approve"
    ),
    path(
        "outcomes/pools/<int:pool_id>/export.xlsx", pools.pool_export, name="outcomes_pool_export"
    ),
    path("outcomes/targets/", targets.target_index, name="outcomes_targets"),
    path(
        "outcomes/systems/<int:system_id>/targets/",
        targets.suggestions,
        name="outcomes_suggestions",
    ),
    path(
        "outcomes/indicators/<int:indicator_id>/target/",
        targets.save_suggestion,
        name="outcomes_save_target",
    ),
    path("outcomes/ledger/", ledger.ledger_page, name="outcomes_ledger"),
    path("outcomes/ledger/add/", ledger.add_item, name="outcomes_ledger_add"),
    path("outcomes/ledger/<int:item_id>/", ledger.update_item, name="outcomes_ledger_update"),
    path(
        "outcomes/ledger/<int:item_id>/evidence/",
        ledger.item_evidence,
        name="outcomes_ledger_evidence",
    ),
    path(
        "outcomes/ledger/from-system/<int:system_id>/",
        ledger.from_system,
        name="outcomes_ledger_from_system",
    ),
    path(
        "outcomes/ledger/from-evaluation/<int:evaluation_id>/",
        ledger.from_evaluation,
        name="outcomes_ledger_from_evaluation",
    ),
    path("outcomes/carried/<int:system_id>/", ledger.carried, name="outcomes_carried"),
    path("outcomes/pipeline/", pipeline.pipeline_page, name="outcomes_pipeline"),
    path("outcomes/pipeline/new/", pipeline.propose, name="outcomes_propose"),
    path(
        "outcomes/pipeline/<int:proposal_id>/", pipeline.proposal_detail, name="outcomes_proposal"
    ),
    path("outcomes/pipeline/<int:proposal_id>/assess/", pipeline.assess, name="outcomes_assess"),
    path(
        "outcomes/pipeline/<int:proposal_id>/<str:action>/",
        pipeline.decide,
        name="outcomes_decide",
    ),
]
