from __future__ import annotations

from django.urls import path

from jixiao.web.help import views

urlpatterns = [
    path("help/", views.help_index, name="help_index"),
    path("help/img/<str:name>", views.help_image, name="help_image"),
    path("help/<slug:page>/", views.help_page, name="help_page"),
]
