"""The state of one build: created by the plugin in on_config, passed to every module, and
dropped with the build, so nothing of one build lingers into the next (`mkdocs serve`)."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from citekit.location import page_location
from citekit.markdown_ext import CitedItem, PageContext
from citekit.model import Problem

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

    from citekit.catalogue import Work
    from citekit.library import Library


@dataclass
class BuildState:
    root: Path  # the folder of mkdocs.yml
    docs_dir: str  # the docs folder as messages name it ('docs')
    bibliography: Path
    library: Library
    serving: bool  # `mkdocs serve`: problems are marked in the pages, the server goes on
    pdf: bool
    problems: list[Problem] = field(default_factory=list)
    # The page MkDocs is converting, for the Markdown extensions: set at on_page_markdown
    # (priority 100), just before MkDocs converts that page (autorefs' idiom: the extensions
    # know no MkDocs, and MkDocs gives them no page).
    current_page: PageContext | None = None
    # src_uri of a page -> its citations of known works, in reading order
    cited: dict[str, tuple[CitedItem, ...]] = field(default_factory=dict)
    nav_order: list[str] = field(default_factory=list)  # the pages in reading order
    nav: Navigation | None = None
    files: Files | None = None
    # the research index's downloads (UTF-8), written with the site at on_post_build
    downloads: dict[str, bytes] = field(default_factory=dict)
    bib_date: datetime.date | None = None  # the day the bibliography was last committed
    bib_dated: bool = False  # whether git has been asked

    @property
    def works(self) -> dict[str, Work]:
        return self.library.works

    def location(self, file: File) -> str:
        """How a message names a page: 'docs/x.md', or 'forskning/y.md (generated)'."""
        return page_location(file.src_uri, self.docs_dir if file.abs_src_path else None)

    def page_location(self) -> str:
        return self.current_page.location if self.current_page else "<markdown>"


def docs_folder(docs_dir: str, root: Path) -> str:
    """The docs folder as messages name it: relative to the project root, with slashes."""
    return Path(os.path.relpath(docs_dir, root)).as_posix()
