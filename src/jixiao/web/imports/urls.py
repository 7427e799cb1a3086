from __future__ import annotations

from django.urls import path

from jixiao.web.imports import views

urlpatterns = [
    path("imports/", views.upload, name="import_upload"),
    path("imports/<str:token>/", views.preview, name="import_preview"),
    path("imports/<str:token>/status.json", views.status, name="import_status"),
    path("imports/<str:token>/save/", views.confirm, name="import_confirm"),
    path("imports/<str:token>/cancel/", views.cancel, name="import_cancel"),
]
