"""Citations: the citation extension (citekit.markdown_ext) in every page's converter, given
the bibliography and the page being converted; each page's problems and citations collected
on the state; the problems reported, location first, once every page is read. Then the build
stops; under `mkdocs serve` the site is served with the problems marked instead, so the
writer can fix them and see the result."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from citekit.assets import CITATION_ASSETS
from citekit.dates import as_date
from citekit.front_matter import front_matter_lines
from citekit.markdown_ext import CitationExtension, DocumentRecord, PageContext
from citekit.page_facts import SiteInfo
from citekit.tasks import TASK_FILE, load_tasks

from .assets import add_asset_files, link_assets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .state import BuildState

log = logging.getLogger("mkdocs.plugins.kunnskapsbase")


def configure(state: BuildState, config: MkDocsConfig) -> None:
    extension = CitationExtension()
    extension.library = state.library
    # The task file (citekit.tasks), read once per build; its problems are the build's.
    extension.tasks, problems = load_tasks(state.root / TASK_FILE, TASK_FILE, state.library)
    state.problems.extend(problems)
    extension.page_context = lambda md: state.current_page
    extension.on_document = lambda document: record(state, document)
    config.markdown_extensions = [e for e in config.markdown_extensions
                                  if not isinstance(e, CitationExtension)] + [extension]
    link_assets(config, CITATION_ASSETS)


def add_files(files: Files, config: MkDocsConfig) -> None:
    add_asset_files(files, config, CITATION_ASSETS)


def start_page(state: BuildState, page: Page, config: MkDocsConfig) -> None:
    """Tell the extensions which page MkDocs converts next."""
    location = state.location(page.file)
    if not page.file.abs_src_path:  # the research index's own pages
        state.current_page = PageContext(page.file.src_uri, location)
        return
    site = SiteInfo(config.site_name, config.site_author or config.site_name)
    state.current_page = PageContext(page.file.src_uri, location,
                                     front_matter_lines(state.root / location),
                                     as_date(page.meta.get("updated")),
                                     page.canonical_url or "", site)


def record(state: BuildState, document: DocumentRecord) -> None:
    state.problems.extend(document.problems)
    if document.cited:
        state.cited[document.page.path] = tuple(document.cited)


def report(state: BuildState) -> None:
    """Every problem of the bibliography and the pages, then stop (or, serving, go on).
    A problem marked as a warning (`warning`, where the core sets it) is logged as one, which
    the strict build stops on in its turn."""
    errors = [p for p in state.problems if not getattr(p, "warning", False)]
    for problem in state.problems:
        (log.warning if getattr(problem, "warning", False) else log.error)(str(problem))
    if not errors:
        return
    count = len(errors)
    summary = f"{count} bibliography and citation problem{'s' if count != 1 else ''} (listed above)"
    if state.serving:
        log.error(f"{summary}; the site is served with the problems marked")
        return
    raise PluginError(f"build stopped: {summary}")
