"""Resolving citations, apart from reading and rendering them: keys and the library in;
what each key links to and shows, the works a page's "Kilder" lists, and the problems out,
as data for whoever reports them (as mkdocstrings-autorefs returns unmapped references)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import ENTRY_HREF
from .library import Library


@dataclass(frozen=True)
class Target:
    """What a citation of one work links to and shows (its hover text: the reference); `via`
    is the work the site read it in, when it knows the work only second-hand (APA's secondary
    citation)."""

    names: str  # inside parentheses: 'Røhnebæk & Eide'
    year: str
    href: str
    hover: str
    via: Target | None = None
    narrative_names: str = ""  # in running text, when they differ: 'Røhnebæk og Eide'
    sort_key: tuple[str, str] = ("", "")  # its place among others in one parenthesis


@dataclass(frozen=True)
class ListedWork:
    """One line of a "Kilder" list: the reference HTML and where the page cites the work."""

    key: str
    reference_html: str  # HTML from citekit.apa, its title linked from the citing page
    cite_numbers: Sequence[int]
    coins: str = ""  # the work's OpenURL ContextObject, for Zotero (citekit.coins)


@dataclass(frozen=True)
class Cited:
    """One numbered citation of a known work; `via` the work read for it, or ''."""

    number: int
    key: str
    via: str = ""

    @property
    def read(self) -> str:
        """The work the site has read: what "Kilder" lists (APA's rule for secondary sources)."""
        return self.via or self.key


def target(library: Library, key: str, page_path: str) -> Target | None:
    """What a citation of `key` on the page at `page_path` links to and shows; None when the
    key is not a work (`unknown_key_message` says what to report)."""
    work = library.works.get(key)
    if work is None:
        return None
    via = read_through(library, key)
    return Target(work.label.names, work.label.year, library.entry_href(key, page_path),
                  work.reference_text, _read(library, via, page_path) if via else None,
                  work.label.narrative_names, work.label.sort_key)


def _read(library: Library, key: str, page_path: str) -> Target:
    """The work read, shown without a `via` of its own: APA's secondary citation has one
    step, and a `citedin` that names the entry itself or loops back (reported by
    citekit.entries.check_links) must not send the reading round in circles."""
    work = library.works[key]
    return Target(work.label.names, work.label.year, library.entry_href(key, page_path),
                  work.reference_text, None, work.label.narrative_names, work.label.sort_key)


def unknown_key_message(library: Library, key: str) -> str | None:
    """What to say of a citation of `key` that is not a work, or None when the reason is
    already reported (its entry is broken, or the bibliography unreadable)."""
    bibliography = library.bibliography
    if key in bibliography.broken_keys or not library.readable:
        return None
    hint = bibliography.suggest(key)
    message = f"unknown citation key '{key}'"
    return f"{message} (did you mean '{hint}'?)" if hint else message


def read_through(library: Library, key: str) -> str:
    """The work through which the site knows `key`, or '' when it has read it itself."""
    via = library.works[key].entry.get("citedin") if key in library.works else ""
    return via if via in library.works and via != key else ""


def listed_works(cited: Sequence[Cited], library: Library, page_path: str) -> list[ListedWork]:
    """The page's "Kilder": each work read, once, in APA order, with the numbers of the
    citations that rest on it and its reference linked from this page."""
    numbers: dict[str, list[int]] = {}
    for item in cited:
        numbers.setdefault(item.read, []).append(item.number)
    listed = []
    for key in sorted(numbers, key=library.position.__getitem__):
        work = library.works[key]
        href = html.escape(library.entry_href(key, page_path))
        listed.append(ListedWork(key, work.reference_html.replace(ENTRY_HREF, href), numbers[key],
                                 work.coins))
    return listed
