"""The whole knowledge base as one PDF, `site/pdf/kunnskapsbase.pdf`.

The book is made from the built site by `book.site`, the same way for both engines: the
built pages in MkDocs' navigation order behind a cover and a table of contents, the
research index's references closing the book, laid out by WeasyPrint with our own print
stylesheet as a tagged PDF (PDF/UA-1). The plugin's `pdf` option (auto: not under `mkdocs
serve`) and the environment variable KB_PDF=true|false, which overrides it, say whether it
is made.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from book.site import PDF_PATH, BookError, NavPage, book_html, write_pdf

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .state import BuildState

log = logging.getLogger("mkdocs.plugins.kunnskapsbase")


def enabled(option: str | bool, serving: bool) -> bool:
    """The `pdf` option, unless KB_PDF says otherwise."""
    setting = os.environ.get("KB_PDF", "").strip().lower()
    if setting in ("true", "1", "yes"):
        return True
    if setting in ("false", "0", "no"):
        return False
    return not serving if option == "auto" else bool(option)


def configure(state: BuildState, config: MkDocsConfig) -> None:
    # The templates link to the PDF from every page, where there is one.
    if state.pdf:
        config.extra["pdf_path"] = PDF_PATH


def write(state: BuildState, config: MkDocsConfig) -> None:
    """At on_post_build, when every page is written to site_dir."""
    if not state.pdf or state.nav is None or state.files is None:
        return
    started = time.monotonic()
    site = Path(config.site_dir)
    files = state.files
    pages = [NavPage(page.file.src_uri, page.url, page.title or "",
                     (page.parent.title or "") if page.parent else "") for page in state.nav.pages]
    target = site / PDF_PATH
    try:
        document = book_html(site, pages, state.library, config,
                             lambda src: files.src_uris[src].url)
        write_pdf(document, site, target)
    except BookError as error:
        raise PluginError(str(error)) from error
    log.info(f"PDF written to {PDF_PATH} in {time.monotonic() - started:.1f} s "
             f"({target.stat().st_size / 1e6:.1f} MB)")
