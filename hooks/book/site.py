"""The book made from a built site, whichever engine built it.

Both engines write the same page content inside `<article class="md-content__inner">`, so the
book reads its chapters from the built HTML, in the order of the site's navigation, and
the references from the bibliography: the MkDocs plugin and the Zensical build give the same
PDF from the same pages. The navigation is the engine's own (MkDocs' `nav`), or mkdocs.yml's
as Zensical reads it (`nav_pages`); a page the navigation gives no title is titled by its
first heading, as both engines title it.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from citekit.catalogue import kind
from citekit.dates import norwegian_date
from citekit.library import Library

from . import PDF_PATH
from .assemble import BookMeta, Chapter, Reference, assemble

__all__ = ["PDF_PATH", "STYLESHEET", "BookError", "NavPage", "book_html", "nav_pages", "write_pdf"]

STYLESHEET = Path(__file__).resolve().parent / "print.css"
KEYWORDS = "introduksjonsprogrammet, kommune, Nav, fylkeskommunen, samarbeid"
REFERENCES_INTRO = "Alle kildene kunnskapsbasen bygger på, med sammendrag og emner."
# What the theme adds around a page's content, in either engine: not the page's own.
_THEME_ONLY = ("a#__skip", ".md-content__button", "aside.md-source-file")


class BookError(Exception):
    """The PDF cannot be made (WeasyPrint's libraries are missing, a page is not built)."""


@dataclass(frozen=True)
class NavPage:
    src: str  # 'nav/index.md'
    url: str  # the page's site-relative URL: 'nav/' or 'nav/index.html'
    title: str = ""  # the navigation's title; '' for the page's first heading
    part: str = ""  # the section it belongs to, '' for none


def nav_pages(nav: Any, url_of: Callable[[str], str]) -> list[NavPage]:
    """mkdocs.yml's `nav` as both engines read it: every page in order, with the title the
    navigation gives it and the title of the section it is in."""
    pages: list[NavPage] = []

    def walk(item: Any, title: str, part: str) -> None:
        if isinstance(item, str):
            if item.endswith(".md"):
                pages.append(NavPage(item, url_of(item), title, part))
        elif isinstance(item, dict):
            for name, value in item.items():
                walk(value, name if isinstance(value, str) else "", part if isinstance(value, str) else name)
        elif isinstance(item, list):
            for value in item:
                walk(value, "", part)

    walk(nav or [], "", "")
    return pages


def page_file(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def _chapter(site: Path, page: NavPage) -> tuple[Chapter, str]:
    """The chapter, and the date the page says it was updated ('' if it says none)."""
    path = page_file(site, page.url)
    if not path.is_file():
        raise BookError(f"{page.src}: the built page {path.relative_to(site).as_posix()} is missing")
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
        "article.md-content__inner")
    if article is None:
        raise BookError(f"{page.src}: the built page has no article (has the theme changed?)")
    for selector in _THEME_ONLY:
        for element in article.select(selector):
            element.decompose()
    title = page.title
    if not title and article.h1 is not None:
        heading = BeautifulSoup(str(article.h1), "html.parser")
        for link in heading.select("a.headerlink"):
            link.decompose()
        title = " ".join(heading.get_text().split())
    updated = article.select_one(".kb-page-dates .kb-updated time[datetime]")
    content = "".join(str(child) for child in article.children)
    return (Chapter(title or page.src, page.url, content, page.part),
            str(updated["datetime"]) if updated else "")


def _references(library: Library, url_of: Callable[[str], str]) -> list[Reference]:
    references = []
    for work in library.works.values():
        entry = work.entry
        details = []
        if entry.get("abstract"):
            details.append(f"<p>{html.escape(entry.get('abstract'))}</p>")
        facts = [kind(entry).capitalize()]
        if entry.keywords:
            facts.append("Emner: " + ", ".join(entry.keywords))
        details.append(f'<p class="kb-reference-facts">{html.escape(". ".join(facts))}.</p>')
        references.append(Reference(url_of(library.entry_path(work.key)), f"ref-{work.slug}",
                                    entry.get("title"), work.reference_html_unlinked, "".join(details)))
    return references


def book_html(site: Path, pages: Sequence[NavPage], library: Library, config: Mapping[str, Any],
              url_of: Callable[[str], str]) -> str:
    """The whole book as one HTML document, from the built `site`: its `pages` in order (the
    research index's own page left out: the references close the book), then every work."""
    index = f"{library.index_dir}/index.md"
    chapters, dates = [], []
    for page in pages:
        if page.src == index:
            continue
        chapter, updated = _chapter(site, page)
        chapters.append(chapter)
        if updated:
            dates.append(updated)
    today = datetime.date.today()
    meta = BookMeta(
        title=str(config["site_name"]), subtitle=str(config.get("site_description") or ""),
        publisher=str(config.get("site_author") or config["site_name"]),
        updated=norwegian_date(datetime.date.fromisoformat(max(dates)) if dates else today),
        built=norwegian_date(today), keywords=KEYWORDS, references_intro=REFERENCES_INTRO)
    return assemble(chapters, _references(library, url_of), meta)


def write_pdf(document: str, site: Path, target: Path) -> None:
    """Lay out `document` as a tagged PDF (PDF/UA-1) at `target`; its images and links are
    read relative to the root of `site`."""
    try:
        from weasyprint import CSS, HTML
    except OSError as error:  # pango is missing
        raise BookError(f"cannot make the PDF: WeasyPrint needs pango ({error}); install the "
                        "Debian packages libpango-1.0-0 and libpangoft2-1.0-0") from error
    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=document, base_url=site.resolve().as_uri() + "/").write_pdf(
        target, stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1",
        custom_metadata=True)
