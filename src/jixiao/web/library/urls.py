from __future__ import annotations

from django.urls import path

from jixiao.web.library.views import adjustments, build, catalogue, review

urlpatterns = [
    path("library/", catalogue.library_index, name="library_index"),
    path("library/new-system/", catalogue.new_system, name="library_new_system"),
    path("library/offers/", catalogue.offers, name="library_offers"),
    path("library/offers/<int:link_id>/", catalogue.decide_offer, name="library_decide_offer"),
    path("library/<int:entry_id>/", catalogue.entry_detail, name="library_entry"),
    path("systems/<int:system_id>/build/", build.build, name="library_build"),
    path("systems/<int:system_id>/build/pick/", build.pick_entries, name="library_pick"),
    path("systems/<int:system_id>/build/copy/", build.copy_previous, name="library_copy"),
    path("systems/<int:system_id>/target-review/", review.target_review, name="library_review"),
    path("indicators/<int:indicator_id>/adjust/", adjustments.request_form, name="adjust_request"),
    path("adjustments/", adjustments.adjustment_list, name="adjustment_list"),
    path(
        "adjustments/<int:adjustment_id>/decide/",
        adjustments.decide_adjustment,
        name="adjustment_decide",
    ),
    path("adjustments/window/", adjustments.set_window, name="adjustment_window"),
]
