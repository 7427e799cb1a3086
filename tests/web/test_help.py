"""The user guide at /help/: every page renders, every link in it and to it lands somewhere."""

from __future__ import annotations

import re
from html import unescape
from importlib.resources import files
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

from jixiao.web.help.guide import INDEX, load_page, page_names, page_url, render
from jixiao.web.help.topics import TOPICS, split, topic_for
from tests.web.conftest import World

HREF = re.compile(r'(?:href|src)="([^"]+)"')
IDS = re.compile(r'\bid="([^"]+)"')


@pytest.fixture
def reader(world: World) -> Client:
    client = Client()
    client.force_login(world.users["clerk"])
    return client


def _page_names_of_the_app() -> set[str]:
    """Every named page of the site (not the admin's or the API's own)."""
    names: set[str] = set()

    def walk(patterns: list[object]) -> None:
        for p in patterns:
            if isinstance(p, URLResolver) and p.app_name not in ("admin",) and p.namespace is None:
                walk(p.url_patterns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(p.name)

    walk(get_resolver().url_patterns)
    return names


def _anchors(client: Client, page: str) -> set[str]:
    response = client.get(page_url(reverse("help_index"), page))
    assert response.status_code == 200, page
    return set(IDS.findall(response.content.decode()))


def test_the_guide_is_inside_the_package_so_a_wheel_carries_it() -> None:
    folder = files("jixiao.web.help") / "docs"
    assert (folder / f"{INDEX}.md").is_file() and (folder / "cycle.md").is_file()
    assert any(p.name.endswith(".png") for p in (folder / "img").iterdir())


def test_the_guide_needs_a_login(db: None) -> None:
    for url in ("/help/", "/help/cycle/", "/help/img/01-home.png"):
        response = Client().get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_every_page_renders_with_its_contents_and_every_link_in_it_lands(reader: Client) -> None:
    anchors = {name: _anchors(reader, name) for name in page_names()}
    base = reverse("help_index")
    for name in page_names():
        html = reader.get(page_url(base, name)).content.decode()
        page = load_page(name, base)
        assert page is not None and "<h1 id=" in html and unescape(page.title) in unescape(html)
        for section in page.sections:  # the table of contents links each section
            assert f'href="#{section.anchor}"' in html
        for link in (unquote(unescape(x)) for x in HREF.findall(html)):
            if link.startswith(f"{base}img/"):
                assert reader.get(link).status_code == 200, (name, link)
            elif link.startswith(base):
                target, _, anchor = link[len(base) :].partition("#")
                target = target.rstrip("/") or INDEX
                assert target in anchors, (name, link)
                assert not anchor or anchor in anchors[target], (name, link)
            elif link.startswith("#"):
                assert link[1:] in anchors[name], (name, link)


def test_every_page_of_the_app_has_a_help_section_that_exists(reader: Client) -> None:
    names = _page_names_of_the_app()
    unmapped = sorted(n for n in names if topic_for(n) is None)
    assert not unmapped, f"add these URL names to jixiao.web.help.topics.TOPICS: {unmapped}"
    for key in TOPICS:  # no stale entries: each names a page (or pages) of the app
        assert any(n == key or (key.endswith("*") and n.startswith(key[:-1])) for n in names), key
    cache: dict[str, set[str]] = {}
    for topic in set(TOPICS.values()):
        page, anchor = split(topic)
        assert page in page_names(), topic
        if anchor:
            found = cache.setdefault(page, _anchors(reader, page))
            assert anchor in found, topic


def test_each_page_header_links_to_its_own_section(reader: Client, world: World) -> None:
    for url, topic in (
        ("/", TOPICS["home"]),
        (reverse("monitoring_alerts"), TOPICS["monitoring_alerts"]),
        (reverse("outcomes_ledger"), TOPICS["outcomes_ledger*"]),
        (reverse("help_page", args=["rules"]), INDEX),
    ):
        html = reader.get(url).content.decode()
        link = re.search(r'<a href="([^"]+)" id="nav-help"', html)
        assert link and unescape(link.group(1)) == page_url("/help/", *split(topic)), url


def test_markdown_cannot_inject_html_or_script_links() -> None:
    html, _ = render(
        '# 标题 <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n'
        "[点我](javascript:alert(1)) [源码](../src/x.py) [安装](install.md#导入的上限)\n",
        "/help/",
        frozenset({"install"}),
    )
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html.replace("[点我](javascript:alert(1))", "")
    assert 'href="/help/install/#导入的上限"' in unquote(html)
    assert "../src" not in html and "<span>源码</span>" in html


def test_an_unknown_page_or_screenshot_is_a_404_not_a_file_read(reader: Client) -> None:
    for url in ("/help/nope/", "/help/img/..%2Fcli.md", "/help/img/nope.png", "/help/img/x.md"):
        assert reader.get(url).status_code == 404, url
