"""What each guidance page says about itself: how old its sources are, next to its own date
("Sist oppdatert 29. november 2026. Kildene på denne siden er fra 2015–2021."), and how to
cite the page (APA 7 as adapted in Norway, and BibTeX), in a collapsed block."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as etree  # noqa: N813 (the name Python-Markdown uses)
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from markdown.util import AtomicString

from .apa import format_reference
from .dates import DateValue, PartialDate, norwegian_date
from .entry_types import is_act
from .labels import assign_labels
from .model import Entry, Person
from .render import NOT_SEARCHED, from_html
from .slugs import slugify


@dataclass(frozen=True)
class SiteInfo:
    """Who publishes the site, for citing its pages."""

    name: str
    author: str


def source_years(entries: Iterable[Entry]) -> tuple[int, int] | None:
    """The first and last year of the works a page rests on: undated works and acts aside (an
    act from 2003 in force today says nothing about how old the page's advice is)."""
    years = [year for entry in entries if entry.issued and not is_act(entry.type)
             for year in (entry.issued.start.year, (entry.issued.end or entry.issued.start).year)]
    return (min(years), max(years)) if years else None


def dates_line(updated: datetime.date | None, years: tuple[int, int] | None) -> etree.Element | None:
    """`<p class="kb-page-dates">`: the page's date and the age of its sources."""
    if updated is None and years is None:
        return None
    line = etree.Element("p", {"class": "kb-page-dates", **NOT_SEARCHED})
    if updated is not None:
        span = etree.SubElement(line, "span", {"class": "kb-updated"})
        span.text = AtomicString("Sist oppdatert ")
        time = etree.SubElement(span, "time", {"datetime": updated.isoformat()})
        time.text = AtomicString(norwegian_date(updated))
        time.tail = AtomicString(".")
        span.tail = AtomicString(" ")
    if years is not None:
        first, last = years
        span = etree.SubElement(line, "span", {"class": "kb-source-age"})
        period = str(first) if first == last else f"{first}–{last}"
        span.text = AtomicString(f"Kildene på denne siden er fra {period}.")
    return line


CURRENCY_NOTE_CLASS = "kb-currency-note"


def currency_note(years: Sequence[str], newer: Sequence[tuple[str, str]], href: str) -> etree.Element:
    """`<p class="kb-currency-note">`: some of the page's advice is from `years`, who has
    published newer guidance since (`newer`: its label, "IMDi (2023)", and its page's link),
    and a link to "Hva er nytt" (`href`)."""
    note = etree.Element("p", {"class": CURRENCY_NOTE_CLASS, **NOT_SEARCHED})
    note.text = AtomicString(f"Noen av rådene på denne siden er fra {_listed(years)}. ")
    last = None
    for index, (label, work_href) in enumerate(newer):
        if last is not None:
            last.tail = AtomicString(" og " if index == len(newer) - 1 else ", ")
        last = etree.SubElement(note, "a", {"href": work_href})
        last.text = AtomicString(label)
    if last is not None:
        last.tail = AtomicString(" har senere publisert nyere veiledning. Se ")
    link = etree.SubElement(note, "a", {"href": href})
    link.text = AtomicString("Hva er nytt")
    link.tail = AtomicString(".")
    return note


def _listed(items: Sequence[str]) -> str:
    """"a", "a og b", "a, b og c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def page_entry(title: str, updated: datetime.date, url: str, site: SiteInfo, path: str) -> tuple[Entry, str]:
    """The page as a bibliography entry (an @online by the site's publisher), and its BibTeX
    for the reader to copy."""
    key = f"kunnskapsbasen{updated.year}-{slugify(path.removesuffix('.md').removesuffix('index')) or 'forside'}"
    fields = {"title": title, "date": updated.isoformat(), "organization": site.name, "url": url,
              "langid": "norsk"}
    bibtex_fields = {"author": f"{{{_bib(site.author)}}}",
                     **{name: _bib(value) if name in ("title", "organization") else value
                        for name, value in fields.items()}}
    entry = Entry(key, "online", 1, MappingProxyType(fields), MappingProxyType(bibtex_fields),
                  authors=(Person(site.author, is_organisation=True),),
                  issued=DateValue(PartialDate(updated.year, updated.month, updated.day)))
    lines = "".join(f"  {name} = {{{value}}},\n" for name, value in bibtex_fields.items())
    return entry, f"@online{{{key},\n{lines}}}\n"


def cite_block(title: str, updated: datetime.date, url: str, site: SiteInfo, path: str) -> etree.Element:
    """`<details class="kb-cite-page">`: how to cite this page, collapsed."""
    entry, bibtex = page_entry(title, updated, url, site, path)
    label = assign_labels([entry])[entry.key]
    reference = format_reference(entry, label)
    block = etree.Element("details", {"class": "kb-cite-page quote", **NOT_SEARCHED})
    summary = etree.SubElement(block, "summary")
    summary.text = AtomicString("Slik siterer du denne siden")
    intro = etree.SubElement(block, "p")
    intro.text = AtomicString(f"I teksten: ({label.parenthetical}). Referanse i APA 7-stil:")
    block.append(from_html("p", {"class": "kb-cite-page-apa"}, reference.html))
    bib_intro = etree.SubElement(block, "p")
    bib_intro.text = AtomicString("BibTeX, for Zotero, EndNote, LaTeX og Pandoc:")
    pre = etree.SubElement(block, "pre")
    code = etree.SubElement(pre, "code", {"class": "language-bibtex"})
    code.text = AtomicString(bibtex)
    return block


def _bib(text: str) -> str:
    """Plain text made safe inside a braced BibTeX value (a backslash as a command, not as
    the start of one)."""
    parts = text.split("\\")
    for char in "{}%&$#_":
        parts = [part.replace(char, f"\\{char}") for part in parts]
    return "\\textbackslash{}".join(parts)
