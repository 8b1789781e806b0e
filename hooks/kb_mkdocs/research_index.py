"""The research index (citekit.site_index), generated from the bibliography at build time.

Every work gets its own page (not listed in the navigation, so thousands of works do not
weigh down every page) with its reference, metadata for reference managers and downloads;
the index lists them all, paginated, with a filter, and pages by year, type, publisher and
topic. Which pages cite a work is only known once every page has been read, so the "Sitert i
kunnskapsbasen" lists and the citation counts are filled in at on_env. The downloads are
written into the site at on_post_build, with the rest of the site: a build that fails, or a
`--dirty` one, writes nothing early.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from citekit.assets import INDEX_ASSETS
from citekit.entry_page import CITED_BY_MARKER
from citekit.index_pages import INDEX_MARKER, catalogue_script, fill_counts
from citekit.metadata import head_html
from citekit.site_index import (
    CATALOGUE,
    CitingPage,
    citation_counts,
    cited_by,
    citing_places,
    index_files,
    page_body,
)

from .assets import add_asset_files, link_assets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from .state import BuildState

# Files are looked up with `files.src_uris.get` rather than `get_file_from_path`, which
# normalises the path first (a third of the time of a 5,000-work listing): ours are
# normalised already.


class _Download(File):
    """A download that the plugin writes itself at on_post_build: MkDocs copies nothing."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def configure(config: MkDocsConfig) -> None:
    link_assets(config, INDEX_ASSETS)


def add_files(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    _require_index_page(state, files)
    add_asset_files(files, config, INDEX_ASSETS)
    for generated in index_files(state.library):
        src_uri = _src(state, generated.path)
        if files.src_uris.get(src_uri) is not None:
            continue  # a hand-written file wins over a generated one
        if generated.is_page:
            # As UTF-8 bytes, which take half the memory of a str holding 'ø' or '–' (MkDocs
            # decodes them when it reads the page).
            files.append(File.generated(config, src_uri, content=(generated.markdown or "").encode("utf-8"),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        elif generated.text is None:  # the catalogue: known once every page is read (fill)
            files.append(File.generated(config, src_uri, content=b""))
        else:
            state.downloads[src_uri] = generated.text.encode("utf-8")
            files.append(_Download.generated(config, src_uri,
                                             abs_src_path=os.path.join(config.site_dir, src_uri)))


def remember_order(state: BuildState, nav: Navigation, files: Files) -> None:
    """The reading order, so "cited in" lists follow the navigation."""
    ordered = [page.file.src_uri for page in nav.pages]
    listed = set(ordered)
    state.nav_order = ordered + [f.src_uri for f in files.documentation_pages() if f.src_uri not in listed]


def page_markdown(state: BuildState, markdown: str, page: Page, files: Files) -> str:
    # kb_page is the build's own, on its own pages; the marker fills only the index's page
    # (elsewhere the citation extension reports it: citekit.site_index.page_place_problems)
    generated = page.meta.get("kb_page", "") if page.file.generated_by else ""
    if not generated and (INDEX_MARKER not in markdown
                          or page.file.src_uri != f"{state.library.index_dir}/index.md"):
        return markdown
    return page_body(state.library, generated, markdown, _href_from(page, files))


def fill(state: BuildState, config: MkDocsConfig, files: Files) -> None:
    """Who cites what, once every page is read: "cited by" lists, counts, the catalogue."""
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
            listing = cited_by(places.get(key, []), _relative_to(page.url))
            page.content = page.content.replace(CITED_BY_MARKER, listing)
        elif "data-kb-count" in page.content:
            page.content = fill_counts(page.content, counts)
    catalogue = files.src_uris[_src(state, CATALOGUE)]
    catalogue.content_string = catalogue_script(
        list(state.works.values()), counts,
        lambda path: get_relative_url(files.src_uris[_src(state, path)].url, catalogue.url))


def add_head(state: BuildState, page: Page) -> None:
    """A work's page gets its metadata tags just before it is rendered, and lets go of them
    right after (drop_head), so they need not stay in memory all build."""
    work = state.works.get(page.meta.get("kb_entry") or "")
    if work is not None:
        page.meta["kb_head"] = head_html(work.entry)


def drop_head(page: Page) -> None:
    page.meta.pop("kb_head", None)


def write_downloads(state: BuildState, config: MkDocsConfig) -> None:
    for src_uri, content in state.downloads.items():
        target = os.path.join(config.site_dir, src_uri)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as file:
            file.write(content)
    state.downloads.clear()


def _relative_to(url: str):
    return lambda target: get_relative_url(target, url)


def _href_from(page: Page, files: Files):
    """A function giving the URL of a file in the index folder, relative to `page`."""
    index_dir = page.file.src_uri.split("/", 1)[0]

    def href(path: str) -> str:
        target = files.src_uris.get(f"{index_dir}/{path}")
        if target is None:
            raise PluginError(f"the research index links to {index_dir}/{path}, which it did not "
                              "generate (a bug in the plugin: please report it)")
        return get_relative_url(target.url, page.url)
    return href


def _require_index_page(state: BuildState, files: Files) -> None:
    """The research index fills docs/forskning/index.md; without it, say what to do."""
    index = f"{state.library.index_dir}/index.md"
    if files.src_uris.get(index) is not None:
        return
    moved = [f.src_uri for f in files.documentation_pages()
             if f.abs_src_path and INDEX_MARKER in f.content_string]
    hint = (f"the marker is in docs/{moved[0]}: move that page back to docs/{index}" if moved else
            f"create docs/{index} with front matter (description, updated), a title and the "
            f"line {INDEX_MARKER}")
    raise PluginError(f"docs/{index} is missing, and the research index is built into it: {hint}")


def _src(state: BuildState, path: str) -> str:
    return f"{state.library.index_dir}/{path}"
