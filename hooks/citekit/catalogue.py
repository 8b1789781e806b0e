"""Everything the site shows about each work, computed once per bibliography: its label, its
formatted reference and where its page lives."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Mapping

from .apa import format_reference
from .bibliography import Bibliography
from .labels import Label, assign_labels, creators, norwegian_sort_key
from .model import Entry
from .people import inverted

# The reference HTML carries this in place of the link to the work's page; each citing page
# swaps in its own relative URL, so a reference is formatted once, not once per page.
ENTRY_HREF = "@@entry-href@@"
_UNSAFE = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class Work:
    entry: Entry
    label: Label
    slug: str
    reference_html: str  # the title links to ENTRY_HREF
    reference_html_unlinked: str
    reference_text: str

    @property
    def key(self) -> str:
        return self.entry.key

    def sort_key(self) -> tuple[str, str, str]:
        first = creators(self.entry)
        name = inverted(first[0]) if first else ""
        return (norwegian_sort_key(name), self.label.year, norwegian_sort_key(self.entry.get("title")))


def build_catalogue(bibliography: Bibliography) -> dict[str, Work]:
    """A `Work` for every entry, in APA order (first author, year, title)."""
    labels = assign_labels(bibliography.entries.values())
    slugs = entry_slugs(bibliography.entries)
    works = []
    for key, entry in bibliography.entries.items():
        linked = format_reference(entry, labels[key], title_href=ENTRY_HREF)
        unlinked = format_reference(entry, labels[key])
        works.append(Work(entry, labels[key], slugs[key], linked.html, unlinked.html, unlinked.text))
    works.sort(key=Work.sort_key)
    return {work.key: work for work in works}


def entry_slugs(entries: Mapping[str, Entry]) -> dict[str, str]:
    """A URL-safe slug per key (lower-case ASCII); a short hash is added where two would clash."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for key in entries:
        slug = _UNSAFE.sub("-", key.lower().translate(_ASCII)).strip("-") or "kilde"
        if slug in taken:
            slug += "-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
        taken.add(slug)
        slugs[key] = slug
    return slugs


_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "é": "e"})


KINDS = {
    "article": "artikkel", "book": "bok", "incollection": "bokkapittel", "inbook": "bokkapittel",
    "inproceedings": "konferansebidrag", "report": "rapport", "techreport": "rapport",
    "thesis": "avhandling", "phdthesis": "doktoravhandling", "mastersthesis": "masteroppgave",
    "manual": "veileder", "online": "nettside", "www": "nettside", "electronic": "nettside",
    "misc": "dokument", "legislation": "lov",
}


def kind(entry: Entry) -> str:
    """The type of work in Norwegian words; a @misc's own `type` (e.g. 'Mal') wins."""
    if entry.type == "misc" and entry.get("type"):
        return entry.get("type").lower()
    return KINDS.get(entry.type, "dokument")


def institute(entry: Entry) -> str:
    """The institute or body behind a work, for grouping: the first name of its `shortauthor`
    (Fafo, NORCE, IMDi), else its institution or publisher, else an organisation that wrote it."""
    if entry.short_authors:
        return entry.short_authors[0].family
    named = entry.get("institution") or entry.get("organization") or entry.get("publisher")
    if named:
        return named
    people = creators(entry)
    return people[0].family if people and people[0].is_organisation else ""


def slugify(text: str) -> str:
    """A URL-safe slug for topics, types and institutes."""
    return _UNSAFE.sub("-", text.lower().translate(_ASCII)).strip("-") or "x"
