from __future__ import annotations

from django.urls import path

from jixiao.web.performance import views

urlpatterns = [
    path("orgs/", views.org_list, name="org_list"),
    path("orgs/<int:org_id>/", views.org_detail, name="org_detail"),
    path("systems/", views.system_list, name="system_list"),
    path("systems/<int:system_id>/", views.system_detail, name="system_detail"),
]
