"""The demo's library: every indicator the seeds and the simulated counties offered, accepted.

As if each province's curator had gone through the offers once: each offered key becomes an
entry of its province's library (common when two or more units offered it) and its offers are
merged into it. Real libraries grow by the curator's decisions on the 待归并 page instead.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Min

from jixiao.web.library.adapter import province_of
from jixiao.web.library.curation import new_entry
from jixiao.web.library.models import IndicatorLink, LibraryIndicator, LinkStatus
from jixiao.web.orgs.models import Organization


def load_library_demo(log: Callable[[str], object] = print) -> None:
    """Accept every offered indicator into its province's library."""
    for province in Organization.objects.filter(parent=None):
        offers = IndicatorLink.objects.filter(
            status=LinkStatus.OFFERED, organization__path__startswith=province.path
        )
        firsts = offers.values("key").annotate(first=Min("pk")).values_list("first", flat=True)
        links = IndicatorLink.objects.select_related("indicator", "organization").in_bulk(
            list(firsts)
        )
        with transaction.atomic():
            for link in links.values():
                entry = new_entry(link, province_of(link.organization))
                offers.filter(key=link.key).update(entry=entry, status=LinkStatus.MERGED)
        if links:
            count = LibraryIndicator.objects.filter(organization=province).count()
            log(f"指标库：{province.name} {count} 项指标（演示：报送指标已全部入库）")
