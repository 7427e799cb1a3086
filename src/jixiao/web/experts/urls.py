from __future__ import annotations

from django.urls import path

from jixiao.web.experts.views import panels, pool

urlpatterns = [
    path("experts/", pool.expert_index, name="expert_index"),
    path("experts/<int:expert_id>/", pool.expert_detail, name="expert_detail"),
    path("experts/rule/", pool.save_panel_rule, name="expert_rule"),
    path("agencies/", pool.agency_index, name="agency_index"),
    path("agencies/<int:agency_id>/", pool.agency_detail, name="agency_detail"),
    path("systems/<int:system_id>/experts/", panels.system_panels, name="system_panels"),
    path("systems/<int:system_id>/entrust/", panels.entrust_system, name="entrust_system"),
    path("expert-draws/<int:draw_id>/combine/", panels.combine_draw, name="combine_draw"),
    path(
        "entrustments/<int:entrustment_id>/rate/", panels.rate_entrustment, name="rate_entrustment"
    ),
    path("expert-sheets/<int:sheet_id>/", panels.sheet_page, name="expert_sheet"),
]
