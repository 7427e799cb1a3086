"""URL map: pages per app, the API under /api/ (OpenAPI at /api/openapi.json), the admin."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from jixiao.core.bounds import YEAR_FIRST, YEAR_LAST
from jixiao.web.api.views import api
from jixiao.web.security.throttle import AdminLoginForm, LoginForm


class YearConverter:
    """``<year:year>`` in a page address: four digits within core.bounds, else a 404 page.

    ``/disclosure/4/0/`` used to reach the view and fail on ``date(0, 1, 1)``.
    """

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not YEAR_FIRST <= year <= YEAR_LAST:
            raise ValueError(value)
        return year

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


register_converter(YearConverter, "year")

admin.site.site_header = "JiXiao 绩效管理系统 · 管理后台"
admin.site.site_title = "JiXiao 管理后台"
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("jixiao.web.workbench.urls")),
    path("", include("jixiao.web.imports.urls")),
    path("", include("jixiao.web.cycle.urls")),
    path("", include("jixiao.web.outcomes.urls")),
    path("", include("jixiao.web.performance.urls")),
    path("", include("jixiao.web.monitoring.urls")),
    path("", include("jixiao.web.disclosure.urls")),
    path("", include("jixiao.web.rules.urls")),
    path("", include("jixiao.web.library.urls")),
    path("", include("jixiao.web.help.urls")),
    path("", include("jixiao.web.experts.urls")),
]
