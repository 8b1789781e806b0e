"""Assemble the rendered pages of the site into one HTML document for print: a cover, a table
of contents, every page as a chapter in navigation order, and the references at the end.

Links between pages become links inside the document; every id is prefixed with its
chapter's id so ids stay unique; links to a work's page go to its reference at the end.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

_BASE = "http://book.invalid/"
# What only makes sense on screen: permalinks, the research index's filter, page facts.
_SCREEN_ONLY = ("a.headerlink", "form.kb-filter", ".kb-pagination", "script", "input",
                "details.kb-cite-page", "span.Z3988")


@dataclass(frozen=True)
class Chapter:
    title: str
    url: str  # the page's site-relative URL: "nav/" or "nav/index.html"
    html: str  # the rendered page content
    part: str = ""  # the navigation section it belongs to, "" for none


@dataclass(frozen=True)
class Reference:
    """A work in the closing reference chapter."""

    url: str  # the work's own page, so citations can be pointed here
    anchor: str
    title: str
    reference_html: str
    details_html: str = ""


@dataclass(frozen=True)
class BookMeta:
    title: str
    subtitle: str
    publisher: str
    updated: str  # "23. november 2026"
    built: str  # "23. november 2026"
    language: str = "nb"
    keywords: str = ""
    references_title: str = "Forskning og kilder"
    references_intro: str = ""


def normalise(url: str) -> str:
    """'nav/index.html' and 'nav/' are the same page; '' and 'index.html' are the front page."""
    path = urlsplit(url).path
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path.lstrip("/")


def chapter_id(url: str) -> str:
    slug = normalise(url).strip("/").replace("/", "-").replace(".html", "")
    return f"kap-{slug or 'forside'}"


def assemble(chapters: Sequence[Chapter], references: Sequence[Reference], meta: BookMeta) -> str:
    """The whole book as one HTML document."""
    targets: dict[str, str] = {normalise(c.url): chapter_id(c.url) for c in chapters}
    # A work's page becomes its reference; anchors inside that page do not exist in the book.
    targets.update({normalise(r.url): f"{r.anchor}#" for r in references})
    body = [_cover(meta), _contents(chapters, references, meta)]
    body += [_chapter(c, targets) for c in chapters]
    body.append(_references(references, meta, targets))
    head = (f'<meta charset="utf-8"><title>{html.escape(meta.title)}</title>'
            f'<meta name="author" content="{html.escape(meta.publisher)}">'
            f'<meta name="publisher" content="{html.escape(meta.publisher)}">'
            f'<meta name="description" content="{html.escape(meta.subtitle)}">'
            f'<meta name="keywords" content="{html.escape(meta.keywords)}">')
    return (f'<!doctype html><html lang="{meta.language}"><head>{head}</head>'
            f'<body>{"".join(body)}</body></html>')


def _cover(meta: BookMeta) -> str:
    return (
        '<section class="kb-cover">'
        f'<p class="kb-cover-title" role="heading" aria-level="1">{html.escape(meta.title)}</p>'
        f'<p class="kb-cover-subtitle">{html.escape(meta.subtitle)}</p>'
        f'<p class="kb-cover-date">Sist oppdatert: {html.escape(meta.updated)}</p>'
        f'<p class="kb-cover-built">Denne PDF-en ble laget {html.escape(meta.built)}.</p>'
        f'<p class="kb-cover-publisher">{html.escape(meta.publisher)}</p>'
        "</section>"
    )


def _contents(chapters: Sequence[Chapter], references: Sequence[Reference], meta: BookMeta) -> str:
    items, part = [], None
    for chapter in chapters:
        if chapter.part != part and chapter.part:
            items.append(f'<li class="kb-toc-part">{html.escape(chapter.part)}</li>')
        part = chapter.part
        items.append(_toc_item(chapter.title, chapter_id(chapter.url), nested=bool(chapter.part)))
    if references:
        items.append(_toc_item(meta.references_title, "kap-kilder", nested=False))
    return ('<nav class="kb-toc" aria-labelledby="kb-toc-title"><h1 id="kb-toc-title">Innhold</h1><ol>'
            + "".join(items) + "</ol></nav>")


def _toc_item(title: str, anchor: str, nested: bool) -> str:
    css = "kb-toc-nested" if nested else "kb-toc-top"
    return f'<li class="{css}"><a href="#{anchor}">{html.escape(title)}</a></li>'


def _chapter(chapter: Chapter, targets: Mapping[str, str]) -> str:
    prefix = chapter_id(chapter.url)
    soup = BeautifulSoup(chapter.html, "html.parser")
    _rewrite(soup, chapter.url, prefix, targets)
    return f'<section class="kb-chapter" id="{prefix}">{soup}</section>'


def _references(references: Sequence[Reference], meta: BookMeta, targets: Mapping[str, str]) -> str:
    parts = [f'<section class="kb-chapter kb-book-references" id="kap-kilder">'
             f'<h1>{html.escape(meta.references_title)}</h1>']
    if meta.references_intro:
        parts.append(f"<p>{html.escape(meta.references_intro)}</p>")
    for reference in references:
        details = BeautifulSoup(reference.details_html, "html.parser")
        _rewrite(details, reference.url, reference.anchor, targets)
        parts.append(f'<section class="kb-book-reference" id="{reference.anchor}">'
                     f"<h2>{html.escape(reference.title)}</h2>"
                     f'<p class="kb-entry-reference">{reference.reference_html}</p>{details}</section>')
    parts.append("</section>")
    return "".join(parts)


def _rewrite(soup: BeautifulSoup, page_url: str, prefix: str, targets: Mapping[str, str]) -> None:
    for selector in _SCREEN_ONLY:
        for element in soup.select(selector):
            element.decompose()
    for element in soup.find_all(id=True):
        element["id"] = f"{prefix}--{element['id']}"
    for label in soup.select("[aria-labelledby]"):
        label["aria-labelledby"] = " ".join(f"{prefix}--{i}" for i in str(label["aria-labelledby"]).split())
    for image in soup.find_all("img", src=True):
        image["src"] = _site_path(str(image["src"]), page_url)
    for link in soup.find_all("a", href=True):
        target = _target(str(link["href"]), page_url, prefix, targets)
        if target is None:
            link.unwrap()  # a page or file that is not in the book: keep the text
        else:
            link["href"] = target


def _site_path(src: str, page_url: str) -> str:
    """An image's address relative to the site's root, where the book is laid out (the
    page's own folder is not the book's); other hosts and data URLs as they are."""
    resolved = urljoin(_BASE + page_url, src)
    return resolved[len(_BASE):] if resolved.startswith(_BASE) else src


def _target(href: str, page_url: str, prefix: str, targets: Mapping[str, str]) -> str | None:
    if href.startswith(("http://", "https://", "mailto:")):
        return href
    if href.startswith("#"):
        return f"#{prefix}--{href[1:]}" if len(href) > 1 else f"#{prefix}"
    resolved, fragment = urldefrag(urljoin(_BASE + page_url, href))
    if not resolved.startswith(_BASE):
        return None
    path = posixpath.normpath(resolved[len(_BASE):]) if resolved[len(_BASE):] else ""
    path = "" if path == "." else path + ("/" if resolved.endswith("/") and path else "")
    chapter = targets.get(normalise(path))
    if chapter is None:
        return None
    if chapter.endswith("#") or not fragment:
        return f"#{chapter.rstrip('#')}"
    return f"#{chapter}--{fragment}"
