"""Page dates and front-matter rules: every hand-written page states a description and the
date it was last updated (citekit.page_rules; a warning, which fails the strict build), and
every page shows "Sist oppdatert". Generated pages (the research index) take the day the
bibliography was last committed; where git cannot say, they get no date and the log says
why, never a made-up one. A page with `abbreviations: false` (the glossary, which explains
every term itself) gets no abbreviation tooltips: dozens of them cost a phone a noticeable
moment of script work for nothing.

The front matter's text reaches the HTML through the theme's templates, which print it raw
(MkDocs renders them without autoescaping): a description with a double quote broke <head>,
one with markup injected it (probe F-29). Once every page has been read, and every step of
ours that reads the front matter is done, the title and subtitle, which Material's partials
print in many places, are escaped in place, once (themefix.escape, which the Zensical pass
uses too). overrides/main.html escapes the description and the author where the theme prints
them (the same template in both engines), and re-escapes the <title>, where the theme's
`striptags` filter unescapes again."""

from __future__ import annotations

import datetime
import logging
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from citekit.dates import as_date, norwegian_date
from citekit.page_rules import front_matter_problems
from themefix.escape import escape_printed

__all__ = ["bibliography_date", "check_and_date", "drop_abbreviations", "escape_printed",
           "last_commit_date"]

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from .state import BuildState

log = logging.getLogger("mkdocs.plugins.kunnskapsbase")
_ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.DOTALL)


def check_and_date(state: BuildState, page: Page) -> None:
    if page.file.generated_by is None:
        source = page.file.content_string if page.file.abs_src_path else None
        for problem in front_matter_problems(page.meta, state.location(page.file), source):
            log.warning(str(problem))
        date = as_date(page.meta.get("updated"))
    else:
        date = bibliography_date(state)
    if date is not None:
        page.meta["kb_updated"] = date.isoformat()
        page.meta["kb_updated_text"] = norwegian_date(date)


def drop_abbreviations(html: str, page: Page) -> str:
    if page.meta.get("abbreviations") is False:
        return _ABBR.sub(r"\1", html)
    return html


def bibliography_date(state: BuildState) -> datetime.date | None:
    """The day the bibliography was last committed (asked of git once a build)."""
    if not state.bib_dated:
        state.bib_dated = True
        state.bib_date = last_commit_date(state.bibliography)
    return state.bib_date


def last_commit_date(path: Path) -> datetime.date | None:
    """The day `path` was last committed; None, said in the log, where git cannot tell."""
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name],
                              cwd=path.parent, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning(f"cannot date the research index's pages by {path.name}'s last commit: "
                    f"git could not be run ({error}); install git (make does)")
        return None
    try:
        return datetime.date.fromisoformat(done.stdout.strip())
    except ValueError:
        log.info(f"{path.name} has no commit (a new file, or no git repository): the research "
                 f"index's pages show no 'Sist oppdatert' date")
        return None
