"""The research index as files, for any site generator: a page per work, the pages by year,
type, publisher and topic, the list's further pages, the downloads; and, once every page has
been read, who cites what ("Sitert i kunnskapsbasen", the counts, the filter's catalogue).

The MkDocs hooks (hooks/research_index.py) call these in memory during the build; the
whole-site pass for Zensical (kb_zensical.site_pass) calls them before the build and writes the
files. Paths are relative to the index folder ("djuve2017.md", "ar/2017.md", "kilder.bib").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .cited_by import CitingPlace, render_cited_by
from .entry_page import entry_page
from .exports import to_bibtex, to_csl_json, to_ris
from .facets import FACETS, groups
from .fences import lines_outside_code
from .index_pages import (
    INDEX_MARKER,
    facet_body,
    facet_front,
    group_body,
    group_front,
    index_body,
    list_body,
    list_front,
    pages_of,
)
from .library import Library
from .md_writing import front_matter

DOWNLOADS = {
    "Hele kildelista som BibTeX (.bib)": "kilder.bib",
    "Hele kildelista som RIS (.ris), for EndNote og Zotero": "kilder.ris",
    "Hele kildelista som CSL-JSON (.json), for Zotero og Pandoc": "kilder.json",
}
CATALOGUE = "katalog.js"
Href = Callable[[str], str]  # a path inside the index folder -> URL relative to the page


@dataclass(frozen=True)
class IndexFile:
    """A generated page (Markdown, maybe only its front matter until `page_body` fills it),
    or a download (`text`; None for the catalogue, known only when the counts are)."""

    path: str
    markdown: str | None = None
    text: str | None = None
    # What the page's front matter says it is (`kb_entry`, `kb_page`), for a reader that
    # writes the files without parsing their YAML back (kb_zensical.site_pass).
    work: str = ""
    listing: str = ""

    @property
    def is_page(self) -> bool:
        return self.markdown is not None


def _listing(path: str, front: dict) -> IndexFile:
    return IndexFile(path, front_matter(front), listing=front["kb_page"])


def index_files(library: Library) -> list[IndexFile]:
    """Every file of the research index but its first page (docs/forskning/index.md, which is
    written by hand and holds the marker)."""
    works = list(library.works.values())
    out = []
    for work in works:
        bibtex = to_bibtex([work.entry])
        out += [IndexFile(f"{work.slug}.md", entry_page(work, bibtex, library.works), work=work.key),
                IndexFile(f"{work.slug}.bib", text=bibtex),
                IndexFile(f"{work.slug}.ris", text=to_ris([work.entry]))]
    for facet in FACETS:
        out.append(_listing(f"{facet.folder}/index.md", facet_front(facet)))
        out += [_listing(group.path, group_front(group)) for group in groups(library)[facet.folder]]
    total = len(pages_of(works))
    out += [_listing(f"side-{n}.md", list_front(n, total)) for n in range(2, total + 1)]
    entries = [work.entry for work in works]
    out += [IndexFile("kilder.bib", text=to_bibtex(entries)),
            IndexFile("kilder.ris", text=to_ris(entries)),
            IndexFile("kilder.json", text=to_csl_json(entries)),
            IndexFile(CATALOGUE)]
    return out


def page_body(library: Library, generated: str, markdown: str, href: Href) -> str:
    """The Markdown of a page of the index: a listing page (`generated` is its `kb_page`
    front matter: 'group:tema/nav', 'facet:ar', 'list:2') or a page holding the marker."""
    kind, _, name = generated.partition(":")
    works = list(library.works.values())
    if kind == "group":
        folder, _, slug = name.partition("/")
        return group_body(next(g for g in groups(library)[folder] if g.slug == slug), href)
    if kind == "facet":
        return facet_body(next(f for f in FACETS if f.folder == name), groups(library)[name], href)
    if kind == "list":
        markdown = list_body(int(name), len(pages_of(works)))
    if INDEX_MARKER in markdown:
        number = int(name) if kind == "list" else 1
        return replace_marker_lines(markdown, INDEX_MARKER,
                                    lambda: index_body(works, groups(library), number, href, DOWNLOADS))
    return markdown


def replace_marker_lines(markdown: str, marker: str, body: Callable[[], str]) -> str:
    """`markdown` with each line that is `marker` alone, outside fenced code, replaced by
    `body()`: the marker shown in a code block, or inside a line of other text (a work's
    BibTeX on its page), stays as written."""
    found = marker_lines(markdown, marker)
    if not found:
        return markdown
    lines, filled = markdown.split("\n"), body()
    for number in found:
        lines[number - 1] = filled
    return "\n".join(lines)


def marker_lines(markdown: str, marker: str) -> list[int]:
    """The lines (from 1) where `marker` stands alone outside fenced code."""
    return [number for number, line, prose in lines_outside_code(markdown.split("\n"))
            if prose and line.strip() == marker]


@dataclass(frozen=True)
class CitingPage:
    """A page that cites, with what the citation extension recorded of it."""

    title: str
    url: str  # the page's site URL: "kommunen/" or "kommunen/index.html"
    cited: tuple  # citekit.markdown_ext.CitedItem, in reading order


def citing_places(pages: Iterable[CitingPage]) -> dict[str, list[CitingPlace]]:
    """key -> where it is cited (page_href: the page's site URL), in the pages' order. A
    secondary citation is a place of both works: the one cited and the one read."""
    places: dict[str, list[CitingPlace]] = {}
    for page in pages:
        for item in page.cited:
            place = CitingPlace(page.title, page.url, item.section_anchor, item.section_title,
                                item.number)
            for key in (item.key, item.via) if item.via else (item.key,):
                places.setdefault(key, []).append(place)
    return places


def citation_counts(places: Mapping[str, list[CitingPlace]]) -> dict[str, tuple[int, int]]:
    """key -> (citations, pages citing it)."""
    return {key: (len(found), len({p.page_href for p in found})) for key, found in places.items()}


def cited_by(places: list[CitingPlace], relative: Callable[[str], str]) -> str:
    """The "Sitert i kunnskapsbasen" list of one work; `relative` turns a page's site URL
    into a link from the work's page."""
    return render_cited_by([CitingPlace(p.page_title, relative(p.page_href), p.section_anchor,
                                        p.section_title, p.number) for p in places])


def page_place_problems(library: Library, path: str, lines: list[str]) -> list[tuple[int | None, str]]:
    """What is wrong with where a hand-written page at `path` (docs-relative) stands, as
    (line, message): the research index's marker anywhere but on the index's own page, and a
    page at the address the research index gives a work."""
    problems: list[tuple[int | None, str]] = []
    index_page = f"{library.index_dir}/index.md"
    if path != index_page and any(INDEX_MARKER in line for line in lines):
        problems += [(line, f"the research index's marker {INDEX_MARKER} belongs only in "
                            f"{index_page}, which it fills with the list of works: remove it here")
                     for line in marker_lines("\n".join(lines), INDEX_MARKER)]
    key = _work_paths(library).get(path)
    if key is not None:
        work = library.works[key]
        problems.append((None, f"this page is at the address of the research index's page for "
                               f"the work '{key}' ({library.bibliography.name}:{work.entry.line}), "
                               "which it would hide: move or rename the page, or change the key"))
    return problems


def _work_paths(library: Library) -> dict[str, str]:
    """The page of each work -> its key (computed once per library)."""
    paths = library.derived.get("work_paths")
    if not isinstance(paths, dict):
        paths = library.derived["work_paths"] = {library.entry_path(key): key for key in library.works}
    return paths
