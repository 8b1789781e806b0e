"""The one slug function of the research index, for works, topics, publishers and types, and
the check that no two names make the same page: "NAV" and "Nav" would share `tema/nav.md`,
and one work would silently drop out of it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

_UNSAFE = re.compile(r"[^a-z0-9]+")
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "đ": "d", "ł": "l"})


def slugify(text: str) -> str:
    """Lower-case ASCII with hyphens: 'Ikke-offentlige aktører' -> 'ikke-offentlige-aktorer'."""
    text = text.lower().translate(_ASCII)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", text).strip("-")


@dataclass(frozen=True)
class Collision:
    """Two names (`first`, `second`) that make the same slug."""

    slug: str
    first: str
    second: str


def collisions(names: Iterable[str]) -> list[Collision]:
    """Every name whose slug an earlier, different name already took (or that has no slug)."""
    taken: dict[str, str] = {}
    found = []
    for name in names:
        slug = slugify(name)
        if slug in taken and taken[slug] != name:
            found.append(Collision(slug, taken[slug], name))
        taken.setdefault(slug, name)
    return found
