"""Full references in APA 7 style as adapted in Norway ("og", "mfl.", "u.å.", "s.", "Red.").

Every reference comes out twice from one pass: as HTML (title in italics, values escaped,
links) and as plain text for hover text and exports.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from .entry_types import entry_type
from .fields import en_dash_ranges, publisher, report_number, series
from .labels import Label, creators
from .model import Entry, Person
from .people import initials, inverted, join_names, same_party, surname

MAX_LISTED_AUTHORS = 20


@dataclass(frozen=True)
class Reference:
    html: str
    text: str


class _Builder:
    """Collects a reference as HTML and plain text at once."""

    def __init__(self) -> None:
        self._html: list[str] = []
        self._text: list[str] = []

    def add(self, text: str, *, italic: bool = False, href: str | None = None) -> None:
        if not text:
            return
        markup = html.escape(text)
        if href:
            markup = f'<a href="{html.escape(href)}">{markup}</a>'
        if italic:
            markup = f"<em>{markup}</em>"
        self._html.append(markup)
        self._text.append(text)

    def end_element(self) -> None:
        """Close an APA element with a period, unless it already ends a sentence."""
        last = self._text[-1].rstrip() if self._text else ""
        if last and last[-1] not in ".?!":
            self.add(".")

    def result(self) -> Reference:
        return Reference("".join(self._html).strip(), "".join(self._text).strip())


def format_reference(entry: Entry, label: Label, title_href: str | None = None) -> Reference:
    """The entry as an APA 7 reference; `label.year` carries any 2017a/2017b suffix."""
    builder = _Builder()
    style = entry_type(entry.type).style
    if style == "legislation":
        _legislation(builder, entry, label, title_href)
    else:
        _author_element(builder, entry)
        builder.add(f" ({_date(entry, label.year)}).")
        builder.add(" ")
        _FORMATTERS[style](builder, entry, title_href)
    _link_element(builder, entry)
    return builder.result()


def _author_element(builder: _Builder, entry: Entry) -> None:
    people = creators(entry)
    names = [inverted(p) for p in people]
    more = entry.more_authors if entry.authors else entry.more_editors
    if len(names) > MAX_LISTED_AUTHORS:
        text = ", ".join(names[: MAX_LISTED_AUTHORS - 1]) + ", … " + names[-1]
    elif more:
        text = ", ".join(names) + " mfl."  # the bib says "and others": the rest is unknown
    else:
        text = join_names(names)
    if not entry.authors and entry.editors:
        text += " (Red.)"
    builder.add(text)
    builder.end_element()


def _date(entry: Entry, year_label: str) -> str:
    """The year (with any 2017a suffix), and for web pages and documents the day or month."""
    issued = entry.issued
    if (not entry_type(entry.type).full_date or issued is None or issued.end or issued.open_end
            or issued.start.month is None):
        return year_label
    return f"{year_label}, {issued.start.norwegian_without_year()}"


def _legislation(builder: _Builder, entry: Entry, label: Label, title_href: str | None) -> None:
    """An act as Norwegian APA cites it: 'Lov om ... (integreringsloven). (2020).
    LOV-2020-11-06-127. Lovdata.'"""
    builder.add(entry.get("title"), italic=True, href=title_href)
    builder.add(f" ({entry.get('shorttitle')})")
    builder.end_element()
    builder.add(f" ({label.year}).")
    if entry.get("number"):
        builder.add(" " + entry.get("number"))
        builder.end_element()
    _publisher_element(builder, entry, publisher(entry))


def _report(builder: _Builder, entry: Entry, title_href: str | None) -> None:
    builder.add(entry.get("title"), italic=True, href=title_href)
    if entry.get("number"):
        builder.add(f" ({report_number(entry)})" if series(entry) else f" (Rapport nr. {entry.get('number')})")
    builder.end_element()
    _publisher_element(builder, entry, publisher(entry))


def _book(builder: _Builder, entry: Entry, title_href: str | None) -> None:
    builder.add(entry.get("title"), italic=True, href=title_href)
    edition = entry.get("edition")
    if edition:
        builder.add(f" ({edition}. utg.)" if edition.isdigit() else f" ({edition})")
    builder.end_element()
    _publisher_element(builder, entry, publisher(entry))


def _article(builder: _Builder, entry: Entry, title_href: str | None) -> None:
    builder.add(entry.get("title"), href=title_href)
    builder.end_element()
    builder.add(" ")
    builder.add(entry.get("journal"), italic=True)
    if entry.get("volume"):
        builder.add(", ")
        builder.add(entry.get("volume"), italic=True)
    if entry.get("number"):
        builder.add(f"({entry.get('number')})")
    if entry.get("pages"):
        builder.add(", " + en_dash_ranges(entry.get("pages")))
    builder.end_element()


def _chapter(builder: _Builder, entry: Entry, title_href: str | None) -> None:
    builder.add(entry.get("title"), href=title_href)
    builder.end_element()
    builder.add(" I ")
    if entry.editors:
        builder.add(join_names([_name_first(p) for p in entry.editors]) + " (Red.), ")
    builder.add(entry.get("booktitle"), italic=True)
    if entry.get("pages"):
        builder.add(" (s. " + en_dash_ranges(entry.get("pages")) + ")")
    builder.end_element()
    _publisher_element(builder, entry, publisher(entry))


def _thesis(builder: _Builder, entry: Entry, title_href: str | None) -> None:
    builder.add(entry.get("title"), italic=True, href=title_href)
    kind = entry.get("type") or entry_type(entry.type).thesis_kind
    if kind:
        builder.add(f" [{kind}]")
    builder.end_element()
    _publisher_element(builder, entry, publisher(entry))


def _standalone(builder: _Builder, entry: Entry, title_href: str | None) -> None:
    """Guides, templates, web pages and other documents: title, [type], publisher."""
    builder.add(entry.get("title"), italic=True, href=title_href)
    if entry.get("type"):
        builder.add(f" [{entry.get('type')}]")
    builder.end_element()
    _publisher_element(builder, entry, publisher(entry) or entry.get("howpublished"))


def _publisher_element(builder: _Builder, entry: Entry, name: str) -> None:
    """APA leaves the publisher out when it is the author."""
    if name and not same_party(creators(entry), name):
        builder.add(" " + name)
        builder.end_element()


def _link_element(builder: _Builder, entry: Entry) -> None:
    url = f"https://doi.org/{entry.doi}" if entry.doi else entry.get("url")
    if url:
        builder.add(" ")
        builder.add(url, href=url)


def _name_first(person: Person) -> str:
    """'A. B. Navn' for editors inside a chapter reference."""
    if person.is_organisation or not person.given:
        return surname(person)
    return f"{initials(person.given)} {surname(person)}"


_FORMATTERS: dict[str, Callable[[_Builder, Entry, str | None], None]] = {
    "report": _report, "book": _book, "article": _article, "chapter": _chapter,
    "thesis": _thesis, "document": _standalone,
}
