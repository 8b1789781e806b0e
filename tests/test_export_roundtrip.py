"""Every export read back by a reader that is not ours, for every entry of references.bib and for
generated bibliographies of every type: the .bib by bibtexparser, RIS by rispy, CSL-JSON by
Pandoc (read and written back as CSL-JSON; its formatting is tests/test_apa_oracle.py), COinS,
Highwire tags and JSON-LD parsed from the HTML the site writes (html.parser, json). Each field read back must be the
entry's derived field (citekit.fields.derived), the one record the APA formatter reads too."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qsl

import bibtexparser
import pypandoc
import pytest
import rispy
from hypothesis import HealthCheck, given, settings

from apa_oracle import normalise, oracle
from bib_strategies import bibliographies
from citekit.bibliography import Bibliography, load_bibliography
from citekit.entries import LINK_FIELDS
from citekit.exports import csl_item, to_bibtex, to_csl_json, to_ris
from citekit.fields import Derived, derived
from citekit.index_pages import work_item
from citekit.library import make_library
from citekit.metadata import head_html
from citekit.model import Entry
from citekit.people import inverted

ROOT = Path(__file__).resolve().parents[1]
REAL = list(load_bibliography(ROOT / "references.bib", "references.bib").entries.values())
SOME = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- BibTeX, by bibtexparser -------------------------------------------------------------------

def bibtex_problems(entries: list[Entry]) -> list[str]:
    library = bibtexparser.parse_string(to_bibtex(entries))
    assert library.failed_blocks == []
    read = {entry.key: entry for entry in library.entries}
    problems = []
    for entry in entries:
        again = read[entry.key]
        expected = {name: " ".join(value.split()) for name, value in entry.bibtex_fields.items()
                    if name not in LINK_FIELDS}
        found = {field.key: " ".join(str(field.value).split()) for field in again.fields}
        if (again.entry_type, found) != (entry.type, expected):
            problems.append(f"{entry.key}: {again.entry_type} {found} != {entry.type} {expected}")
    return problems


# --- RIS, by rispy ------------------------------------------------------------------------------

def ris_expected(f: Derived) -> dict:
    record = {"type_of_reference": f.kind.ris, "title": f.title,
              "authors": [inverted(p) for p in f.creators],
              "secondary_authors": [inverted(p) for p in f.editors],
              "short_title": f.short_title, "secondary_title": f.container,
              "year": f.date[:4], "date": f.date.replace("-", "/") + "/" if len(f.date) > 4 else "",
              "publisher": f.publisher, "issn": f.report_number or f.isbn, "type_of_work": f.genre,
              "volume": f.volume, "number": "" if f.report_number else f.number,
              "edition": f.edition, "place_published": f.address, "start_page": f.first_page,
              "end_page": f.last_page, "doi": f.doi, "urls": [f.url] if f.url else [],
              "abstract": f.abstract, "notes": [f.note] if f.note else [],
              "keywords": list(f.keywords), "language": f.language}
    return {name: value for name, value in record.items() if value}


def ris_problems(entries: list[Entry]) -> list[str]:
    records = rispy.loads(to_ris(entries))
    assert len(records) == len(entries)
    return [f"{entry.key}: {record} != {ris_expected(derived(entry))}"
            for entry, record in zip(entries, records, strict=True)
            if record != ris_expected(derived(entry))]


# --- CSL-JSON, by Pandoc ------------------------------------------------------------------------

def csl_problems(entries: list[Entry]) -> list[str]:
    """Pandoc reads our CSL-JSON into its own model and writes it out again: every field it
    writes back must be ours, and none of ours lost."""
    result = subprocess.run([pypandoc.get_pandoc_path(), "-f", "csljson", "-t", "csljson"],
                            input=to_csl_json(entries), capture_output=True, text=True,
                            check=True, timeout=120)
    read = {item["id"]: item for item in json.loads(result.stdout)}
    problems = []
    for entry in entries:
        ours, theirs = _comparable(csl_item(entry)), _comparable(read[entry.key])
        if ours != theirs:
            problems.append(f"{entry.key}: {theirs} != {ours}")
    return problems


def _comparable(item: dict) -> dict:
    # Pandoc writes a number as a number ("volume": 3) and a date's parts as strings or
    # numbers; compare the values as text.
    return {name: json.dumps(value, ensure_ascii=False, sort_keys=True).replace('"', "")
            for name, value in item.items()}


# --- COinS and Highwire, from the HTML the site writes ------------------------------------------

class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.coins: list[str] = []
        self.json_ld: list[dict] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("name") or "").startswith("citation_"):
            self.meta.append((attributes["name"], attributes.get("content") or ""))
        if tag == "span" and attributes.get("class") == "Z3988":
            self.coins.append(attributes.get("title") or "")
        self._in_json_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))
            self._in_json_ld = False


def read_tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def highwire_expected(f: Derived) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {"citation_title": [f.title],
                                  "citation_author": [inverted(p) for p in f.creators],
                                  "citation_publication_date": [f.date.replace("-", "/")],
                                  "citation_publisher": [f.publisher], "citation_doi": [f.doi],
                                  "citation_volume": [f.volume], "citation_issue": [f.issue],
                                  "citation_firstpage": [f.first_page], "citation_lastpage": [f.last_page],
                                  "citation_isbn": [f.isbn], "citation_language": [f.language],
                                  "citation_keywords": ["; ".join(f.keywords)],
                                  "citation_public_url": [f.url]}
    if f.kind.rules.number == "report":
        tags["citation_technical_report_institution"] = [f.publisher]
        tags["citation_technical_report_number"] = [f.report_number]
    tags["citation_journal_title" if f.kind.rules.number == "issue" else "citation_inbook_title"] = [f.container]
    return {name: [v for v in values if v] for name, values in tags.items() if any(values)}


def json_ld_expected(f: Derived) -> dict:
    def party(person) -> dict:
        if person.is_organisation or not person.given:
            return {"@type": "Organization", "name": person.family}
        family = f"{person.von} {person.family}".strip()
        return {"@type": "Person", "familyName": family, "givenName": person.given,
                "name": f"{person.given} {family}"}

    data: dict[str, Any] = {"@context": "https://schema.org", "@type": f.kind.schema, "name": f.title,
            "datePublished": f.date, "reportNumber": f.report_number, "abstract": f.abstract,
            "inLanguage": f.language, "url": f.url, "keywords": list(f.keywords),
            "publisher": {"@type": "Organization", "name": f.publisher} if f.publisher else None,
            "identifier": {"@type": "PropertyValue", "propertyID": "doi", "value": f.doi} if f.doi else None}
    if f.creators:
        data["editor" if f.editors_are_creators else "author"] = [party(p) for p in f.creators]
    if f.editors:
        data["editor"] = [party(p) for p in f.editors]
    return {name: value for name, value in data.items() if value}


def coins_expected(f: Derived) -> set[tuple[str, str]]:
    """What a COinS reader must find, whatever the format: title, people, date, identifiers."""
    title_key = {"journal": "rft.atitle", "book": "rft.atitle" if f.kind.rules.coins_genre == "bookitem"
                 else "rft.btitle"}.get(f.kind.rules.coins, "rft.title")
    person_key = "rft.creator" if f.kind.rules.coins == "dc" else "rft.au"
    pairs = {(title_key, f.title), ("rft.date", f.date)}
    pairs |= {(person_key, inverted(p)) for p in f.creators}
    pairs |= {("rft_id", value) for value in (f"info:doi/{f.doi}" if f.doi else "", f.url) if value}
    if f.publisher and f.kind.rules.coins != "journal":
        pairs.add(({"dissertation": "rft.inst", "dc": "rft.publisher"}.get(f.kind.rules.coins, "rft.pub"),
                   f.publisher))
    return {pair for pair in pairs if pair[1]}


def html_problems(entries: list[Entry], pages: dict[str, str], index_html: str) -> list[str]:
    """`pages`: each work's page HTML; `index_html`: a list holding every work's COinS span."""
    problems = []
    spans = [dict_pairs(title) for title in read_tags(index_html).coins]
    for entry in entries:
        f = derived(entry)
        meta: dict[str, list[str]] = {}
        for name, content in read_tags(pages[entry.key]).meta:
            meta.setdefault(name, []).append(content)
        if meta != highwire_expected(f):
            problems.append(f"{entry.key} highwire: {meta} != {highwire_expected(f)}")
        if read_tags(pages[entry.key]).json_ld != [json_ld_expected(f)]:
            problems.append(f"{entry.key} json-ld: {read_tags(pages[entry.key]).json_ld} != {json_ld_expected(f)}")
        expected = coins_expected(f)
        if not any(expected <= span for span in spans):
            problems.append(f"{entry.key} coins: no span holds {sorted(expected)}")
    return problems


def dict_pairs(title: str) -> set[tuple[str, str]]:
    return set(parse_qsl(title, keep_blank_values=True))


def generated_html(entries: list[Entry]) -> tuple[dict[str, str], str]:
    """The HTML the site writes for these works: each page's head tags, the index list."""
    library = make_library(_bibliography(entries))
    pages = {work.key: head_html(work.entry) for work in library.works.values()}
    index = "<ul>" + "".join(work_item(work, lambda path: path) for work in library.works.values()) + "</ul>"
    return pages, index


