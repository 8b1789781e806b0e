"""The state of one build, shared by the hook modules.

MkDocs loads each hook file as its own module and never reloads it under `mkdocs serve`. Every
hook asks `for_build(config)`: the first to ask in a build (whatever the order of the hooks)
creates the state, and the next build, which has a new config, gets a new one, so nothing of
the previous build lingers. The bibliography itself is cached by the file's size and
modification time (citekit.library): a rebuild that did not touch `references.bib` does not
parse it again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from citekit.library import INDEX_DIR, Library, load_library
from citekit.markdown_ext import PageContext
from citekit.model import Problem

BIB_FILE = "references.bib"
__all__ = ["BIB_FILE", "INDEX_DIR", "BuildState", "for_build", "current"]


@dataclass
class BuildState:
    library: Library
    root: Path = Path(".")
    serving: bool = False
    problems: list[Problem] = field(default_factory=list)
    # the page being converted, for the citation extension
    current_page: PageContext | None = None
    # src_uri of a page -> its citations of known works (CitedItem), in reading order
    cited: dict[str, tuple] = field(default_factory=dict)
    # the pages in reading order, and the navigation and files of this build
    nav_order: list[str] = field(default_factory=list)
    nav: object = None
    files: object = None
    bib_date: object = None  # the day references.bib was last committed (generated pages' date)

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


serving = False  # set at startup: `mkdocs serve` marks problems instead of stopping
_current: tuple[object, BuildState] | None = None  # (the build's config, its state)


def for_build(config) -> BuildState:
    """The state of the build whose config this is; created (bibliography loaded) on first ask."""
    global _current
    if _current is None or _current[0] is not config:
        root = Path(config.config_file_path).resolve().parent
        library = load_library(root / BIB_FILE, BIB_FILE)
        _current = (config, BuildState(library, root=root, serving=serving,
                                       problems=list(library.problems)))
    return _current[1]


def current() -> BuildState | None:
    """The state of the build in progress, if any (for messages outside the events)."""
    return _current[1] if _current else None
