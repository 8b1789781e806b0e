"""MkDocs hook: resolve Pandoc-style citations against references.bib.

Each citation becomes a link to the work's page in the research index, with the full
reference as hover text; each citing page ends with a "Kilder" list. Every problem with the
bibliography or a citation is collected and reported, location first, once all pages are
read; then the build stops (under `mkdocs serve` the site is served with the problems marked
instead, so the writer can fix them and see the result).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

import bibstate
from hook_assets import add_asset_files, link_assets
from citekit.catalogue import ENTRY_HREF
from citekit.model import Citation, Problem
from citekit.render import ListedWork, Target, render_citation, render_reference_list
from citekit.sections import citation_sections
from citekit.syntax import find_citations, replace_citations, unescape_at

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.citations")


def on_startup(*, command: str, dirty: bool, **kwargs) -> None:
    bibstate.serving = command == "serve"


ASSETS = ("citations.css",)


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    bibstate.start_build(config.config_file_path)
    link_assets(config, *ASSETS)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    add_asset_files(files, config, *ASSETS)
    return files


def on_serve(server, *, config: MkDocsConfig, builder, **kwargs):
    """`mkdocs serve` rebuilds when the bibliography changes."""
    bib = bibstate.current.root / bibstate.BIB_FILE
    if bib.exists():
        server.watch(str(bib))
    return server


# First among the Markdown handlers, so the line numbers we report are those of the file.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files,
                     **kwargs) -> str:
    if page.meta.get("kb_entry") or page.meta.get("kb_page"):
        return markdown  # the research index's own pages: generated, never citing
    state = bibstate.current
    citations = find_citations(markdown)
    if not citations:
        return unescape_at(markdown)

    line_offset = _front_matter_lines(page, markdown)
    location = state.location(page.file)
    targets = _targets(state, citations, page, files)
    numbers: list[tuple[int, str]] = []
    rendered: dict[int, str] = {}
    for citation in citations:
        first = len(numbers) + 1
        for item in citation.items:
            if item.key in targets:
                numbers.append((len(numbers) + 1, item.key))
            else:
                numbers.append((len(numbers) + 1, ""))
                _report_unknown(state, location, citation.line + line_offset, item.key)
        rendered[citation.start] = render_citation(citation, targets, first)

    state.citations[page.file.src_uri] = [(n, key) for n, key in numbers if key]
    text = replace_citations(markdown, citations, lambda c: rendered[c.start])
    return unescape_at(text) + "\n\n" + _reference_list(state, numbers, targets)


def on_page_content(html: str, *, page: Page, **kwargs) -> str:
    state = bibstate.current
    if page.file.src_uri in state.citations:
        state.sections[page.file.src_uri] = {
            number: bibstate.Section(anchor, title)
            for number, (anchor, title) in citation_sections(html).items()
        }
    return html


# Before the research index fills its pages, and before anything is written to site_dir.
@event_priority(100)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    state = bibstate.current
    if not state.problems:
        return env
    for problem in state.problems:
        log.error(str(problem))
    count = len(state.problems)
    summary = f"{count} bibliography and citation problem{'s' if count != 1 else ''} (listed above)"
    if state.serving:
        log.error(f"{summary}; the site is served with the problems marked")
        return env
    raise PluginError(f"build stopped: {summary}")


def _targets(state: bibstate.BuildState, citations: list[Citation], page: Page,
             files: Files) -> dict[str, Target]:
    targets = {}
    for citation in citations:
        for item in citation.items:
            work = state.works.get(item.key)
            if work is not None and item.key not in targets:
                targets[item.key] = Target(work.label.names, work.label.year,
                                           _entry_href(state, item.key, page, files),
                                           work.reference_text)
    return targets


def _entry_href(state: bibstate.BuildState, key: str, page: Page, files: Files) -> str:
    entry_file = files.src_uris.get(state.entry_src_uri(key))  # normalised already: no get_file_from_path
    if entry_file is None:
        raise PluginError("citations link to the research index: list hooks/research_index.py "
                          "under hooks: in mkdocs.yml")
    return get_relative_url(entry_file.url, page.url)


def _reference_list(state: bibstate.BuildState, numbers: list[tuple[int, str]],
                    targets: dict[str, Target]) -> str:
    cited: dict[str, list[int]] = {}
    for number, key in numbers:
        if key:
            cited.setdefault(key, []).append(number)
    works = [state.works[key] for key in sorted(cited, key=state.position.__getitem__)]
    listed = [ListedWork(w.key, w.reference_html.replace(ENTRY_HREF, targets[w.key].href),
                         cited[w.key]) for w in works]
    return render_reference_list(listed)


def _report_unknown(state: bibstate.BuildState, location: str, line: int, key: str) -> None:
    bibliography = state.bibliography
    if key in bibliography.broken_keys:
        return  # its entry is broken, which is already reported
    if not bibliography.entries and bibliography.problems:
        return  # the bibliography could not be read at all, which is already reported
    hint = bibliography.suggest(key)
    message = f"unknown citation key '{key}'"
    if hint:
        message += f" (did you mean '{hint}'?)"
    state.problems.append(Problem(location, line, message))


def _front_matter_lines(page: Page, markdown: str) -> int:
    """How many lines of front matter MkDocs stripped before handing us the Markdown."""
    try:
        source = page.file.content_string
    except (OSError, ValueError):
        return 0
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0