def _bibliography(entries: list[Entry]) -> Bibliography:
    return Bibliography(MappingProxyType({e.key: e for e in entries}), (), frozenset(), "generated.bib")


# --- the tests ----------------------------------------------------------------------------------

CHECKS = {"bibtex": bibtex_problems, "ris": ris_problems}


@pytest.mark.unit
@pytest.mark.parametrize("export", sorted(CHECKS))
def test_real_bibliography_round_trips(export):
    assert CHECKS[export](REAL) == []


@pytest.mark.unit
@SOME
@given(bibliographies())
def test_generated_bibliographies_round_trip(entries):
    assert bibtex_problems(entries) + ris_problems(entries) == []
    assert html_problems(entries, *generated_html(entries)) == []


@pytest.mark.unit
def test_real_bibliography_html_round_trips():
    assert html_problems(REAL, *generated_html(REAL)) == []


@pytest.mark.build
def test_csl_json_round_trips_through_pandoc():
    assert csl_problems(REAL) == []


@pytest.mark.build
@SOME
@given(bibliographies())
def test_generated_csl_json_round_trips_through_pandoc(entries):
    assert csl_problems(entries) == []


@pytest.mark.site
def test_built_site_round_trips(real_site):
    """What the real build writes, read back: each work's page (Highwire tags, its reference),
    the research index (COinS spans), each work's .bib and .ris download, and kilder.json
    formatted by Pandoc's citeproc with the Norsk APA style into the page's reference."""
    assert built_site_problems(real_site.site) == []


