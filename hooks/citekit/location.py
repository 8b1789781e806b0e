"""How a message names a page: the one location formatter, used by both adapters (kb_mkdocs,
kb_zensical) and by themefix, so a problem reads the same whichever engine found it."""

from __future__ import annotations

import posixpath

__all__ = ["is_generated", "page_location"]


def page_location(src_uri: str, docs_dir: str | None) -> str:
    """'docs/nav/index.md' for a page written in `docs_dir` (the docs folder as the project
    root names it, 'docs'); 'forskning/x.md (generated)' for a generated page (no `docs_dir`)."""
    if docs_dir is None:
        return f"{src_uri} (generated)"
    return posixpath.normpath(posixpath.join(docs_dir, src_uri.replace("\\", "/")))


def is_generated(location: str) -> bool:
    """Whether the page a message names is one the build generated (the research index's)."""
    return location.endswith(" (generated)")
