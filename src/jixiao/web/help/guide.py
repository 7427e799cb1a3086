"""The user guide (docs/*.md) rendered as pages of the app, with their screenshots.

The Markdown files ship inside this package (``docs`` here is the repository's docs/ folder,
copied into the wheel as package data), so an installed system has the same guide as the
repository. They are rendered with markdown-it in CommonMark mode with raw HTML switched off:
any ``<tag>`` in a page shows as text, and markdown-it refuses ``javascript:`` and similar
links. Links between the pages and to ``img/`` are rewritten to the app's addresses; a link
that leads outside the guide (the repository's source) is kept as plain text.

Headings get the same anchors GitHub gives them, so ``cycle.md#9-修改记录审计`` works both on
GitHub and in the app, and a page's help link (:mod:`jixiao.web.help.topics`) can name one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

INDEX = "README"  # the guide's contents page, served at the guide's root
PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
IMAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.png")
LINK = re.compile(r"\]\(([^)#\s]+)\.md[)#]")


@dataclass(frozen=True)
class Heading:
    """A section of a page: its level (2 or 3 go in the contents), text and anchor."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Page:
    """A rendered page of the guide."""

    name: str
    title: str
    html: str
    headings: tuple[Heading, ...]

    @property
    def sections(self) -> tuple[Heading, ...]:
        """The headings listed in the page's table of contents."""
        return tuple(h for h in self.headings if h.level in (2, 3))


def docs_folder() -> Path:
    """Where the guide's Markdown files are, in the source tree or the installed package."""
    return Path(str(files("jixiao.web.help") / "docs"))


def page_names() -> tuple[str, ...]:
    """Every page, in the order the contents page (README) first links them, then the rest."""
    folder = docs_folder()
    names = {p.stem for p in folder.glob("*.md") if PAGE_NAME.fullmatch(p.stem) or p.stem == INDEX}
    index = folder / f"{INDEX}.md"
    linked = LINK.findall(index.read_text(encoding="utf-8")) if index.is_file() else []
    ordered = [INDEX, *dict.fromkeys(n for n in linked if n in names and n != INDEX)]
    return (*ordered, *sorted(names - set(ordered)))


def load_page(name: str, base: str) -> Page | None:
    """The page called ``name`` (a file stem), its links under ``base``; None if no such page.

    Rendering is cached per file version, so an edited file is shown as edited.
    """
    if not (name == INDEX or PAGE_NAME.fullmatch(name)):
        return None
    path = docs_folder() / f"{name}.md"
    if not path.is_file():
        return None
    return _rendered(name, path.stat().st_mtime_ns, base, page_names())


def image_path(name: str) -> Path | None:
    """The screenshot file ``img/name``, or None when the name is not one of them."""
    if not IMAGE_NAME.fullmatch(name):
        return None
    path = docs_folder() / "img" / name
    return path if path.is_file() else None


def page_url(base: str, name: str, anchor: str = "") -> str:
    """The app address of a guide page (the contents page is the guide's root)."""
    where = base if name == INDEX else f"{base}{name}/"
    return f"{where}#{anchor}" if anchor else where


@lru_cache(maxsize=128)
def _rendered(name: str, _version: int, base: str, pages: tuple[str, ...]) -> Page:
    text = (docs_folder() / f"{name}.md").read_text(encoding="utf-8")
    html, headings = render(text, base, frozenset(pages))
    title = next((h.text for h in headings if h.level == 1), name)
    return Page(name, title, html, headings)


@cache
def _markdown() -> MarkdownIt:
    # CommonMark with raw HTML off (shown as text), plus the GitHub tables the docs use.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def render(text: str, base: str, pages: frozenset[str]) -> tuple[str, tuple[Heading, ...]]:
    """Markdown to safe HTML with anchored headings and links rewritten into the app."""
    md = _markdown()
    tokens = md.parse(text)
    headings = _anchor_headings(tokens)
    for token in tokens:
        if token.type == "inline" and token.children:
            _rewrite_links(token.children, base, pages)
    return md.renderer.render(tokens, md.options, {}), headings


def slugify(text: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, each space a hyphen."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def _plain(inline: Token) -> str:
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))


def _anchor_headings(tokens: list[Token]) -> tuple[Heading, ...]:
    """Give each heading its anchor (``-1``, ``-2`` … after a repeated one), as GitHub does."""
    seen: dict[str, int] = {}
    headings = []
    for opening, inline in pairwise(tokens):
        if opening.type != "heading_open":
            continue
        text = _plain(inline)
        slug = slugify(text)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchor = f"{slug}-{count}" if count else slug
        opening.attrSet("id", anchor)
        headings.append(Heading(int(opening.tag[1]), text, anchor))
    return tuple(headings)


def _rewrite_links(children: list[Token], base: str, pages: frozenset[str]) -> None:
    """Point guide links and screenshots at the app; unlink what leads outside the guide."""
    unlinking = False
    for token in children:
        if token.type == "link_open":
            target = _target(str(token.attrGet("href") or ""), base, pages)
            unlinking = target is None
            if unlinking:
                token.tag, token.attrs = "span", {}
            else:
                token.attrSet("href", target)
        elif token.type == "link_close" and unlinking:
            token.tag, unlinking = "span", False
        elif token.type == "image":
            src = _target(str(token.attrGet("src") or ""), base, pages)
            token.attrSet("src", src or "")
            token.attrSet("loading", "lazy")


def _target(href: str, base: str, pages: frozenset[str]) -> str | None:
    """The app address for a link written in the docs, or None when it leaves the guide."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto"):
        return href
    if parts.scheme or parts.netloc:
        return None
    path, anchor = parts.path, parts.fragment
    if not path:
        return f"#{anchor}" if anchor else None
    if path.endswith(".md") and path[:-3] in pages:
        return page_url(base, path[:-3], anchor)
    if path.startswith("img/") and IMAGE_NAME.fullmatch(path[4:]):
        return f"{base}img/{path[4:]}"
    return None
