"""What every hand-written page's front matter must state, for both adapters: a description,
and the date it was last updated (YYYY-MM-DD); what it must not: a citation where only plain
text is shown (the title and the description), or a key the build writes itself (`kb_…`).
Problems come back as data, located."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from .cite_syntax import unread_citations
from .dates import as_date
from .front_matter import front_matter_problem, key_line
from .model import Problem

__all__ = ["REQUIRED", "front_matter_problems"]
REQUIRED = ("description", "updated")
# Shown as plain text (<title>, the navigation, <meta>, search results): never read for citations.
PLAIN_TEXT = ("title", "description")
# The front matter keys the build writes on its own pages (the research index's).
INTERNAL_PREFIX = "kb_"


class _AnyKey:
    """Every key: in the front matter, '@word' after a space reads as a citation of it."""

    def __contains__(self, key: object) -> bool:
        return True


def front_matter_problems(meta: Mapping, location: str, source: str | None = None) -> list[Problem]:
    """What is missing or wrong in a hand-written page's front matter `meta`; `source`, the
    page's text, gives the problems their lines and says whether the YAML could be read at
    all (then that is the one problem: what it lacks follows from it)."""
    if source is not None:
        unreadable = front_matter_problem(source, location)
        if unreadable is not None:
            return [unreadable]

    def line(name: str) -> int | None:
        return key_line(source, name) if source is not None else None

    problems = [Problem(location, None, f"front matter lacks '{name}'")
                for name in REQUIRED if not meta.get(name)]
    updated = meta.get("updated")
    if isinstance(updated, datetime.datetime):
        problems.append(Problem(location, line("updated"),
                                f"'updated' must be a date (YYYY-MM-DD), not a date and time "
                                f"('{updated.isoformat(sep=' ')}'): leave the time out"))
    elif updated and as_date(updated) is None:
        problems.append(Problem(location, None, f"'updated' must be a date (YYYY-MM-DD), not {updated!r}"))
    for name in PLAIN_TEXT:
        value = meta.get(name)
        found = unread_citations(value, _AnyKey()) if isinstance(value, str) else []
        if found:
            problems.append(Problem(location, line(name), f"front matter '{name}' holds what reads as a "
                                    f"citation, {found[0]!r}: the {name} is shown as plain text, "
                                    "where a citation cannot be read (cite in the page's text)"))
    for name in meta:
        if str(name).startswith(INTERNAL_PREFIX):
            problems.append(Problem(location, line(str(name)), f"front matter key '{name}' is one the "
                                    "build writes on its own pages (the research index's): remove it"))
    return problems
