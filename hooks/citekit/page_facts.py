"""What each guidance page says about itself: how old its sources are, next to its own date
("Sist oppdatert 29. november 2026. Kildene på denne siden er fra 2015–2021."), and how to
cite the page (APA 7 as adapted in Norway, and BibTeX), in a collapsed block."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Iterable

from markdown.util import AtomicString

from .apa import format_reference
from .bibliography import parse_bibliography
from .dates import norwegian_date
from .labels import assign_labels
from .model import Entry
from .render import NOT_SEARCHED
from .slugs import slugify


@dataclass(frozen=True)
class SiteInfo:
    """Who publishes the site, for citing its pages."""

    name: str
    author: str


def source_years(entries: Iterable[Entry]) -> tuple[int, int] | None:
    """The first and last year of the works a page cites (undated works aside)."""
    years = [year for entry in entries if entry.issued
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


def page_entry(title: str, updated: datetime.date, url: str, site: SiteInfo, path: str) -> tuple[Entry, str]:
    """The page as a bibliography entry (an @online by the site's publisher), and its BibTeX."""
    key = f"kunnskapsbasen{updated.year}-{slugify(path.removesuffix('.md').removesuffix('index')) or 'forside'}"
    bibtex = (f"@online{{{key},\n  author = {{{{{_bib(site.author)}}}}},\n  title = {{{_bib(title)}}},\n"
              f"  date = {{{updated.isoformat()}}},\n  organization = {{{_bib(site.name)}}},\n"
              f"  url = {{{url}}},\n  langid = {{norsk}},\n}}\n")
    parsed = parse_bibliography(bibtex, "page")
    return parsed.entries[key], bibtex


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
    apa = etree.fromstring(f'<p class="kb-cite-page-apa">{reference.html}</p>')
    for node in apa.iter():
        node.text = AtomicString(node.text) if node.text else node.text
        node.tail = AtomicString(node.tail) if node.tail else node.tail
    block.append(apa)
    bib_intro = etree.SubElement(block, "p")
    bib_intro.text = AtomicString("BibTeX, for Zotero, EndNote, LaTeX og Pandoc:")
    pre = etree.SubElement(block, "pre")
    code = etree.SubElement(pre, "code", {"class": "language-bibtex"})
    code.text = AtomicString(bibtex)
    return block


def _bib(text: str) -> str:
    """Plain text made safe inside a braced BibTeX value."""
    for char in "\\{}%&$#_":
        text = text.replace(char, f"\\{char}")
    return text
