"""The bibliography as the site uses it: the checked entries, every work's label, references and
page, and the problems found. Loaded once per file version: a rebuild that did not touch the
`.bib` file (under `mkdocs serve`, or page after page under an engine without hooks) reuses it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .bibliography import Bibliography, load_bibliography
from .catalogue import Work, build_catalogue
from .facets import name_problems
from .model import Problem
from .urls import relative_url

# Where the research index and the page of every work live, inside the docs folder.
INDEX_DIR = "forskning"


@dataclass(frozen=True)
class Library:
    bibliography: Bibliography
    works: dict[str, Work]  # in APA order
    # key -> its place in that order, so a page's "Kilder" list is sorted by the works it
    # cites rather than by a walk through the whole catalogue.
    position: dict[str, int] = field(default_factory=dict)
    # problems beyond the file's own: pages two works (or two topics) would share
    page_problems: tuple[Problem, ...] = ()
    index_dir: str = INDEX_DIR
    # What other modules compute from the library once per version of it (the research
    # index's groups: citekit.facets.groups), so the data type need not know them.
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.bibliography.problems + self.page_problems,
                            key=lambda p: p.line or 0))

    @property
    def readable(self) -> bool:
        """False when the file could not be read or holds no entry at all (every citation
        would be unknown; the bibliography's one problem says why). A file whose entries are
        all malformed is readable: its broken keys are reported, any other key is unknown."""
        return self.bibliography.readable

    def entry_path(self, key: str) -> str:
        """The work's page, relative to the docs folder: 'forskning/djuve2017.md'."""
        return f"{self.index_dir}/{self.works[key].slug}.md"

    def entry_href(self, key: str, page_path: str) -> str:
        """A link from the page at `page_path` (docs-relative) to the work's page, as a path
        to its Markdown source: MkDocs and Zensical check it and turn it into the page's URL."""
        return relative_url(self.entry_path(key), page_path)


def make_library(bibliography: Bibliography) -> Library:
    works, problems = build_catalogue(bibliography)
    problems += name_problems(works.values(), bibliography.name)
    return Library(bibliography, works, {key: i for i, key in enumerate(works)}, tuple(problems))


def load_library(path: Path, display_name: str) -> Library:
    """The library of the .bib file at `path` (from cache when the file is unchanged);
    `display_name` is how messages name the file."""
    try:
        stat = path.stat()
    except OSError:
        return make_library(load_bibliography(path, display_name))
    # Keyed by the resolved path: the Zensical route's pass names the file by its absolute
    # path and the extension inside Zensical by the path from the project, and in one process
    # they share one library.
    return _library_of_version(str(path.resolve()), display_name, (stat.st_mtime_ns, stat.st_size))


# A site has one bibliography; a test session makes many, so only the last few are kept. The
# file's time and size are part of the key: a changed file is read again. (A memoised pure
# function rather than a dict kept at module level: no state for a build to share.)
@functools.lru_cache(maxsize=4)
def _library_of_version(path: str, display_name: str, version: tuple[int, int]) -> Library:
    return make_library(load_bibliography(Path(path), display_name))
