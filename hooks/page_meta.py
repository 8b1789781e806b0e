"""MkDocs hook: every hand-written page states a description and the date it was last
updated, and every page shows "Sist oppdatert". Generated pages (the research index) take
the date `references.bib` was last committed. A page with `abbreviations: false` (the
glossary, which explains every term itself) gets no abbreviation tooltips: dozens of them
cost a phone a noticeable moment of script work for nothing."""

from __future__ import annotations

import datetime
import logging
import re
import subprocess
from typing import TYPE_CHECKING

import bibstate
from guard import guarded
from citekit.dates import as_date, norwegian_date

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.page_meta")
_ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.DOTALL)


@guarded
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
    state = bibstate.for_build(config)
    location = state.location(page.file)
    if page.file.generated_by is None:
        _require(page, "description", location)
        updated = _require(page, "updated", location)
    else:
        if state.bib_date is None:
            state.bib_date = _last_commit_date(state.root / bibstate.BIB_FILE)
        updated = state.bib_date
    date = as_date(updated)
    if date is None and updated is not None:
        log.warning(f"{location}: 'updated' must be a date (YYYY-MM-DD), not {updated!r}")
    if date is not None:
        page.meta["kb_updated"] = date.isoformat()
        page.meta["kb_updated_text"] = norwegian_date(date)
    return markdown


@guarded
def on_page_content(html: str, *, page: Page, **kwargs) -> str:
    if page.meta.get("abbreviations") is False:
        return _ABBR.sub(r"\1", html)
    return html


def _require(page: Page, name: str, location: str):
    value = page.meta.get(name)
    if not value:
        log.warning(f"{location}: front matter lacks '{name}'")
    return value


def _last_commit_date(path) -> datetime.date:
    """The day the file was last committed; today for a file git does not know."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name],
                             cwd=path.parent, capture_output=True, text=True, timeout=10).stdout
        return datetime.date.fromisoformat(out.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return datetime.date.today()
