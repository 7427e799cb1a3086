from __future__ import annotations

from django.urls import path

from jixiao.web.rules import views, whatif_views

urlpatterns = [
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/new/", views.rule_add, name="rule_add"),
    path("rules/validate/", views.rule_validate, name="rule_validate"),
    path("rules/<int:rule_id>/", views.rule_detail, name="rule_detail"),
    path("rules/<int:rule_id>/toggle/", views.rule_toggle, name="rule_toggle"),
    path("rules/scoring/", whatif_views.scoring, name="rule_scoring"),
]
