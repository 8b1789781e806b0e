"""State shared by the hook modules during one build.

MkDocs loads each hook file as its own module and never reloads it under `mkdocs serve`, so
the hooks meet here, and `start_build` resets everything at the start of every build. The
bibliography itself is cached by the file's size and modification time (citekit.library): a
rebuild that did not touch `references.bib` does not parse it again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from citekit.library import INDEX_DIR, Library, load_library
from citekit.markdown_ext import PageContext
from citekit.model import Problem

BIB_FILE = "references.bib"
__all__ = ["BIB_FILE", "INDEX_DIR", "BuildState", "Section", "start_build"]


@dataclass
class Section:
    """Where on a page a citation stands: the heading above it."""

    anchor: str
    title: str


@dataclass
class BuildState:
    library: Library
    root: Path = Path(".")
    serving: bool = False
    problems: list[Problem] = field(default_factory=list)
    # the page being converted, for the citation extension
    current_page: PageContext | None = None
    # src_uri of a page -> [(citation number, key, key of the work read or "")] in order
    citations: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    # src_uri of a page -> {citation number: section}
    sections: dict[str, dict[int, Section]] = field(default_factory=dict)
    # the research index's groups (year, type, publisher, topic) and the pages in reading order
    groups: dict = field(default_factory=dict)
    nav_order: list[str] = field(default_factory=list)

    @property
    def works(self):
        return self.library.works

    @property
    def bibliography(self):
        return self.library.bibliography

    def entry_src_uri(self, key: str) -> str:
        return self.library.entry_path(key)

    def location(self, file) -> str:
        """How a message names a page: its path from the project root (docs/x.md)."""
        if file.abs_src_path:
            return os.path.relpath(file.abs_src_path, self.root)
        return f"{file.src_uri} (generated)"


current: BuildState | None = None  # set by hooks/citations.py at the start of every build
serving = False


def start_build(config_file_path: str) -> BuildState:
    """Reset the per-build records and load the bibliography (from cache when unchanged)."""
    global current
    root = Path(config_file_path).resolve().parent
    library = load_library(root / BIB_FILE, BIB_FILE)
    current = BuildState(library, root=root, serving=serving, problems=list(library.problems))
    return current
