"""Full references in APA 7 style as adapted in Norway ('&' between the last two names,
"et al.", "u.å.", "s.", "Red."), proven against Pandoc's citeproc with the Norsk APA CSL style
(tests/test_apa_oracle.py; README lists where the site deliberately differs).

Every reference comes out twice from one pass: as HTML (title in italics, values escaped,
links) and as plain text for hover text and exports. The formatter reads the entry's derived
fields (citekit.fields.derived), as every export does.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from .fields import Derived, derived, is_numeric
from .labels import AMPERSAND, ET_AL, Label
from .model import Entry, Person
from .people import initials, inverted, join_names, surname

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
    fields = derived(entry)
    if fields.kind.style == "legislation":
        _legislation(builder, fields, label, title_href)
    else:
        _author_element(builder, fields)
        builder.add(f" ({_date(entry, fields, label.year)}).")
        builder.add(" ")
        _FORMATTERS[fields.kind.style](builder, fields, title_href)
    if fields.link:
        builder.add(" ")
        builder.add(fields.link, href=fields.link)
    return builder.result()


def _name_list(names: list[str], more: bool) -> str:
    """'A & B', 'A, B & C'; past twenty names the first nineteen, '…' and the last; a list
    that ends in 'and others' (the rest unknown): 'A et al.', 'A, B, et al.'."""
    if len(names) > MAX_LISTED_AUTHORS:
        return ", ".join(names[: MAX_LISTED_AUTHORS - 1]) + ", … " + names[-1]
    if more:
        return ", ".join(names) + ("," if len(names) > 1 else "") + f" {ET_AL}"
    return join_names(names, AMPERSAND)


def _author_element(builder: _Builder, fields: Derived) -> None:
    text = _name_list([inverted(p) for p in fields.creators], fields.more_creators)
    if fields.editors_are_creators:
        text += " (Red.)"
    builder.add(text)
    builder.end_element()


def _date(entry: Entry, fields: Derived, year_label: str) -> str:
    """The year (with any 2017a suffix), and for web pages the day or month."""
    issued = entry.issued
    if (not fields.kind.full_date or issued is None or issued.end or issued.open_end
            or issued.start.month is None):
        return year_label
    return f"{year_label}, {issued.start.norwegian_without_year()}"


def _legislation(builder: _Builder, fields: Derived, label: Label, title_href: str | None) -> None:
    """An act as Norwegian APA cites it: 'Lov om ... (integreringsloven). (2020).
    LOV-2020-11-06-127. Lovdata.'"""
    builder.add(fields.title, italic=True, href=title_href)
    builder.add(f" ({fields.short_title})")
    builder.end_element()
    builder.add(f" ({label.year}).")
    if fields.number:
        builder.add(" " + fields.number)
        builder.end_element()
    _publisher_element(builder, fields)


def _number(fields: Derived) -> str:
    """'Fafo-rapport 2017:31', 'Proba Rapport Nr. 2017-11', 'Nr. 12': the series, then the
    number, labelled when it is a plain number."""
    number = f"Nr. {fields.number}" if is_numeric(fields.number) else fields.number
    return f"{fields.series} {number}".strip()


def _report(builder: _Builder, fields: Derived, title_href: str | None) -> None:
    builder.add(fields.title, italic=True, href=title_href)
    if fields.number:
        builder.add(f" ({_number(fields)})")
    builder.end_element()
    _publisher_element(builder, fields)


def _book(builder: _Builder, fields: Derived, title_href: str | None) -> None:
    builder.add(fields.title, italic=True, href=title_href)
    if fields.edition:
        builder.add(f" ({fields.edition}. utg.)" if fields.edition.isdigit() else f" ({fields.edition})")
    builder.end_element()
    _publisher_element(builder, fields)


def _article(builder: _Builder, fields: Derived, title_href: str | None) -> None:
    builder.add(fields.title, href=title_href)
    builder.end_element()
    builder.add(" ")
    builder.add(fields.container, italic=True)
    if fields.volume:
        builder.add(", ")
        builder.add(fields.volume, italic=True)
    if fields.issue:
        builder.add(f"({fields.issue})")
    if fields.pages:
        builder.add(", " + fields.pages)
    builder.end_element()


def _chapter(builder: _Builder, fields: Derived, title_href: str | None) -> None:
    builder.add(fields.title, href=title_href)
    builder.end_element()
    builder.add(" I ")
    if fields.editors:
        builder.add(_name_list([_name_first(p) for p in fields.editors], fields.more_editors) + " (Red.), ")
    builder.add(fields.container, italic=True)
    if fields.pages:
        builder.add(f" (s. {fields.pages})")
    builder.end_element()
    _publisher_element(builder, fields)


def _thesis(builder: _Builder, fields: Derived, title_href: str | None) -> None:
    """APA 7: a thesis found in a database or archive (it has a DOI or URL) names its school
    inside the brackets, '[Masteroppgave, OsloMet]'; an unpublished one after them."""
    builder.add(fields.title, italic=True, href=title_href)
    published = bool(fields.link)
    bracketed = ", ".join(part for part in (fields.genre, fields.shown_publisher if published else "") if part)
    if bracketed:
        builder.add(f" [{bracketed}]")
    builder.end_element()
    if not published:
        _publisher_element(builder, fields)


def _standalone(builder: _Builder, fields: Derived, title_href: str | None) -> None:
    """Guides, templates, web pages and other documents: title, [type], publisher."""
    builder.add(fields.title, italic=True, href=title_href)
    if fields.genre:
        builder.add(f" [{fields.genre}]")
    builder.end_element()
    _publisher_element(builder, fields)


def _publisher_element(builder: _Builder, fields: Derived) -> None:
    """APA leaves the publisher out when it is the author (fields.shown_publisher)."""
    if fields.shown_publisher:
        builder.add(" " + fields.shown_publisher)
        builder.end_element()


def _name_first(person: Person) -> str:
    """'A. B. Navn' for editors inside a chapter reference."""
    if person.is_organisation or not person.given:
        return surname(person)
    return f"{initials(person.given)} {surname(person)}"


_FORMATTERS: dict[str, Callable[[_Builder, Derived, str | None], None]] = {
    "report": _report, "book": _book, "article": _article, "chapter": _chapter,
    "thesis": _thesis, "document": _standalone,
}
