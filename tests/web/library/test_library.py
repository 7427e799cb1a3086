"""The library in the web app: offers from imports, curation, building a system, references."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from jixiao.web.cycle.models import Change
from jixiao.web.library import curation
from jixiao.web.library.adapter import references
from jixiao.web.library.building import BuildError, copy_last_year, create_system, pick
from jixiao.web.library.models import IndicatorLink, LibraryIndicator, LinkStatus
from tests.web.conftest import World, login

from .conftest import LAST, NEXT, SPOT_CHECKS, Library


def test_every_imported_indicator_is_offered_to_its_provinces_library(
    world: World, library: Library
) -> None:
    links = IndicatorLink.objects.filter(key=library.entry.key)
    assert links.count() == 3
    assert {link.year for link in links} == {LAST, NEXT}
    assert all(link.key.startswith(f"{SPOT_CHECKS}|户次|数量") for link in links)


def test_a_curator_adds_an_offer_and_later_offers_of_the_key_join_it(world: World) -> None:
    from jixiao.web.imports.save import save_document

    from .conftest import plan

    first = save_document(plan("300"), world.county)
    link = first.indicators.get().library_link
    entry = curation.add_entry(link, world.users["officer"])
    assert entry.name == f"1.{SPOT_CHECKS}"
    assert IndicatorLink.objects.get(pk=link.pk).status == LinkStatus.MERGED
    assert Change.objects.filter(
        object_type="library.libraryindicator", field__startswith="新增"
    ).exists()
    later = save_document(plan("280"), world.other_county)
    joined = later.indicators.get().library_link
    assert (joined.entry_id, joined.status) == (entry.pk, LinkStatus.MERGED)


def test_only_the_provinces_officer_curates(world: World, library: Library) -> None:
    link = library.peer.indicators.get().library_link
    for name in ("clerk", "city_officer", "reviewer", "outsider"):
        with pytest.raises(PermissionDenied):
            curation.merge(link, library.entry, world.users[name])
    assert curation.merge(link, library.entry, world.users["officer"]) == 3


def test_a_merge_into_another_provinces_entry_is_refused(world: World, library: Library) -> None:
    foreign = LibraryIndicator.objects.create(
        organization=world.other_province, kind="common", name="x", key="x||"
    )
    link = library.peer.indicators.get().library_link
    with pytest.raises(curation.CurationError, match="只能归并到本省指标库"):
        curation.merge(link, foreign, world.users["admin"])


def test_near_names_are_suggested_to_the_curator(world: World, library: Library) -> None:
    from jixiao.web.imports.save import save_document

    from .conftest import plan

    doc = plan("300")
    doc.indicators[0].name = "监督抽查食品经营企业的户次"
    link = save_document(doc, world.other_county, year=2026).indicators.get().library_link
    (entry, why), *_ = curation.suggestions([link])[link.pk]
    assert entry == library.entry
    assert "名称相似度" in why


def test_a_clerk_builds_next_year_from_last_year_and_the_library(
    world: World, library: Library
) -> None:
    clerk = world.users["clerk"]
    system = create_system(world.county, NEXT, "project", clerk)
    copied = copy_last_year(system, clerk)
    assert [i.target_text for i in copied] == ["≥300户次"]
    assert copied[0].actual is None
    picked = pick(system, [library.mandatory], clerk)
    assert [i.name for i in picked] == ["服务对象满意度"]
    refs = references(system)
    spot = refs[copied[0].pk]
    assert spot.entry == library.entry
    assert spot.last_year == Decimal(320)
    assert spot.targets is not None
    assert (spot.targets.count, spot.targets.median, spot.targets.low, spot.targets.high) == (
        3,
        Decimal(300),
        Decimal(250),
        Decimal(350),
    )
    assert spot.targets.explanation == "3个单位中排第2，等于中位数（中位数300）"
    with pytest.raises(BuildError, match="已有项目支出绩效目标"):
        create_system(world.county, NEXT, "project", clerk)


def test_copying_needs_last_years_system(world: World, library: Library) -> None:
    system = create_system(world.other_county, NEXT + 2, "project", world.users["other_clerk"])
    with pytest.raises(BuildError, match="2026年没有绩效目标"):
        copy_last_year(system, world.users["other_clerk"])


def test_another_countys_clerk_cannot_build_here(world: World, library: Library) -> None:
    system = create_system(world.county, NEXT, "project", world.users["clerk"])
    with pytest.raises(PermissionDenied):
        copy_last_year(system, world.users["other_clerk"])
    with pytest.raises(PermissionDenied):
        create_system(world.county, NEXT + 1, "project", world.users["other_clerk"])


def test_pages_scope_by_organisation(client: Client, world: World, library: Library) -> None:
    system = create_system(world.county, NEXT, "project", world.users["clerk"])
    login(client, "clerk")
    page = client.get(f"/systems/{system.pk}/build/")
    assert page.status_code == 200
    assert "≥330户次" in page.content.decode()
    assert client.get("/library/").status_code == 200
    assert client.get("/library/offers/").status_code == 403
    login(client, "other_clerk")
    assert client.get(f"/systems/{system.pk}/build/").status_code == 404
    entry_page = client.get(f"/library/{library.entry.pk}/")  # the province's, read by a county
    assert entry_page.status_code == 200 and 'id="entry-form"' not in entry_page.content.decode()
    assert client.get(f"/library/?province={world.province.pk}").status_code == 200
    login(client, "outsider")
    assert client.get(f"/library/{library.entry.pk}/").status_code == 404
    assert client.get(f"/library/?province={world.province.pk}").status_code == 404


def test_the_curator_edits_an_entry_and_bad_years_are_named(
    client: Client, world: World, library: Library
) -> None:
    login(client, "officer")
    url = f"/library/{library.entry.pk}/"
    form = {
        "name": SPOT_CHECKS,
        "kind": "common",
        "unit": "户次",
        "valid_from": "20x5",
        "criteria": "到位率100%得4分，每低1%扣0.2分",
    }
    page = client.post(url, form, follow=True).content.decode()
    assert "适用起始年度应为四位年份（如2025），现为「20x5」" in page
    form["valid_from"] = "2024"
    client.post(url, form)
    library.entry.refresh_from_db()
    assert library.entry.valid_from == 2024
    assert "每低1个百分点扣0.2分" in client.get(url).content.decode()
    assert Change.objects.filter(field="适用起始年度", new="2024").exists()


def test_the_offers_page_suggests_and_the_curator_adds(
    client: Client, world: World, library: Library
) -> None:
    from jixiao.web.imports.save import save_document

    from .conftest import plan

    doc = plan("300")
    doc.indicators[0].name = "监督抽查食品经营企业的户次"
    save_document(doc, world.other_county, year=2026)
    login(client, "officer")
    page = client.get("/library/offers/").content.decode()
    assert f"归并到「{SPOT_CHECKS}」" in page and "名称相似度" in page
    link = IndicatorLink.objects.get(key__startswith="监督抽查食品经营企业的户次")
    client.post(f"/library/offers/{link.pk}/", {"action": "add"})
    assert LibraryIndicator.objects.filter(name="监督抽查食品经营企业的户次").exists()
    login(client, "clerk")
    own = library.last_year.indicators.get().library_link
    assert client.post(f"/library/offers/{own.pk}/", {"action": "reject"}).status_code == 403
    assert client.post(f"/library/offers/{link.pk}/", {"action": "reject"}).status_code == 404


def test_a_bad_year_for_a_new_system_is_named(client: Client, world: World) -> None:
    login(client, "clerk")
    form = {"org": world.county.pk, "year": "二〇二五", "kind": "overall"}
    page = client.post("/library/new-system/", form, follow=True).content.decode()
    assert "年度应为四位年份（如2025），现为「二〇二五」" in page
    form["year"] = "2025"
    assert client.post("/library/new-system/", form).status_code == 302
    form["org"] = world.other_county.pk
    assert client.post("/library/new-system/", form).status_code == 404


def _wide(count: int, year: int) -> object:
    from jixiao.core.documents import Document, Indicator, Target

    rows = [
        Indicator(
            id=str(n),
            name=f"抽查项目{n}",
            path=["产出指标", "数量指标"],
            targets=[Target(raw=f"≥{n}户次", op=">=", value=Decimal(n + 1), unit="户次")],
        )
        for n in range(count)
    ]
    return Document(kind="indicator_system", title="宽表", year=year, indicators=rows)


@pytest.mark.parametrize("count", [5, 60])
def test_references_take_the_same_few_queries_whatever_the_size(
    world: World, count: int, django_assert_max_num_queries: object
) -> None:
    from jixiao.web.imports.save import save_document

    save_document(_wide(count, NEXT), world.other_county)
    save_document(_wide(count, LAST), world.county)
    system = save_document(_wide(count, NEXT), world.county)
    with django_assert_max_num_queries(8):
        refs = references(system)
    assert len(refs) == count
    assert all(r.targets is not None and r.targets.count == 2 for r in refs.values())


def test_the_build_page_reads_new_indicators_without_writing(
    client: Client, world: World, library: Library
) -> None:
    """An indicator added after the import (tree editor, API) gets its references on a GET,
    and the GET itself offers nothing to the library: offering is a write, done by imports."""
    from jixiao.web.library.models import IndicatorLink
    from jixiao.web.performance.models import Indicator

    system = create_system(world.county, NEXT, "project", world.users["clerk"])
    added = Indicator.objects.create(
        system=system,
        position=1,
        path=["产出指标", "数量指标"],
        name=f"1.{SPOT_CHECKS}",
        targets=[{"op": ">=", "value": "330", "unit": "户次", "raw": "≥330户次"}],
    )
    before = IndicatorLink.objects.count()
    login(client, "clerk")
    page = client.get(f"/systems/{system.pk}/build/")
    assert page.status_code == 200
    assert IndicatorLink.objects.count() == before
    spot = references(system)[added.pk]
    assert spot.entry == library.entry and spot.last_year == Decimal(320)
