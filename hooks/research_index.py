"""MkDocs hook: the research index (citekit.site_index), generated from references.bib at
build time.

Every work gets its own page (not listed in the navigation, so thousands of works do not
weigh down every page) with its reference, metadata for reference managers and downloads;
the index lists them all, paginated, with a filter, and pages by year, type, publisher and
topic. Which pages cite a work is only known once every page has been read, so the
"Sitert i kunnskapsbasen" lists and the citation counts are filled in at `on_env`.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

import bibstate
from citekit.assets import INDEX_ASSETS
from citekit.entry_page import CITED_BY_MARKER
from citekit.index_pages import INDEX_MARKER, catalogue_script, fill_counts
from citekit.metadata import head_html
from citekit.site_index import (CATALOGUE, CitingPage, citation_counts, cited_by, citing_places,
                                index_files, page_body)
from guard import guarded
from hook_assets import add_asset_files, link_assets

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.research_index")
ASSETS = INDEX_ASSETS
# Files are looked up with `files.src_uris.get` rather than `get_file_from_path`, which
# normalises the path first (a third of the time of a 5,000-work listing): ours are
# normalised already.


@guarded
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    link_assets(config, *ASSETS)
    return config


@guarded
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _require_index_page(files)
    add_asset_files(files, config, *ASSETS)
    for generated in index_files(bibstate.for_build(config).library):
        if generated.is_page:
            _add(files, config, generated.path, generated.markdown)
        else:
            _add_download(files, config, generated.path, generated.text)
    return files


@guarded
def on_nav(nav, *, config: MkDocsConfig, files: Files, **kwargs):
    """Remember the reading order, so "cited in" lists follow the navigation."""
    ordered = [page.file.src_uri for page in nav.pages]
    listed = set(ordered)
    bibstate.for_build(config).nav_order = ordered + [
        f.src_uri for f in files.documentation_pages() if f.src_uri not in listed]
    return nav


@guarded
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files,
                     **kwargs) -> str:
    generated = page.meta.get("kb_page", "")
    if not generated and INDEX_MARKER not in markdown:
        return markdown
    return page_body(bibstate.for_build(config).library, generated, markdown, _href_from(page, files))


# After the citation hook has reported (priority 100), before the search plugin indexes pages.
@event_priority(50)
@guarded
def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    state = bibstate.for_build(config)
    places = citing_places(
        CitingPage(file.page.title or src_uri, file.url, state.cited[src_uri])
        for src_uri in state.nav_order if src_uri in state.cited
        for file in [files.src_uris.get(src_uri)] if file is not None and file.page is not None)
    counts = citation_counts(places)
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.content is None:
            continue
        key = page.meta.get("kb_entry")
        if key in state.works:
            listing = cited_by(places.get(key, []), lambda url: get_relative_url(url, page.url))
            page.content = page.content.replace(CITED_BY_MARKER, listing)
        elif "data-kb-count" in page.content:
            page.content = fill_counts(page.content, counts)
    catalogue = files.src_uris.get(_src(config, CATALOGUE))
    script = catalogue_script(
        list(state.works.values()), counts,
        lambda path: get_relative_url(files.src_uris.get(_src(config, path)).url, catalogue.url))
    if catalogue.generated_by is None:
        catalogue.content_string = script  # a katalog.js in docs/ is replaced all the same
    else:
        _write(catalogue.abs_src_path, script)
    return env


@guarded
def on_page_context(context, *, page: Page, config: MkDocsConfig, **kwargs):
    """A work's page gets its metadata tags just before it is rendered, and lets go of them
    right after (on_post_page), so they need not stay in memory all build."""
    work = bibstate.for_build(config).works.get(page.meta.get("kb_entry"))
    if work is not None:
        page.meta["kb_head"] = head_html(work.entry)
    return context


@guarded
def on_post_page(output: str, *, page: Page, **kwargs) -> str:
    page.meta.pop("kb_head", None)
    return output


def _href_from(page: Page, files: Files):
    """A function giving the URL of a file in the index folder, relative to `page`."""
    index_dir = page.file.src_uri.split("/", 1)[0]

    def href(path: str) -> str:
        target = files.src_uris.get(f"{index_dir}/{path}")
        if target is None:
            raise PluginError(f"the research index links to {index_dir}/{path}, which it did not "
                              "generate (a bug in the hooks: please report it)")
        return get_relative_url(target.url, page.url)
    return href


def _require_index_page(files: Files) -> None:
    """The research index fills docs/forskning/index.md; without it, say what to do."""
    index = f"{bibstate.INDEX_DIR}/index.md"
    if files.src_uris.get(index) is not None:
        return
    moved = [f.src_uri for f in files.documentation_pages()
             if f.abs_src_path and INDEX_MARKER in f.content_string]
    hint = (f"the marker is in docs/{moved[0]}: move that page back to docs/{index}" if moved else
            f"create docs/{index} with front matter (description, updated), a title and the "
            f"line {INDEX_MARKER}")
    raise PluginError(f"docs/{index} is missing, and the research index is built into it: {hint}")


def _src(config: MkDocsConfig, path: str) -> str:
    return f"{bibstate.for_build(config).library.index_dir}/{path}"


def _add(files: Files, config: MkDocsConfig, path: str, content: str) -> None:
    src_uri = _src(config, path)
    if files.src_uris.get(src_uri) is not None:
        return  # a hand-written page wins over a generated one
    # As UTF-8 bytes, which take half the memory of a str holding 'ø' or '–' (MkDocs decodes
    # them when it reads the page).
    files.append(File.generated(config, src_uri, content=content.encode("utf-8"),
                                inclusion=InclusionLevel.NOT_IN_NAV))


def _add_download(files: Files, config: MkDocsConfig, path: str, content: str | None) -> None:
    """A file to download, written straight into site_dir rather than held in memory until
    MkDocs copies the static files (MkDocs allows this: a generated file whose source is its
    own destination is left as it is); benchmarks/README.md has the memory it saves."""
    src_uri = _src(config, path)
    if files.src_uris.get(src_uri) is not None:
        return  # a hand-written file wins over a generated one
    target = os.path.join(config.site_dir, src_uri)
    if content is not None:
        _write(target, content)
    files.append(File.generated(config, src_uri, abs_src_path=target))


def _write(path: str, content: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        file.write(content)
