"""The research index, completed in the site Zensical wrote: each work's "cited by" list,
every count, and the filter's catalogue, from what Zensical's rendering recorded of every
page (kb_zensical.rendered). The MkDocs plugin does the same to the rendered HTML before
writing it (kb_mkdocs.research_index.fill); Zensical runs no hook there, so this is done to
its pages on disk, before the staging folder becomes the site.

The slots are the ones the core leaves in the pages (CITED_BY_MARKER, the count spans), and
the links in the lists are site URLs relative to the work's page, as MkDocs gives them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from citekit.entry_page import CITED_BY_MARKER
from citekit.index_pages import catalogue_script, fill_counts
from citekit.library import Library
from citekit.model import Problem
from citekit.site_index import CATALOGUE, CitingPage, citation_counts, cited_by, citing_places
from citekit.urls import file_url, relative_url

from .rendered import RenderedPage

__all__ = ["fill_site", "page_problems"]


def page_problems(rendered: dict[str, RenderedPage], order: list[str]) -> list[Problem]:
    """Every page's problems, page by page in the pass's order (the pages' paths sorted), as
    the pass listed them when it rendered the pages itself."""
    return [problem for src in sorted(rendered, key=lambda src: (src not in order, src))
            for problem in rendered[src].problems]


def fill_site(site: Path, library: Library, rendered: dict[str, RenderedPage],
              titles: dict[str, str], order: list[str], directory_urls: bool) -> None:
    """Fill the research index's slots in `site`. `titles`: the title the navigation or the
    front matter gives a page ('' where neither does: then its first h1, then its path);
    `order`: the pages in the navigation's order, which the lists follow."""
    folder = library.index_dir
    pages = []
    for src in order:
        page = rendered.get(src)
        if page is not None and page.cited:
            # The home page's URL is '': linked as "./", so that a link to it ends in a slash
            # ("../../"), as Zensical writes the links to pages it converts.
            pages.append(CitingPage(titles.get(src) or page.title or src,
                                    file_url(src, directory_urls) or "./", tuple(page.cited)))
    places = citing_places(pages)
    counts = citation_counts(places)
    works = {_output_file(site, file_url(library.entry_path(key), directory_urls)): key
             for key in library.works}
    marker, slot = CITED_BY_MARKER.encode(), b"data-kb-count"
    # The research index's pages: the works' pages, the index and its listings. Read and
    # written as bytes: at 5,000 works they are 600 MB, which need no decoding to find a
    # marker in, and only the listings (a few) are decoded for their counts.
    for path in sorted((site / folder).rglob("*.html")):
        html = path.read_bytes()
        key = works.get(path)
        filled = html
        if key is not None and marker in html:
            listing = cited_by(places.get(key, []),
                               _relative_from(file_url(library.entry_path(key), directory_urls)))
            filled = filled.replace(marker, listing.encode("utf-8"))
        if slot in filled:  # a listing: its counts (a plain search first, then the regex)
            filled = fill_counts(filled.decode("utf-8"), counts).encode("utf-8")
        if filled is not html:
            path.write_bytes(filled)
    catalogue = f"{folder}/{CATALOGUE}"
    (site / catalogue).write_text(catalogue_script(
        list(library.works.values()), counts,
        lambda path: relative_url(file_url(f"{folder}/{path}", directory_urls), catalogue)),
        encoding="utf-8")


def _relative_from(url: str) -> Callable[[str], str]:
    return lambda target: relative_url(target, url)


def _output_file(site: Path, url: str) -> Path:
    """The file a page's site URL is written to: 'x/' -> x/index.html, 'x.html', '' -> index.html."""
    return site / (url + "index.html" if url.endswith("/") or not url else url)
