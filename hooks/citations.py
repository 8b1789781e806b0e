"""MkDocs hook: resolve Pandoc-style citations against references.bib.

The citations themselves are read by the Markdown extension `citekit.markdown_ext`, which
this hook adds to every page's Markdown converter, giving it the bibliography and the page
being converted; this hook keeps what needs the whole site: the problems of every page,
reported location first once all pages are read (then the build stops; under `mkdocs serve`
the site is served with the problems marked instead, so the writer can fix them and see the
result), and each page's citations, for the research index. The task file (citekit.tasks) is
loaded once per build here, its problems reported with the others. Warnings (advice that a
newer work has replaced, in the present tense) are logged as warnings: a strict build fails on
them, `mkdocs serve` goes on.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import bibstate
from guard import guarded
from citekit.assets import CITATION_ASSETS
from citekit.dates import as_date
from citekit.front_matter import front_matter_lines
from citekit.markdown_ext import CitationExtension, DocumentRecord, PageContext
from citekit.page_facts import SiteInfo
from citekit.tasks import TASK_FILE, load_tasks
from hook_assets import add_asset_files, link_assets

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.citations")
ASSETS = CITATION_ASSETS


@guarded
def on_startup(*, command: str, dirty: bool, **kwargs) -> None:
    bibstate.serving = command == "serve"


@guarded
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    state = bibstate.for_build(config)
    extension = CitationExtension()
    extension.library = state.library
    extension.tasks, problems = load_tasks(state.root / TASK_FILE, TASK_FILE, state.library)
    state.problems.extend(problems)
    extension.page_context = lambda md: state.current_page
    extension.on_document = _recorder(state)
    config.markdown_extensions = [e for e in config.markdown_extensions
                                  if not isinstance(e, CitationExtension)] + [extension]
    link_assets(config, *ASSETS)
    return config


@guarded
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    add_asset_files(files, config, *ASSETS)
    return files


@guarded
def on_serve(server, *, config: MkDocsConfig, builder, **kwargs):
    """`mkdocs serve` rebuilds when the bibliography or the task file changes."""
    state = bibstate.for_build(config)
    for path in (state.root / bibstate.BIB_FILE, state.root / TASK_FILE):
        if path.exists():
            server.watch(str(path))
    return server


@guarded
def on_nav(nav, *, config: MkDocsConfig, files: Files, **kwargs):
    state = bibstate.for_build(config)
    first = next(iter(state.works), None)
    if first is not None and files.src_uris.get(state.entry_src_uri(first)) is None:
        raise PluginError("citations link to the research index: list hooks/research_index.py "
                          "under hooks: in mkdocs.yml")
    return nav


# First among the Markdown handlers, so the front matter we count is the file's own.
@event_priority(100)
@guarded
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
    state = bibstate.for_build(config)
    location = state.location(page.file)
    if not page.file.abs_src_path:  # the research index's own pages
        state.current_page = PageContext(page.file.src_uri, location)
        return markdown
    site = SiteInfo(config.site_name, config.site_author or config.site_name)
    state.current_page = PageContext(page.file.src_uri, location,
                                     front_matter_lines(state.root / location),
                                     as_date(page.meta.get("updated")),
                                     page.canonical_url or "", site)
    return markdown


def _recorder(state: bibstate.BuildState):
    def record(document: DocumentRecord) -> None:
        src_uri = document.page.path
        state.problems.extend(document.problems)
        if document.cited:
            state.cited[src_uri] = tuple(document.cited)
    return record


# Before the research index fills its pages, and before anything is written to site_dir.
@event_priority(100)
@guarded
def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    state = bibstate.for_build(config)
    errors = [problem for problem in state.problems if not problem.warning]
    for problem in state.problems:
        (log.warning if problem.warning else log.error)(str(problem))
    if not errors:
        return env
    count = len(errors)
    summary = f"{count} bibliography and citation problem{'s' if count != 1 else ''} (listed above)"
    if state.serving:
        log.error(f"{summary}; the site is served with the problems marked")
        return env
    raise PluginError(f"build stopped: {summary}")
