"""Everything the site shows about each work, computed once per bibliography: its label, its
formatted reference and where its page lives."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .apa import format_reference
from .bibliography import Bibliography
from .coins import coins
from .entry_types import entry_type
from .labels import Label, assign_labels, creators, norwegian_sort_key
from .model import Entry, Problem
from .people import inverted
from .slugs import collisions, slugify

# The reference HTML carries this in place of the link to the work's page; each citing page
# swaps in its own relative URL, so a reference is formatted once, not once per page. It holds
# nothing html.escape changes, so it comes out of apa's escaping as written.
ENTRY_HREF = "@@entry-href@@"
# The names the research index gives its own pages, folders and downloads, beside the works'
# pages (forskning/<slug>.md, .bib, .ris): a work may not take one.
RESERVED_SLUGS = frozenset({"index", "kilder", "katalog", "ar", "type", "institutt", "tema"})
_RESERVED_PAGE = re.compile(r"^side-\d+$")


@dataclass(frozen=True)
class Work:
    entry: Entry
    label: Label
    slug: str
    reference_html: str  # the title links to ENTRY_HREF
    reference_html_unlinked: str
    reference_text: str
    coins: str  # its OpenURL ContextObject, for Zotero (citekit.coins)

    @property
    def key(self) -> str:
        return self.entry.key

    def sort_key(self) -> tuple[str, str, str]:
        first = creators(self.entry)
        # an act has no author: APA sorts it by its title, which stands in the author's place
        name = inverted(first[0]) if first else self.entry.get("title")
        return (norwegian_sort_key(name), self.label.year, norwegian_sort_key(self.entry.get("title")))


def build_catalogue(bibliography: Bibliography) -> tuple[dict[str, Work], list[Problem]]:
    """A `Work` for every entry, in APA order (first author, year, title), and the problems
    with the works' pages (two keys that make one page, a key the index reserves)."""
    labels = assign_labels(bibliography.entries.values())
    slugs, problems = entry_slugs(bibliography.entries, bibliography.name)
    works = []
    for key, entry in bibliography.entries.items():
        linked = format_reference(entry, labels[key], title_href=ENTRY_HREF)
        unlinked = format_reference(entry, labels[key])
        works.append(Work(entry, labels[key], slugs[key], linked.html, unlinked.html, unlinked.text,
                          coins(entry)))
    works.sort(key=Work.sort_key)
    return {work.key: work for work in works}, problems


def entry_slugs(entries: Mapping[str, Entry], file: str) -> tuple[dict[str, str], list[Problem]]:
    """The slug of each work's page, and a problem for each key that would take the page of
    another work or of the research index itself."""
    # A key of letters no slug keeps (Cyrillic, say) gets a stable name of its own.
    slugs = {key: slugify(key) or "verk-" + hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
             for key in entries}
    reserved = [key for key, slug in slugs.items() if slug in RESERVED_SLUGS or _RESERVED_PAGE.match(slug)]
    problems = [Problem(file, entries[key].line, f"key '{key}' is a name the research index uses "
                        f"for its own pages ('{slugs[key]}'): choose another key") for key in reserved]
    problems += [Problem(file, entries[clash.second].line, f"keys '{clash.first}' and '{clash.second}' "
                         f"would share one page ('{clash.slug}'): change one of them")
                 for clash in collisions(slugs, slugs.__getitem__, str) if clash.second not in reserved]
    return slugs, sorted(problems, key=lambda p: p.line or 0)


def kind(entry: Entry) -> str:
    """The type of work in Norwegian words; a @misc's own `type` (e.g. 'Mal') wins."""
    if entry.type == "misc" and entry.get("type"):
        return entry.get("type").lower()
    return entry_type(entry.type).word
