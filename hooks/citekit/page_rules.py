"""What every hand-written page's front matter must state, for both adapters: a description,
and the date it was last updated (YYYY-MM-DD). Problems come back as data, located."""

from __future__ import annotations

from collections.abc import Mapping

from .dates import as_date
from .model import Problem

__all__ = ["REQUIRED", "front_matter_problems"]
REQUIRED = ("description", "updated")


def front_matter_problems(meta: Mapping, location: str) -> list[Problem]:
    """What is missing or wrong in a hand-written page's front matter `meta`."""
    problems = [Problem(location, None, f"front matter lacks '{name}'")
                for name in REQUIRED if not meta.get(name)]
    updated = meta.get("updated")
    if updated and as_date(updated) is None:
        problems.append(Problem(location, None, f"'updated' must be a date (YYYY-MM-DD), not {updated!r}"))
    return problems
