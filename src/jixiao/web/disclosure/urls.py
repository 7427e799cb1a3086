from __future__ import annotations

from django.urls import path

from jixiao.web.disclosure import views

P = "disclosure/<int:org_id>/"
urlpatterns = [
    path("disclosure/", views.index, name="disclosure_index"),
    path(P + "<year:year>/", views.register, name="disclosure_register"),
    path(P + "requests/new/", views.request_edit, name="disclosure_request_new"),
    path(P + "requests/<int:pk>/", views.request_edit, name="disclosure_request_edit"),
    path(P + "<year:year>/proactive/", views.proactive, name="disclosure_proactive"),
    path(P + "<year:year>/reviews/", views.reviews, name="disclosure_reviews"),
    path(P + "reviews/<int:pk>/delete/", views.review_delete, name="disclosure_review_delete"),
    path(P + "<year:year>/report/", views.report, name="disclosure_report"),
    path(P + "<year:year>/report/issue/<str:fmt>/", views.issue, name="disclosure_issue"),
]
