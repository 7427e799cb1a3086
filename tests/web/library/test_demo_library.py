"""The demo's library: the seeds' and the simulated counties' indicators, with peers."""

from __future__ import annotations

from django.test import Client

from jixiao.demo.loader import DEMO_PASSWORD
from jixiao.web.library.adapter import references
from jixiao.web.library.models import EntryKind, IndicatorLink, LibraryIndicator, LinkStatus
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem


def test_the_demo_library_holds_every_offered_indicator_and_counties_see_peers(
    demo: None, client: Client
) -> None:
    assert not IndicatorLink.objects.filter(status=LinkStatus.OFFERED).exists()
    hunan = Organization.objects.get(name="湖南省市场监督管理局")
    common = LibraryIndicator.objects.filter(organization=hunan, kind=EntryKind.COMMON)
    assert common.count() >= 5
    county = IndicatorSystem.objects.filter(
        organization__path__startswith=hunan.path, organization__level="county", year=2023
    ).first()
    refs = references(county)
    with_peers = [r for r in refs.values() if r.targets is not None and r.targets.count > 2]
    assert with_peers, "a simulated county sees other counties' targets of the same indicator"
    assert client.login(username="admin", password=DEMO_PASSWORD)
    page = client.get(f"/library/?province={hunan.pk}").content.decode()
    assert common.first().name[:20] in page
