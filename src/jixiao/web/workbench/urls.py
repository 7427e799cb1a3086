from __future__ import annotations

from django.urls import path

from jixiao.web.workbench import views

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/<int:notice_id>/open/", views.notice_open, name="notice_open"),
    path("notices/read-all/", views.notice_read_all, name="notice_read_all"),
    path("workbench/deadlines/", views.deadline_edit, name="deadline_edit"),
]
