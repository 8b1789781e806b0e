"""MkDocs hook: the research index, generated from references.bib at build time.

Every work gets its own page (not listed in the navigation, so thousands of works do not
weigh down every page) with its reference, metadata for reference managers and downloads;
the index lists them all, paginated, with a filter, and pages by year, type, publisher and
topic. Which pages cite a work is only known once every page has been read, so the
"Sitert i kunnskapsbasen" lists and the citation counts are filled in at `on_env`.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

import bibstate
from hook_assets import add_asset_files, link_assets
from citekit.cited_by import CitingPlace, render_cited_by
from citekit.entry_page import CITED_BY_MARKER, entry_page
from citekit.exports import to_bibtex, to_csl_json, to_ris
from citekit.index_pages import (FACETS, INDEX_MARKER, catalogue_script,
                                 facet_body, facet_front, fill_counts, group_body, group_front,
                                 index_body, list_body, list_front, pages_of)
from citekit.markdown import front_matter
from citekit.metadata import head_html

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.research_index")
# Files are looked up with `files.src_uris.get` rather than `get_file_from_path`, which
# normalises the path first (a third of the time of a 5,000-work listing): ours are
# normalised already.
DOWNLOADS = {
    "Hele kildelista som BibTeX (.bib)": "kilder.bib",
    "Hele kildelista som RIS (.ris), for EndNote og Zotero": "kilder.ris",
    "Hele kildelista som CSL-JSON (.json), for Zotero og Pandoc": "kilder.json",
}
CATALOGUE = "katalog.js"
ASSETS = ("research-index.css", "research-index.js")


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    link_assets(config, *ASSETS)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    add_asset_files(files, config, *ASSETS)
    state = bibstate.current
    works = list(state.works.values())
    entries = [work.entry for work in works]
    for work in works:
        bibtex = to_bibtex([work.entry])
        _add(files, config, f"{work.slug}.md", entry_page(work, bibtex))
        _add_download(files, config, f"{work.slug}.bib", bibtex)
        _add_download(files, config, f"{work.slug}.ris", to_ris([work.entry]))
    state.groups = state.library.groups
    for facet in FACETS:
        _add(files, config, f"{facet.folder}/index.md", front_matter(facet_front(facet)))
        for group in state.groups[facet.folder]:
            _add(files, config, group.path, front_matter(group_front(group)))
    total = len(pages_of(works))
    for number in range(2, total + 1):
        _add(files, config, f"side-{number}.md", front_matter(list_front(number, total)))
    _add_download(files, config, "kilder.bib", to_bibtex(entries))
    _add_download(files, config, "kilder.ris", to_ris(entries))
    _add_download(files, config, "kilder.json", to_csl_json(entries))
    _add_download(files, config, CATALOGUE, None)  # written at on_env, when the counts are known
    return files


def on_page_markdown(markdown: str, *, page: Page, files: Files, **kwargs) -> str:
    state = bibstate.current
    if page.meta.get("kb_entry") in state.works:
        return markdown
    generated = page.meta.get("kb_page", "")
    href = _href_from(page, files)
    kind, _, name = generated.partition(":")
    if kind == "group":
        folder, _, slug = name.partition("/")
        group = next(g for g in state.groups[folder] if g.slug == slug)
        return group_body(group, href)
    if kind == "facet":
        facet = next(f for f in FACETS if f.folder == name)
        return facet_body(facet, state.groups[name], href)
    if kind == "list":
        markdown = list_body(int(name), len(pages_of(list(state.works.values()))))
    if INDEX_MARKER in markdown:
        number = int(name) if kind == "list" else 1
        body = index_body(list(state.works.values()), state.groups, number, href, DOWNLOADS)
        page.meta["kb_index"] = True
        return markdown.replace(INDEX_MARKER, body)
    return markdown


# After the citation hook has reported (priority 100), before the search plugin indexes pages.
@event_priority(50)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    state = bibstate.current
    places = _citing_places(state, files)
    counts = {key: (len(p), len({x.page_href for x in p})) for key, p in places.items()}
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.content is None:
            continue
        key = page.meta.get("kb_entry")
        if key in state.works:
            relative = [CitingPlace(p.page_title, get_relative_url(p.page_href, page.url),
                                    p.section_anchor, p.section_title, p.number)
                        for p in places.get(key, [])]
            page.content = page.content.replace(CITED_BY_MARKER, render_cited_by(relative))
        elif "data-kb-count" in page.content:
            page.content = fill_counts(page.content, counts)
    catalogue = files.src_uris.get(_src(CATALOGUE))
    script = catalogue_script(
        list(state.works.values()), counts,
        lambda path: get_relative_url(files.src_uris.get(_src(path)).url, catalogue.url))
    if catalogue.generated_by is None:
        catalogue.content_string = script  # a katalog.js in docs/ is replaced all the same
    else:
        _write(catalogue.abs_src_path, script)
    return env


def on_page_context(context, *, page: Page, **kwargs):
    """A work's page gets its metadata tags just before it is rendered, and lets go of them
    right after (on_post_page): 1.5 kB a work that need not stay in memory all build."""
    key = page.meta.get("kb_entry")
    if key in bibstate.current.works:
        page.meta["kb_head"] = head_html(bibstate.current.works[key].entry)
    return context


def on_post_page(output: str, *, page: Page, **kwargs) -> str:
    page.meta.pop("kb_head", None)
    return output


def _citing_places(state: bibstate.BuildState, files: Files) -> dict[str, list[CitingPlace]]:
    """key -> places citing it (page_href holds the citing page's site URL), in nav order."""
    places: dict[str, list[CitingPlace]] = {}
    for src_uri in state.nav_order or [f.src_uri for f in files.documentation_pages()]:
        cited = state.citations.get(src_uri)
        file = files.src_uris.get(src_uri)
        if not cited or file is None or file.page is None:
            continue
        sections = state.sections.get(src_uri, {})
        for number, key in cited:
            section = sections.get(number, bibstate.Section("", ""))
            places.setdefault(key, []).append(
                CitingPlace(file.page.title or src_uri, file.url, section.anchor,
                            section.title, number))
    return places


def on_nav(nav, *, config: MkDocsConfig, files: Files, **kwargs):
    """Remember the reading order, so "cited in" lists follow the navigation."""
    ordered = [page.file.src_uri for page in nav.pages]
    listed = set(ordered)
    bibstate.current.nav_order = ordered + [
        f.src_uri for f in files.documentation_pages() if f.src_uri not in listed]
    return nav


def _href_from(page: Page, files: Files):
    """A function giving the URL of a file in the index directory, relative to `page`."""
    def href(path: str) -> str:
        target = files.src_uris.get(_src(path))
        if target is None:
            raise KeyError(f"research index links to {_src(path)}, which was not generated")
        return get_relative_url(target.url, page.url)
    return href


def _src(path: str) -> str:
    return f"{bibstate.INDEX_DIR}/{path}"


def _add(files: Files, config: MkDocsConfig, path: str, content: str) -> None:
    src_uri = _src(path)
    if files.src_uris.get(src_uri) is not None:
        return  # a hand-written page wins over a generated one
    # As UTF-8 bytes, which take half the memory of a str holding 'ø' or '–' (MkDocs decodes
    # them when it reads the page).
    files.append(File.generated(config, src_uri, content=content.encode("utf-8"),
                                inclusion=InclusionLevel.NOT_IN_NAV))


def _add_download(files: Files, config: MkDocsConfig, path: str, content: str | None) -> None:
    """A file to download, written straight into site_dir rather than held in memory until
    MkDocs copies the static files (MkDocs allows this: a generated file whose source is its
    own destination is left as it is). 27 MB less memory for 5,000 works."""
    src_uri = _src(path)
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