class _Reference(HTMLParser):
    """The text of a work page's `<p class="kb-entry-reference">`."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth or (tag == "p" and dict(attrs).get("class") == "kb-entry-reference"):
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def page_reference(page_html: str) -> str:
    parser = _Reference()
    parser.feed(page_html)
    return normalise("".join(parser.text))


def built_site_problems(site: Path) -> list[str]:
    library = make_library(load_bibliography(ROOT / "references.bib", "references.bib"))
    folder = site / "forskning"
    index = "".join(p.read_text(encoding="utf-8") for p in folder.glob("**/index.html"))
    pages = {work.key: (folder / work.slug / "index.html").read_text(encoding="utf-8")
             for work in library.works.values()}
    problems = html_problems(REAL, pages, index)
    for entry in REAL:
        slug = library.works[entry.key].slug
        ris = rispy.loads((folder / f"{slug}.ris").read_text(encoding="utf-8"))
        if ris != [ris_expected(derived(entry))]:
            problems.append(f"{slug}.ris: {ris}")
        bib = bibtexparser.parse_string((folder / f"{slug}.bib").read_text(encoding="utf-8"))
        if [e.key for e in bib.entries] != [entry.key] or bib.failed_blocks:
            problems.append(f"{slug}.bib: {[e.key for e in bib.entries]}")
    # kilder.json is the whole bibliography as CSL-JSON: Pandoc formats it with the style
    items = {item["id"]: item for item in json.loads((folder / "kilder.json").read_text(encoding="utf-8"))}
    formatted = oracle(REAL, items)
    for entry in REAL:
        expected = formatted[entry.key].reference
        if expected is not None and page_reference(pages[entry.key]) != expected:
            problems.append(f"{entry.key}: page {page_reference(pages[entry.key])!r} != citeproc {expected!r}")
    return problems
