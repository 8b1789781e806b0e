"""The ways to browse the research index (year, type, publisher, topic) as data: which names
each work is filed under, the page each name makes, and the problems of names that make no
page or share one. The library checks the names when it loads; the research index groups the
works, once per library (`groups`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from .catalogue import Work, kind
from .dates import NO_DATE
from .fields import publisher_name
from .labels import norwegian_sort_key
from .model import Problem
from .slugs import collisions, slugify

if TYPE_CHECKING:
    from .library import Library


@dataclass(frozen=True)
class Facet:
    """One way to browse: by year, type, publisher or topic."""

    folder: str
    title: str
    group_title: str  # "{}" is the group's name


FACETS = (
    Facet("ar", "Etter år", "Kilder fra {}"),
    Facet("type", "Etter type", "Type: {}"),
    Facet("institutt", "Etter utgiver", "Utgitt av {}"),
    Facet("tema", "Etter emne", "Emne: {}"),
)
_WHAT = {"type": "types", "institutt": "publishers", "tema": "keywords"}


@dataclass(frozen=True)
class Group:
    facet: Facet
    name: str
    slug: str
    works: tuple[Work, ...]

    @property
    def path(self) -> str:
        return f"{self.facet.folder}/{self.slug}.md"


def facet_values(facet: Facet, work: Work) -> list[str]:
    entry = work.entry
    if facet.folder == "ar":
        return [entry.year or NO_DATE]
    if facet.folder == "type":
        return [kind(entry)]
    if facet.folder == "institutt":
        body = publisher_name(entry)
        return [body] if body else []
    return list(entry.keywords)


def group_slug(facet: Facet, name: str) -> str:
    return "ua" if facet.folder == "ar" and name == NO_DATE else slugify(name)


def name_problems(works: Iterable[Work], file: str = "references.bib") -> list[Problem]:
    """A problem for two names that would share one page ("NAV" and "Nav": one of them would
    silently lose its works), and for a name that makes no page at all."""
    works = list(works)
    problems = []
    for facet in FACETS:
        named = [(value, work) for work in works for value in facet_values(facet, work)]
        for value, work in named:
            if not group_slug(facet, value):
                problems.append(Problem(file, work.entry.line, f"entry '{work.key}': "
                                        f"{_WHAT[facet.folder][:-1]} {value!r} makes no page name"))
        def slug(pair: tuple[str, Work], facet: Facet = facet) -> str:
            return group_slug(facet, pair[0])

        for clash in collisions(named, slug, lambda pair: pair[0]):
            (first, owner), (value, work) = clash.first, clash.second
            problems.append(Problem(
                file, work.entry.line,
                f"{_WHAT[facet.folder]} {first!r} (entry '{owner.key}') and {value!r} "
                f"(entry '{work.key}') would share the page '{facet.folder}/{clash.slug}': "
                "write them the same way"))
    return problems


def build_groups(works: Iterable[Work]) -> dict[str, list[Group]]:
    """folder -> its groups (years newest first, the rest alphabetically, æ, ø, å last). Of
    names that share a page (a problem `name_problems` reports) the first one keeps it."""
    works = list(works)
    result = {}
    for facet in FACETS:
        members: dict[str, list[Work]] = defaultdict(list)
        for work in works:
            for value in facet_values(facet, work):
                members[value].append(work)
        if facet.folder == "ar":
            years = sorted((n for n in members if n.isdigit()), reverse=True)
            names = years + [n for n in members if not n.isdigit()]
        else:
            names = sorted(members, key=norwegian_sort_key)
        result[facet.folder] = [Group(facet, n, group_slug(facet, n), tuple(members[n])) for n in names]
    return result


def groups(library: Library) -> dict[str, list[Group]]:
    """The library's groups, computed the first time they are asked for."""
    if "facets.groups" not in library.derived:
        library.derived["facets.groups"] = build_groups(library.works.values())
    return cast("dict[str, list[Group]]", library.derived["facets.groups"])
