"""The PDF of the Zensical build: the same book as the MkDocs plugin's (book.site), made
from the pages Zensical wrote, in mkdocs.yml's navigation order (Zensical runs no hooks, so
kb_zensical.build makes it once Zensical is done)."""

from __future__ import annotations

from pathlib import Path

from book.site import PDF_PATH, book_html, nav_pages, write_pdf
from citekit.library import Library
from citekit.urls import file_url

from .project import default_nav


def write(site: Path, config: dict, library: Library, sources: list[str], offline: bool) -> Path:
    """The PDF at site/pdf/kunnskapsbase.pdf; `sources` are the pages, for a site with no
    `nav` (then MkDocs' default navigation, as the pass gives Zensical). BookError if it cannot."""
    directory_urls = bool(config.get("use_directory_urls", True)) and not offline

    def url_of(src: str) -> str:
        return file_url(src, directory_urls)

    pages = nav_pages(config.get("nav") or default_nav(sources), url_of)
    target = site / PDF_PATH
    write_pdf(book_html(site, pages, library, config, url_of), site, target)
    return target
