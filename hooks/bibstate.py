"""State shared by the hook modules during one build.

MkDocs loads each hook file as its own module and never reloads it under `mkdocs serve`, so
the hooks meet here, and `start_build` resets everything at the start of every build. The
bibliography itself is cached by the file's size and modification time: a rebuild that did
not touch `references.bib` does not parse it again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from citekit.bibliography import Bibliography, load_bibliography
from citekit.catalogue import Work, build_catalogue
from citekit.model import Problem

BIB_FILE = "references.bib"
# Where the research index and the page of every work live, inside docs/.
INDEX_DIR = "forskning"


@dataclass
class Section:
    """Where on a page a citation stands: the heading above it."""

    anchor: str
    title: str


@dataclass
class BuildState:
    root: Path = Path(".")
    serving: bool = False
    bibliography: Bibliography | None = None
    works: dict[str, Work] = field(default_factory=dict)
    # key -> its place in the catalogue (APA order), so a page's "Kilder" list is sorted by
    # the works it cites rather than by a walk through the whole catalogue.
    position: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # src_uri of a page -> [(citation number, key)] in order of appearance
    citations: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    # src_uri of a page -> {citation number: section}
    sections: dict[str, dict[int, Section]] = field(default_factory=dict)
    # the research index's groups (year, type, publisher, topic) and the pages in reading order
    groups: dict = field(default_factory=dict)
    nav_order: list[str] = field(default_factory=list)

    def entry_src_uri(self, key: str) -> str:
        return f"{INDEX_DIR}/{self.works[key].slug}.md"

    def location(self, file) -> str:
        """How a message names a page: its path from the project root (docs/x.md)."""
        if file.abs_src_path:
            return os.path.relpath(file.abs_src_path, self.root)
        return f"{file.src_uri} (generated)"


current = BuildState()
serving = False
_cache: dict[str, tuple[tuple[int, int], Bibliography, dict[str, Work]]] = {}


def start_build(config_file_path: str) -> BuildState:
    """Reset the per-build records and load the bibliography (from cache when unchanged)."""
    global current
    root = Path(config_file_path).resolve().parent
    bib_path = root / BIB_FILE
    bibliography, works = _load(bib_path)
    current = BuildState(root=root, serving=serving, bibliography=bibliography, works=works,
                         position={key: i for i, key in enumerate(works)},
                         problems=list(bibliography.problems))
    return current


def _load(bib_path: Path) -> tuple[Bibliography, dict[str, Work]]:
    try:
        stat = bib_path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        signature = None
    cached = _cache.get(str(bib_path))
    if signature is not None and cached and cached[0] == signature:
        return cached[1], cached[2]
    bibliography = load_bibliography(bib_path, BIB_FILE)
    works = build_catalogue(bibliography)
    if signature is not None:
        _cache[str(bib_path)] = (signature, bibliography, works)
    return bibliography, works
