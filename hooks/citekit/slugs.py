"""The one slug function of the research index, for works, topics, publishers and types, and
the one check that no two names make the same page: "NAV" and "Nav" would share `tema/nav.md`,
and one work would silently drop out of it (catalogue.entry_slugs and facets.name_problems
both ask it)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

_UNSAFE = re.compile(r"[^a-z0-9]+")
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "đ": "d", "ł": "l"})

T = TypeVar("T")


def slugify(text: str) -> str:
    """Lower-case ASCII with hyphens: 'Ikke-offentlige aktører' -> 'ikke-offentlige-aktorer'."""
    text = text.lower().translate(_ASCII)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", text).strip("-")


@dataclass(frozen=True)
class Collision(Generic[T]):
    """Two differently named things (`first` took the slug, `second` wants it) that would
    share one page."""

    slug: str
    first: T
    second: T


def collisions(items: Iterable[T], slug: Callable[[T], str], name: Callable[[T], str]) -> list[Collision[T]]:
    """Every item whose slug an earlier item of a different name already took, in order. An
    item with no slug at all is the caller's to report (it makes no page)."""
    taken: dict[str, T] = {}
    found = []
    for item in items:
        item_slug = slug(item)
        if not item_slug:
            continue
        first = taken.setdefault(item_slug, item)
        if name(first) != name(item):
            found.append(Collision(item_slug, first, item))
    return found
